#include "server/search/searcher.h"

#include <algorithm>
#include <map>

#include "core/index_records.h"
#include "core/schema.h"
#include "server/search/curation.h"
#include "server/search/facet_spy.h"
#include "server/search/html_escape.h"
#include "server/search/query_builder.h"

namespace kb {
namespace {

// Matches looked at before the total is estimated, so that small result sets get a close total.
constexpr Xapian::doccount kCheckAtLeast = 100;

QueryFilters FiltersFor(const SearchRequest& request, const QueryAnalysis& query, bool synonyms) {
  QueryFilters filters;
  for (const LocaleAnalysis& in : query.locales) filters.locales.push_back(in.locale);
  filters.locale_requested = query.locale_requested;
  filters.category = request.category;
  filters.tags = request.tags;
  filters.include_internal = request.include_internal;
  filters.synonyms = synonyms;
  return filters;
}

// The normalized query whose popularity reorders this page, or "" when none does: popularity
// only reorders the first page, and only for a kind of query it knows.
std::string PopularityKey(const SearchRequest& request, const QueryAnalysis& query,
                          const PopularityTable* popularity) {
  if (!popularity || popularity->queries() == 0 || request.offset != 0) return "";
  const std::string& key = query.Primary().normalized;
  return popularity->Knows(key) ? key : "";
}

// The total to report: exact when this page holds the last result; otherwise Xapian's estimate
// (loose with collapsing, but never below what this page shows).
Xapian::doccount TotalOf(const Xapian::MSet& mset, const PageSplit& split, Xapian::doccount fetched,
                         std::size_t pins) {
  const Xapian::doccount page_size = std::min(mset.size(), split.ranked_limit);
  const bool last_page = !mset.empty() && mset.size() < fetched;
  return (last_page ? split.ranked_offset + mset.size()
                    : std::max(split.ranked_offset + page_size, mset.get_matches_estimated())) +
         static_cast<Xapian::doccount>(pins);
}

// The ranked part of the page, in the order shown: by weight, times the popularity boost when
// there is one.
std::vector<std::pair<Xapian::MSetIterator, double>> Reorder(const Xapian::MSet& mset,
                                                             Xapian::doccount page_size,
                                                             const PopularityTable* popularity,
                                                             const std::string& key) {
  std::vector<std::pair<Xapian::MSetIterator, double>> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const double boost = key.empty() ? 1 : popularity->Boost(key, it.get_collapse_key());
    ranked.emplace_back(it, it.get_weight() * boost);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (ranked.size() > page_size) ranked.resize(page_size);
  return ranked;
}

// Adds the section at `it` of `from` to the page as an article's hit.
Status AddHit(const Xapian::MSetIterator& it, const Xapian::MSet& from, double score, bool pinned,
              const IndexInfo& info, const ArticleUrls& urls, SearchResult& result) {
  const Xapian::Document doc = it.get_document();
  auto record = ParseSectionRecord(doc.get_data());
  if (!record.ok()) return record.status();
  SearchHit hit;
  hit.slug = record->slug;
  hit.title = record->title;
  hit.heading = record->heading;
  hit.anchor = record->anchor;
  hit.url = urls.For(record->slug, record->anchor);
  const std::string& text = record->text.empty() ? record->heading : record->text;
  const Language* language = info.LanguageOf(record->locale);
  hit.snippet = from.snippet(text, kSnippetBytes, language ? language->stemmer : Xapian::Stem(),
                             Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
  if (hit.snippet.empty()) hit.snippet = EscapeHtml(text.substr(0, kSnippetBytes));
  hit.category = record->category;
  hit.tags = record->tags;
  hit.locale = record->locale;
  hit.audience = record->audience;
  hit.score = score;
  hit.pinned = pinned;
  result.hits.push_back(std::move(hit));
  return Status::Ok();
}

// Other matching sections of the articles on this page, in one extra query restricted to them.
void AddMoreSections(const Xapian::Database& db, const Xapian::Query& text_query,
                     const QueryFilters& filters, const ArticleUrls& urls, SearchResult& result) {
  std::map<std::string, std::size_t> hit_by_slug;
  std::vector<Xapian::Query> articles;
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    hit_by_slug[result.hits[i].slug] = i;
    articles.emplace_back(schema::Term(schema::kArticle, result.hits[i].slug));
  }
  Xapian::Enquire sections(db);
  sections.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, ApplyFilters(text_query, filters),
                    Xapian::Query(Xapian::Query::OP_OR, articles.begin(), articles.end())));
  sections.set_collapse_key(schema::kSlotArticle, kMaxMoreSections + 1);
  const Xapian::MSet more = sections.get_mset(
      0, static_cast<Xapian::doccount>(result.hits.size() * (kMaxMoreSections + 1)));
  for (auto it = more.begin(); it != more.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    const auto found = hit_by_slug.find(doc.get_value(schema::kSlotArticle));
    if (found == hit_by_slug.end()) continue;
    SearchHit& hit = result.hits[found->second];
    const std::string anchor = doc.get_value(schema::kSlotAnchor);
    if (anchor == hit.anchor || hit.more_sections.size() >= kMaxMoreSections) continue;
    hit.more_sections.push_back(
        {doc.get_value(schema::kSlotHeading), anchor, urls.For(hit.slug, anchor)});
  }
}

}  // namespace

