#include "server/search/searcher.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/index_records.h"
#include "core/language.h"
#include "core/schema.h"
#include "server/search/curation.h"
#include "server/search/facet_spy.h"
#include "server/search/html_escape.h"
#include "server/search/query_builder.h"
#include "server/search/query_normalizer.h"

namespace kb {
namespace {

// Matches looked at before the total is estimated, so that small result sets get a close total.
constexpr Xapian::doccount kCheckAtLeast = 100;

bool Has(const std::vector<std::string>& locales, const std::string& locale) {
  return std::find(locales.begin(), locales.end(), locale) != locales.end();
}

// The index locale a requested one maps to: exact ("pt-br"), else its language ("pt"), else
// nothing.
std::optional<std::string> ResolveLocale(const std::string& requested,
                                         const std::vector<std::string>& present) {
  if (Has(present, requested)) return requested;
  const std::string language = requested.substr(0, requested.find('-'));
  if (Has(present, language)) return language;
  return std::nullopt;
}

// The locale searched when the request names none or one the index lacks: kDefaultLocale, or,
// in an index without articles in it, the first locale the index has.
std::string DefaultLocale(const std::vector<std::string>& present) {
  const std::string fallback(kDefaultLocale);
  return present.empty() || Has(present, fallback) ? fallback : present.front();
}

QueryFilters FiltersFor(const SearchRequest& request, const IndexInfo& info, bool synonyms,
                        SearchResult& result) {
  QueryFilters filters;
  if (request.locale == kAllLocales) {
    filters.locales = info.locales;
    if (filters.locales.empty()) filters.locales = {std::string(kDefaultLocale)};
    result.locale = kAllLocales;
  } else {
    std::optional<std::string> resolved;
    if (!request.locale.empty()) {
      resolved = ResolveLocale(request.locale, info.locales);
      if (!resolved) result.locale_fallback_from = request.locale;
    }
    result.locale = resolved ? *resolved : DefaultLocale(info.locales);
    filters.locales = {result.locale};
    filters.locale_requested = true;
  }
  filters.category = request.category;
  filters.tags = request.tags;
  filters.include_internal = request.include_internal;
  filters.synonyms = synonyms;
  return filters;
}

class StemmerCache {
 public:
  const Xapian::Stem& For(const std::string& locale) {
    auto it = stemmers_.find(locale);
    if (it != stemmers_.end()) return it->second;
    auto language = LanguageForLocale(locale);
    return stemmers_[locale] = language.ok() ? language->stemmer : Xapian::Stem();
  }

