// The JSON shapes of the HTTP API, documented in the README. The one place they are built.
#pragma once

#include <nlohmann/json.hpp>

#include "core/index_records.h"
#include "core/status.h"
#include "server/admin_service.h"
#include "server/search_service.h"

namespace kb {

nlohmann::json SearchResponseJson(const SearchResponse& response);
nlohmann::json ArticleJson(const ArticleRecord& article, const ArticleUrls& urls,
                           const std::vector<ArticleLink>& related);
nlohmann::json HealthJson(const IndexInfo& info, const SearchLogStats* log);
// `generation` is the live index's: gaps it answered are listed as "answered_by_last_reindex".
nlohmann::json GapReportJson(const GapReport& report, const std::string& generation);
nlohmann::json ArticlesReportJson(const std::vector<ArticleReportRow>& rows);
// {"error":{"code":"query_too_long","message":"..."}}
nlohmann::json ErrorJson(const Status& status);

// Serializes for the wire; invalid UTF-8 (which validated input never produces) is replaced
// rather than thrown on.
std::string Dump(const nlohmann::json& json);

}  // namespace kb
