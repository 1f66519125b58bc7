// The search core: a validated request in, ranked results out. No sockets, no threads, no clock:
// the HTTP layer, the benchmark and the tests call it the same way.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/search/article_urls.h"
#include "server/search/facet_spy.h"
#include "server/search/index_info.h"
#include "server/search/popularity_table.h"
#include "server/search/query_analysis.h"
#include "server/search/ranking.h"
#include "server/search/search_request.h"

namespace kb {

struct SectionLink {
  std::string heading;
  std::string anchor;
  std::string url;
};

struct SearchHit {
  std::string slug;
  std::string title;
  std::string heading;  // the best-matching section
  std::string anchor;
  std::string url;
  std::string snippet;  // HTML-escaped text; its only markup is <mark>…</mark>
  std::string category;
  std::vector<std::string> tags;
  std::string locale;
  std::string audience;                    // "internal" only ever reaches agents
  double score = 0;                        // 0 for a pinned article the query does not match
  bool pinned = false;                     // placed first by a rule of articles/_rules.yaml
  std::vector<SectionLink> more_sections;  // up to kMaxMoreSections other matching sections
};

struct SearchResult {
  std::string query;            // as the client sent it
  Xapian::doccount total = 0;   // matching articles (an estimate on large indexes)
  std::vector<SearchHit> hits;  // one per article, best first
  // The query as typo tolerance read it, when it corrected every meaningful word.
  std::optional<std::string> corrected;
  std::string locale;  // the locale searched (kAllLocales for every one)
  // Set when the request asked for a locale the index has no articles in: the default locale was
  // searched instead.
  std::optional<std::string> locale_fallback_from;
  Facets facets;  // on the first page only
};

// Which of kb's search-quality features a Searcher applies. Production uses the defaults (all on);
// the relevance test and the benchmark also run Plain(): the same index searched with Xapian's
// stock BM25 parameters and nothing else (the last word still matches as a prefix), so every figure
// has a baseline from the same run.
struct SearchFeatures {
  bool tuned_ranking = true;   // BM25 parameters and phrase/title boosts tuned on the relevance set
  bool typo_tolerance = true;  // words unknown to the index also match their near spellings
  bool synonyms = true;        // the index's synonym table (articles/_synonyms.yaml)
  bool curation = true;        // pins and hides from articles/_rules.yaml
  bool popularity = true;      // a small boost for articles found helpful for similar queries
  // Used when tuned_ranking is on; the relevance test's tuning mode tries others.
  RankingParams ranking = RankingParams::Tuned();

  static SearchFeatures Plain() { return {false, false, false, false, false, {}}; }
};

inline constexpr std::size_t kMaxMoreSections = 3;
inline constexpr std::size_t kSnippetBytes = 200;

class Searcher {
 public:
  explicit Searcher(ArticleUrls urls, SearchFeatures features = {})
      : urls_(std::move(urls)), features_(features) {}

  const SearchFeatures& features() const { return features_; }

  // Runs `request`, analysed as `query` (AnalyseQuery), against `db`. Results are collapsed to
  // one per article; words the index does not know also match their near spellings (typo
  // tolerance), and when every meaningful word was corrected the response says so. `popularity`
  // (when given and the feature is on) reorders the first page a little (popularity_table.h).
  // Throws nothing: Xapian errors come back as kUnavailable (the caller may reopen the database
  // and retry).
  Result<SearchResult> Search(const Xapian::Database& db, const IndexInfo& info,
                              const SearchRequest& request, const QueryAnalysis& query,
                              const PopularityTable* popularity = nullptr) const;
  // The same, analysing `request` first.
  Result<SearchResult> Search(const Xapian::Database& db, const IndexInfo& info,
                              const SearchRequest& request,
                              const PopularityTable* popularity = nullptr) const;

 private:
  ArticleUrls urls_;
  SearchFeatures features_;
};

}  // namespace kb