Result<SearchResult> Searcher::Search(const Xapian::Database& db, const IndexInfo& info,
                                      const SearchRequest& request,
                                      const PopularityTable* popularity) const {
  return Search(db, info, request, AnalyseQuery(request, info), popularity);
}

Result<SearchResult> Searcher::Search(const Xapian::Database& db, const IndexInfo& info,
                                      const SearchRequest& request, const QueryAnalysis& query,
                                      const PopularityTable* popularity) const {
  try {
    SearchResult result;
    result.query = request.query;
    result.locale = query.locale;
    result.locale_fallback_from = query.locale_fallback_from;

    QueryFilters filters = FiltersFor(request, query, features_.synonyms);
    const Curation curation =
        features_.curation && info.curation ? info.curation->For(query) : Curation{};
    const QueryFilters unexcluded = filters;
    filters.exclude_articles = curation.Excluded();
    const RankingParams ranking =
        features_.tuned_ranking ? features_.ranking : RankingParams::Plain();
    QueryFeatures query_features;
    if (features_.typo_tolerance) query_features.typos = info.typos.get();
    query_features.ranking = ranking;
    const BuiltQuery built = BuildQuery(db, query, filters, query_features);

    // Pinned articles take the first places, so the ranked results start after them.
    std::vector<Xapian::MSet> pins;
    for (const std::string& slug : curation.pinned) {
      Xapian::MSet pin = PinnedSection(db, slug, built.text_query, filters);
      if (!pin.empty()) pins.push_back(pin);
    }
    const PageSplit split = SplitPage(pins.size(), request.offset, request.limit);
    // A few more matches than fit on the page are fetched when popularity reorders it, so that a
    // popular article just below the page can rise into it.
    const std::string popularity_key =
        features_.popularity ? PopularityKey(request, query, popularity) : "";
    const Xapian::doccount fetch =
        split.ranked_limit + (popularity_key.empty() ? 0 : kPopularityCandidates);

    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_collapse_key(schema::kSlotArticle);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(ranking.k1, 0, 1, ranking.b, ranking.min_normlen));
    FacetSpy facets;
    // Facets cost a value read per examined section: only for clients that show them.
    const bool count_facets = request.facets && request.offset == 0;
    if (count_facets) enquire.add_matchspy(&facets);
    const Xapian::MSet mset = enquire.get_mset(split.ranked_offset, fetch, kCheckAtLeast);

    // Corrections come from typo tolerance alone (see typo_query.h).
    if (!mset.empty() && !built.typo_rewrite.empty()) result.corrected = built.typo_rewrite;
    result.total = TotalOf(mset, split, fetch, pins.size());
    if (count_facets) {
      result.facets = facets.Take();
      result.facets.exact = facets.examined() >= mset.get_matches_upper_bound();
    }

    for (std::size_t i = split.first_pin; i < split.first_pin + split.pins; ++i) {
      if (Status s = AddHit(pins[i].begin(), pins[i], pins[i].begin().get_weight(), true, info,
                            urls_, result);
          !s.ok()) {
        return s;
      }
    }
    const Xapian::doccount page_size = std::min(mset.size(), split.ranked_limit);
    for (const auto& [it, score] : Reorder(mset, page_size, popularity, popularity_key)) {
      if (Status s = AddHit(it, mset, score, false, info, urls_, result); !s.ok()) return s;
    }
    if (!result.hits.empty()) AddMoreSections(db, built.text_query, unexcluded, urls_, result);
    return result;
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Status::Unavailable("index_changed", e.get_description());
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_error", "search failed: " + e.get_description());
  }
}

}  // namespace kb
