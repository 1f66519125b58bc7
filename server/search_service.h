// What the HTTP handlers call: validation, the search core on this thread's database, timing and
// result ids. Transport-free, so most tests need no socket.
#pragma once

#include <optional>
#include <string>

#include "core/index_records.h"
#include "server/article_page.h"
#include "server/clock.h"
#include "server/live_index.h"
#include "server/result_cache.h"
#include "server/search_log.h"
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
  // `log` (may be null: nothing is recorded) and `clock` must outlive the service.
  // `popularity` (may be null: no popularity boost) must outlive the service too.
  SearchService(LiveIndex& index, ArticleUrls urls, SearchLimits limits, SearchLog* log = nullptr,
                const Clock* clock = nullptr, const PopularityRefresher* popularity = nullptr)
      : index_(index),
        searcher_(urls),
        urls_(std::move(urls)),
        limits_(limits),
        log_(log),
        clock_(clock ? clock : &system_clock_),
        popularity_(popularity) {}

  // Answers repeated requests from `cache` (may be null: every request searches; it must outlive
  // the service). Each request is still validated, timed, given its own search id and logged.
  void UseCache(ResultCache* cache) { cache_ = cache; }

  // Validates `params` and searches. kInvalidArgument says what to fix in the request. The
  // search is queued for the log; recording never delays or fails the search.
  Result<SearchResponse> Search(const QueryParams& params, const Caller& caller);

  // Validates and records an event from the widget (the body of POST /api/events). Returns once
  // it is on disk; kNotFound for an unknown search id, kUnavailable without a log.
  Status RecordEvent(std::string_view body);

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
  // Null when nothing is recorded.
  std::optional<SearchLogStats> LogStats() const {
    return log_ ? std::optional<SearchLogStats>(log_->stats()) : std::nullopt;
  }
  const ArticleUrls& urls() const { return urls_; }

 private:
  LiveIndex& index_;
  Searcher searcher_;
  ArticleUrls urls_;
  SearchLimits limits_;
  SearchLog* log_;
  ResultCache* cache_ = nullptr;
  SystemClock system_clock_;
  const Clock* clock_;
  const PopularityRefresher* popularity_;
};

}  // namespace kb