 private:
  std::map<std::string, Xapian::Stem> stemmers_;
};

}  // namespace

Result<SearchResult> Searcher::Search(const Xapian::Database& db, const IndexInfo& info,
                                      const SearchRequest& request,
                                      const PopularityTable* popularity) const {
  try {
    SearchResult result;
    QueryFilters filters = FiltersFor(request, info, features_.synonyms, result);
    Curation curation;
    if (features_.curation) {
      auto found = CurationFor(db, request.query, filters.locales);
      if (!found.ok()) return found.status();
      curation = *found;
    }
    const QueryFilters unexcluded = filters;
    filters.exclude_articles = curation.Excluded();
    QueryFeatures query_features;
    if (features_.typo_tolerance) query_features.typos = info.typos.get();
    const RankingParams ranking =
        features_.tuned_ranking ? features_.ranking : RankingParams::Plain();
    query_features.ranking = ranking;
    BuiltQuery built = BuildQuery(db, request.query, filters, query_features);
    // Pinned articles take the first places, so the ranked results start after them.
    std::vector<Xapian::MSet> pins;
    for (const std::string& slug : curation.pinned) {
      Xapian::MSet pin = PinnedSection(db, slug, built.text_query, filters);
      if (!pin.empty()) pins.push_back(pin);
    }
    const PageSplit split = SplitPage(pins.size(), request.offset, request.limit);
    // Popularity reorders the first page; a few more matches than fit on it are fetched, so
    // that a popular article just below the page can rise into it.
    std::string popularity_key;
    if (features_.popularity && popularity && popularity->queries() > 0 && request.offset == 0) {
      auto language = LanguageForLocale(result.locale == kAllLocales ? std::string(kDefaultLocale)
                                                                     : result.locale);
      if (language.ok()) popularity_key = NormalizeQuery(request.query, *language);
      if (!popularity->Knows(popularity_key)) popularity_key.clear();
    }
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
    Xapian::MSet mset = enquire.get_mset(split.ranked_offset, fetch, kCheckAtLeast);

    result.query = request.query;
    // Corrections come from typo tolerance alone. Xapian's whole-query suggestion
    // (FLAG_SPELLING_CORRECTION) is not used: it costs milliseconds per query on a large spelling
    // table, and it also "corrects" words the help center simply does not have ("weather" ->
    // "whether"), turning a query that should find nothing into one that finds something unrelated.
    if (!mset.empty() && !built.typo_rewrite.empty()) result.corrected = built.typo_rewrite;
    // Exact when this page holds the last result; otherwise Xapian's estimate (loose with
    // collapsing, but never below what this page shows).
    const Xapian::doccount page_size = std::min(mset.size(), split.ranked_limit);
    const bool last_page = !mset.empty() && mset.size() < fetch;
    result.total =
        (last_page ? split.ranked_offset + mset.size()
                   : std::max(split.ranked_offset + page_size, mset.get_matches_estimated())) +
        pins.size();
    if (count_facets) {
      result.facets = facets.Take();
      result.facets.exact = facets.examined() >= mset.get_matches_upper_bound();
    }

    // The ranked part of the page, in the order shown: by weight, times the popularity boost
    // when there is one.
    std::vector<std::pair<Xapian::MSetIterator, double>> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const double boost =
          popularity_key.empty() ? 1 : popularity->Boost(popularity_key, it.get_collapse_key());
      ranked.emplace_back(it, it.get_weight() * boost);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (ranked.size() > page_size) ranked.resize(page_size);

    StemmerCache stemmers;
    std::map<std::string, std::size_t> hit_by_slug;
    auto add_hit = [&](const Xapian::MSetIterator& it, const Xapian::MSet& from, double score,
                       bool pinned) -> Status {
      const Xapian::Document doc = it.get_document();
      auto record = ParseSectionRecord(doc.get_data());
      if (!record.ok()) return record.status();
      SearchHit hit;
      hit.slug = record->slug;
      hit.title = record->title;
      hit.heading = record->heading;
      hit.anchor = record->anchor;
      hit.url = urls_.For(record->slug, record->anchor);
      const std::string& text = record->text.empty() ? record->heading : record->text;
      hit.snippet = from.snippet(text, kSnippetBytes, stemmers.For(record->locale),
                                 Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
      if (hit.snippet.empty()) hit.snippet = EscapeHtml(text.substr(0, kSnippetBytes));
      hit.category = record->category;
      hit.tags = record->tags;
      hit.locale = record->locale;
      hit.audience = record->audience;
      hit.score = score;
      hit.pinned = pinned;
      hit_by_slug[hit.slug] = result.hits.size();
      result.hits.push_back(std::move(hit));
      return Status::Ok();
    };
    for (std::size_t i = split.first_pin; i < split.first_pin + split.pins; ++i) {
      if (Status s = add_hit(pins[i].begin(), pins[i], pins[i].begin().get_weight(), true);
          !s.ok()) {
        return s;
      }
    }
    for (const auto& [it, score] : ranked) {
      if (Status s = add_hit(it, mset, score, false); !s.ok()) return s;
    }
    if (result.hits.empty()) return result;

    // Other matching sections of the articles on this page, in one extra query restricted to them.
    std::vector<Xapian::Query> articles;
    for (const SearchHit& hit : result.hits) {
      articles.emplace_back(schema::Term(schema::kArticle, hit.slug));
    }
    Xapian::Enquire sections(db);
    sections.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, ApplyFilters(built.text_query, unexcluded),
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
          {doc.get_value(schema::kSlotHeading), anchor, urls_.For(hit.slug, anchor)});
    }
    return result;
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Status::Unavailable("index_changed", e.get_description());
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_error", "search failed: " + e.get_description());
  }
}

}  // namespace kb
