// The search core: a validated request in, ranked results out. No sockets, no threads, no clock:
// the HTTP layer and the tests call it the same way.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/article_urls.h"
#include "server/search_request.h"

namespace kb {

// What the server knows about the index generation it searches.
struct IndexInfo {
  std::string generation;            // "gen-000007"
  std::vector<std::string> locales;  // locales present, sorted
  int articles = 0;
  int sections = 0;
  std::string built_at;  // ISO 8601 UTC
};

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
  std::string audience;  // "internal" only ever reaches agents
  double score = 0;
  std::vector<SectionLink> more_sections;  // up to kMaxMoreSections other matching sections
};

struct SearchResult {
  std::string query;                     // as the client sent it
  Xapian::doccount total = 0;            // matching articles (an estimate on large indexes)
  std::vector<SearchHit> hits;           // one per article, best first
  std::optional<std::string> corrected;  // set when the results are for a spelling correction
};

inline constexpr std::size_t kMaxMoreSections = 3;
inline constexpr std::size_t kSnippetBytes = 200;

class Searcher {
 public:
  explicit Searcher(ArticleUrls urls) : urls_(std::move(urls)) {}

  // Runs `request` against `db`. Results are collapsed to one per article; when nothing matches
  // and the index's spelling data suggests a correction, the corrected query is run instead and
  // reported. Throws nothing: Xapian errors come back as kUnavailable (the caller may reopen the
  // database and retry).
  Result<SearchResult> Search(const Xapian::Database& db, const IndexInfo& info,
                              const SearchRequest& request) const;

 private:
  ArticleUrls urls_;
};

}  // namespace kb
