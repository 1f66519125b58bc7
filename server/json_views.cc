#include "server/json_views.h"

#include <cmath>

#include "core/schema.h"

namespace kb {

using nlohmann::json;

json SearchResponseJson(const SearchResponse& response) {
  const SearchResult& r = response.result;
  json results = json::array();
  for (const SearchHit& hit : r.hits) {
    json sections = json::array();
    for (const SectionLink& s : hit.more_sections) {
      sections.push_back({{"section", s.heading}, {"anchor", s.anchor}, {"url", s.url}});
    }
    results.push_back({{"slug", hit.slug},
                       {"title", hit.title},
                       {"section", hit.heading},
                       {"anchor", hit.anchor},
                       {"url", hit.url},
                       {"snippet", hit.snippet},
                       {"category", hit.category},
                       {"tags", hit.tags},
                       {"locale", hit.locale},
                       {"score", std::round(hit.score * 1000) / 1000},
                       {"sections", sections}});
  }
  return {{"query", r.query},
          {"total", r.total},
          {"results", results},
          {"corrected", r.corrected ? json(*r.corrected) : json(nullptr)},
          {"search_id", response.search_id},
          {"took_ms", std::round(response.took_ms * 1000) / 1000}};
}

json ArticleJson(const ArticleRecord& a, const ArticleUrls& urls) {
  json sections = json::array();
  for (const auto& s : a.sections) {
    sections.push_back(
        {{"title", s.heading}, {"anchor", s.anchor}, {"url", urls.For(a.slug, s.anchor)}});
  }
  return {{"slug", a.slug},       {"title", a.title},     {"category", a.category},
          {"tags", a.tags},       {"locale", a.locale},   {"audience", a.audience},
          {"summary", a.summary}, {"updated", a.updated}, {"url", urls.For(a.slug, "")},
          {"html", a.html},       {"sections", sections}};
}

json HealthJson(const IndexInfo& info) {
  return {{"status", "ok"},
          {"articles", info.articles},
          {"sections", info.sections},
          {"locales", info.locales},
          {"built_at", info.built_at},
          {"generation", info.generation},
          {"schema_version", schema::kVersion}};
}

json ErrorJson(const Status& status) {
  return {{"error", {{"code", status.reason()}, {"message", status.message()}}}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace kb
