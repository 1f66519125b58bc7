// The JSON shapes of the HTTP API, documented in the README. The one place they are built.
#pragma once

#include <nlohmann/json.hpp>

#include "core/index_records.h"
#include "core/status.h"
#include "server/insight/admin_service.h"
#include "server/insight/search_log.h"
#include "server/search/search_service.h"

namespace kb {

nlohmann::json SearchResponseJson(const SearchResponse& response);
nlohmann::json ArticleJson(const ArticleRecord& article, const ArticleUrls& urls,
                           const std::vector<ArticleLink>& related);
nlohmann::json HealthJson(const IndexInfo& info, const SearchLogStats* log);
// `generation` is the live index's: gaps it answered are listed as "answered_by_last_reindex".
nlohmann::json GapReportJson(const GapReport& report, const std::string& generation);
// The body a webhook receives for `alert` (README, "Alerts for emerging gaps"), linking to
// `admin_url`.
nlohmann::json GapAlertJson(const GapAlert& alert, const std::string& admin_url);
// "emerging since 2026-09-14 14:00 UTC: 23 misses in the last hour against 0.5/hour before".
std::string EmergenceText(EmergingWindow window, std::int64_t since_ms, int recent_misses,
                          double baseline_rate);
nlohmann::json ArticlesReportJson(const std::vector<ArticleReportRow>& rows);
// {"categories":["account","billing"]}
nlohmann::json CategoriesJson(const std::vector<std::string>& categories);
// {"name":"kb","endpoints":[...]}: GET /api.
nlohmann::json ApiIndexJson(const std::vector<std::string>& endpoints);
// {"status":"recorded"}: what a write that has nothing else to say answers.
nlohmann::json DoneJson(const std::string& what);
// {"error":{"code":"query_too_long","message":"..."}}
nlohmann::json ErrorJson(const Status& status);

// Serializes for the wire; invalid UTF-8 (which validated input never produces) is replaced
// rather than thrown on.
std::string Dump(const nlohmann::json& json);

}  // namespace kb
