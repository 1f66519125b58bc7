#include "server/http/json_views.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/schema.h"
#include "core/time_format.h"
#include "server/insight/log_values.h"

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
                       {"audience", hit.audience},
                       {"score", std::round(hit.score * 1000) / 1000},
                       {"pinned", hit.pinned},
                       {"sections", sections}});
  }
  auto facet_list = [](const std::vector<FacetCount>& counts) {
    json list = json::array();
    for (const FacetCount& c : counts) list.push_back({{"value", c.value}, {"count", c.count}});
    return list;
  };
  json facets = {{"category", facet_list(r.facets.categories)},
                 {"tag", facet_list(r.facets.tags)},
                 {"exact", r.facets.exact}};
  json fallback = nullptr;
  if (r.locale_fallback_from) {
    fallback = {{"requested", *r.locale_fallback_from},
                {"message", "no articles in '" + *r.locale_fallback_from + "'; showing '" +
                                r.locale + "' instead"}};
  }
  return {{"query", r.query},
          {"total", r.total},
          {"results", results},
          {"corrected", r.corrected ? json(*r.corrected) : json(nullptr)},
          {"locale", r.locale},
          {"locale_fallback", fallback},
          {"facets", facets},
          {"search_id", response.search_id},
          {"took_ms", std::round(response.took_ms * 1000) / 1000}};
}

json ArticleJson(const ArticleRecord& a, const ArticleUrls& urls,
                 const std::vector<ArticleLink>& related) {
  json related_links = json::array();
  for (const ArticleLink& link : related) {
    related_links.push_back(
        {{"slug", link.slug}, {"title", link.title}, {"url", urls.For(link.slug, "")}});
  }
  json sections = json::array();
  for (const auto& s : a.sections) {
    sections.push_back(
        {{"title", s.heading}, {"anchor", s.anchor}, {"url", urls.For(a.slug, s.anchor)}});
  }
  return {{"slug", a.slug},       {"title", a.title},     {"category", a.category},
          {"tags", a.tags},       {"locale", a.locale},   {"audience", a.audience},
          {"summary", a.summary}, {"updated", a.updated}, {"url", urls.For(a.slug, "")},
          {"html", a.html},       {"sections", sections}, {"related", related_links}};
}

json CategoriesJson(const std::vector<std::string>& categories) {
  return {{"categories", categories}};
}

json ApiIndexJson(const std::vector<std::string>& endpoints) {
  return {{"name", "kb"}, {"endpoints", endpoints}};
}

json DoneJson(const std::string& what) { return {{"status", what}}; }

json HealthJson(const IndexInfo& info, const SearchLogStats* log) {
  json health = {{"status", "ok"},
                 {"articles", info.articles},
                 {"sections", info.sections},
                 {"locales", info.locales},
                 {"built_at", info.built_at},
                 {"generation", info.generation},
                 {"schema_version", schema::kVersion}};
  if (log) {
    health["log"] = {{"written", log->written}, {"dropped", log->dropped}, {"queued", log->queued}};
  }
  return health;
}

namespace {

// A rate as people read it: at most two decimals, no trailing zeros ("0.5", "2", "0.14").
double RoundedRate(double rate) { return std::round(rate * 100) / 100; }

std::string RateText(double rate) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", RoundedRate(rate));
  std::string out = text;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// "2026-09-14 14:00 UTC"
std::string MinuteText(std::int64_t ms) {
  std::string iso = FormatIsoTime(ms);  // 2026-09-14T14:00:00Z
  return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC" : iso;
}

json GapJson(const Gap& g) {
  const Emergence& e = g.emergence;
  json trend =
      g.previous_searches == 0
          ? json("new")
          : json(std::round(100.0 * (g.searches - g.previous_searches) / g.previous_searches));
  json queries = json::array();
  for (const GapQuery& q : g.queries)
    queries.push_back({{"text", q.text}, {"searches", q.searches}});
  json hourly = json::array();
  for (const auto& [hour, misses] : g.hourly_misses) {
    hourly.push_back({FormatIsoTime(hour), misses});
  }
  return {
      {"id", g.id},
      {"key", g.key},
      {"representative", g.representative},
      {"examples", g.examples},
      {"queries", queries},
      {"searches", g.searches},
      {"sessions", g.sessions},
      {"impact", g.impact},
      {"misses",
       {{"no_results", g.no_results},
        {"no_click", g.no_click},
        {"not_helpful", g.not_helpful},
        {"contact", g.contact},
        {"recovered", g.recovered}}},
      {"customer_searches", g.customer_searches},
      {"agent_searches", g.agent_searches},
      {"first_seen", FormatIsoTime(g.first_seen_ms)},
      {"last_seen", FormatIsoTime(g.last_seen_ms)},
      {"previous_searches", g.previous_searches},
      {"trend_percent", trend},
      {"hourly_misses", hourly},
      {"diagnosis", {{"code", ToString(g.diagnosis)}, {"text", g.diagnosis_text}}},
      {"shown_slugs", g.shown_slugs},
      {"reasons", g.reasons},
      {"status", ToString(g.status.state)},
      {"note", g.status.note},
      {"answered_by", g.status.answered_by.empty() ? json(nullptr) : json(g.status.answered_by)},
      {"answered_at", FormatIsoTime(g.status.answered_ms)},
      {"watching", g.watching},
      {"misses_since_answer", g.misses_since_answer},
      {"emerging", e.emerging},
      {"emerging_since", e.emerging ? json(FormatIsoTime(e.since_ms)) : json(nullptr)},
      {"emerging_window", e.emerging ? json(ToString(e.window)) : json(nullptr)},
      {"recent_misses", e.emerging ? json(e.recent_misses) : json(nullptr)},
      {"baseline_rate", e.emerging ? json(RoundedRate(e.baseline_rate)) : json(nullptr)}};
}

}  // namespace

