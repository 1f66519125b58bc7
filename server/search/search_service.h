// What the HTTP handlers call for search and articles: validation, the search core on this
// thread's database, the result cache, timing and result ids. Transport-free, so most tests need
// no socket; searches are handed to a SearchRecorder (the log) without waiting for it.
#pragma once

#include <optional>
#include <string>

#include "core/index_records.h"
#include "server/search/live_index.h"
#include "server/search/related_articles.h"
#include "server/search/result_cache.h"
#include "server/search/search_recorder.h"
#include "server/search/search_request.h"
#include "server/search/searcher.h"

namespace kb {

class SearchService {
 public:
  // `recorder` (may be null: nothing is recorded) and `popularity` (may be null: no popularity
  // boost) must outlive the service.
  SearchService(LiveIndex& index, ArticleUrls urls, SearchLimits limits,
                SearchRecorder* recorder = nullptr, const PopularitySource* popularity = nullptr)
      : index_(index),
        searcher_(urls),
        urls_(std::move(urls)),
        limits_(limits),
        recorder_(recorder),
        popularity_(popularity) {}

  // Answers repeated requests from `cache` (may be null: every request searches; it must outlive
  // the service). Each request is still validated, timed, given its own search id and logged.
  void UseCache(ResultCache* cache) { cache_ = cache; }

  // Validates `params` and searches. kInvalidArgument says what to fix in the request. The
  // search is handed to the recorder; recording never delays or fails the search.
  Result<SearchResponse> Search(const QueryParams& params, const Caller& caller);

  // The article with `slug`. kNotFound when there is none, or when it is internal and the caller
  // is not an agent: internal articles are invisible, not forbidden.
  Result<ArticleRecord> Article(const std::string& slug, const Caller& caller);

  // Up to `limit` other articles most related to `article` that the caller may see (see
  // FindRelatedArticles).
  Result<std::vector<ArticleLink>> RelatedArticles(const ArticleRecord& article,
                                                   const Caller& caller, std::size_t limit = 5);

  // The categories in the index, sorted (for the agent console's filter).
  Result<std::vector<std::string>> Categories();

  IndexInfo Info() const { return index_.info(); }
  const ArticleUrls& urls() const { return urls_; }

 private:
  LiveIndex& index_;
  Searcher searcher_;
  ArticleUrls urls_;
  SearchLimits limits_;
  SearchRecorder* recorder_;
  ResultCache* cache_ = nullptr;
  const PopularitySource* popularity_;
};

}  // namespace kb
