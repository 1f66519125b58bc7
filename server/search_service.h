// What the HTTP handlers call: validation, the search core on this thread's database, timing and
// result ids. Transport-free, so most tests need no socket.
#pragma once

#include <string>

#include "core/index_records.h"
#include "server/live_index.h"
#include "server/search_request.h"
#include "server/searcher.h"

namespace kb {

struct SearchResponse {
  SearchResult result;
  std::string search_id;  // opaque; later events (clicks, feedback) refer to it
  double took_ms = 0;
};

// Who is asking. Agents see internal articles (a later issue adds the token that makes one).
struct Caller {
  bool agent = false;
};

class SearchService {
 public:
  SearchService(LiveIndex& index, ArticleUrls urls, SearchLimits limits)
      : index_(index), searcher_(urls), urls_(std::move(urls)), limits_(limits) {}

  // Validates `params` and searches. kInvalidArgument says what to fix in the request.
  Result<SearchResponse> Search(const QueryParams& params, const Caller& caller);

  // The article with `slug`. kNotFound when there is none, or when it is internal and the caller
  // is not an agent: internal articles are invisible, not forbidden.
  Result<ArticleRecord> Article(const std::string& slug, const Caller& caller);

  IndexInfo Info() const { return index_.info(); }
  const ArticleUrls& urls() const { return urls_; }

 private:
  LiveIndex& index_;
  Searcher searcher_;
  ArticleUrls urls_;
  SearchLimits limits_;
};

}  // namespace kb