std::string EmergenceText(EmergingWindow window, std::int64_t since_ms, int recent_misses,
                          double baseline_rate) {
  const std::string unit(ToString(window));
  return "emerging since " + MinuteText(since_ms) + ": " + std::to_string(recent_misses) +
         (recent_misses == 1 ? " miss" : " misses") + " in the last " + unit + " against " +
         RateText(baseline_rate) + "/" + unit + " before";
}

json GapAlertJson(const GapAlert& a, const std::string& admin_url) {
  return {
      {"type", "emerging_gap"},
      {"alert_id", a.id},
      {"gap_id", a.gap_id},
      {"period", a.period},
      {"representative", a.representative},
      {"examples", a.examples},
      {"searches", a.searches},
      {"sessions", a.sessions},
      {"emerging_since", FormatIsoTime(a.emerging_since_ms)},
      {"window", ToString(a.window)},
      {"recent_misses", a.recent_misses},
      {"baseline_rate", RoundedRate(a.baseline_rate)},
      {"detected_at", FormatIsoTime(a.created_ms)},
      {"text", "\"" + a.representative + "\" is " +
                   EmergenceText(a.window, a.emerging_since_ms, a.recent_misses, a.baseline_rate)},
      {"admin_url", admin_url}};
}

json GapReportJson(const GapReport& report, const std::string& generation) {
  json gaps = json::array();
  for (const Gap& g : report.gaps) gaps.push_back(GapJson(g));
  json watching = json::array();
  for (const Gap& g : report.watching) watching.push_back(GapJson(g));
  json last = json::array();
  for (const std::vector<Gap>* list : {&report.gaps, &report.watching}) {
    for (const Gap& g : *list) {
      if (g.status.answered_by.empty() || g.status.answered_generation != generation) continue;
      last.push_back({{"id", g.id},
                      {"representative", g.representative},
                      {"sessions", g.sessions},
                      {"answered_by", g.status.answered_by}});
    }
  }
  json synonyms = json::array();
  for (const SynonymSuggestion& s : report.synonym_suggestions) {
    json examples = json::array();
    for (const auto& [from, to] : s.examples) examples.push_back({{"from", from}, {"to", to}});
    synonyms.push_back({{"line", s.line},
                        {"from", s.from},
                        {"to", s.to},
                        {"sessions", s.sessions},
                        {"examples", examples}});
  }
  return {{"since", FormatIsoTime(report.options.since_ms)},
          {"until", FormatIsoTime(report.options.until_ms)},
          {"audience", ToString(report.options.audience)},
          {"min_sessions", report.options.min_sessions},
          {"searches", report.searches},
          {"missed_searches", report.missed_searches},
          {"gaps", gaps},
          {"total_gaps", report.total_gaps},
          {"limit", report.options.limit},
          {"watching", watching},
          {"dismissed", report.dismissed},
          {"synonym_suggestions", synonyms},
          {"answered_by_last_reindex", last}};
}

json ArticlesReportJson(const std::vector<ArticleReportRow>& rows) {
  json articles = json::array();
  for (const ArticleReportRow& r : rows) {
    const int votes = r.activity.helpful + r.activity.not_helpful;
    articles.push_back(
        {{"slug", r.slug},
         {"title", r.title},
         {"category", r.category},
         {"audience", r.audience},
         {"updated", r.updated},
         {"views", r.activity.views},
         {"helpful", r.activity.helpful},
         {"not_helpful", r.activity.not_helpful},
         {"contacts", r.activity.contacts},
         {"helpful_ratio",
          votes ? json(std::round(1000.0 * r.activity.helpful / votes) / 1000) : json(nullptr)}});
  }
  return {{"articles", articles}};
}

json ErrorJson(const Status& status) {
  return {{"error", {{"code", status.reason()}, {"message", status.message()}}}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace kb
