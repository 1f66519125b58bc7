// Records every search and every event that follows it, without slowing searches down: searches
// are queued and written in batches by one background thread; events wait for their commit, so a
// 2xx answer means the event is on disk.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>

#include "core/clock.h"
#include "server/insight/log_database.h"
#include "server/search/search_recorder.h"

namespace kb {

// How long searches and events are kept by default.
inline constexpr int kDefaultRetentionDays = 365;

struct SearchLogOptions {
  std::string path;                               // the SQLite file
  std::size_t queue_capacity = 10000;             // searches waiting to be written
  std::chrono::milliseconds flush_interval{200};  // the most a queued search waits
  int retention_days = kDefaultRetentionDays;     // older searches and events are deleted
  std::int64_t collapse_window_ms = 30000;        // search-as-you-type collapse window
};

struct SearchLogStats {
  std::uint64_t written = 0;  // searches on disk
  std::uint64_t dropped = 0;  // searches lost because the queue was full
  std::uint64_t queued = 0;   // searches waiting now
};

class SearchLog : public SearchRecorder {
 public:
  // Opens (creating or migrating) the log file and starts the writer thread.
  static Result<std::unique_ptr<SearchLog>> Open(SearchLogOptions options, const Clock& clock);
  ~SearchLog() override;  // Close()

  // Queues what the log keeps of an answered search (SearchRecorder): see the overload below.
  void RecordSearch(const SearchRequest& request, const SearchResponse& response,
                    const Caller& caller) override;

  // Queues a search. `search.query` is the query as typed: personal data is removed (and the
  // normalized form computed) on the writer thread, before anything reaches disk. Never blocks;
  // returns false, and counts the drop, when the queue is full or the log is closed.
  bool RecordSearch(StoredSearch search);

  // Writes an event and returns once it is committed. kNotFound when its search id is unknown (or
  // the search was dropped), kUnavailable when the log cannot be written or is closed.
  Status RecordEvent(StoredEvent event);
  // Validates an event from the widget (the body of POST /api/events), stamps it with the time
  // and records it as RecordEvent does. kInvalidArgument says what to fix in the body.
  Status RecordEventRequest(std::string_view body);

  // Returns once everything queued before the call is on disk.
  void Flush();
  // Writes what is queued, then stops the writer. Idempotent.
  void Close();

  SearchLogStats stats() const;
  const std::string& path() const { return options_.path; }

 private:
  struct PendingEvent {
    StoredEvent event;
    std::shared_ptr<std::promise<Status>> done;
    std::optional<Status> outcome;  // set once the writer got to it
  };
  struct FlushRequest {
    std::shared_ptr<std::promise<void>> done;
  };
  using Item = std::variant<StoredSearch, PendingEvent, FlushRequest>;
  struct LastSearch {
    std::string id;
    std::string text;  // lower case, single spaces
    std::int64_t time_ms;
  };

  SearchLog(SearchLogOptions options, const Clock& clock, std::unique_ptr<LogDatabase> db);
  void WriterLoop();
  void WriteBatch(std::deque<Item>& batch);
  Status WriteSearch(StoredSearch& search);
  void DeleteExpired();
  // Rolls up the hours that are over (search_rollup.h), and again those a late event changed.
  void RollUpDueHours();

  const SearchLogOptions options_;
  const Clock& clock_;
  std::unique_ptr<LogDatabase> db_;  // used by the writer thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> queue_;
  std::size_t queued_searches_ = 0;
  bool urgent_ = false;  // an event or flush is waiting: do not wait for the interval
  bool closing_ = false;
  std::uint64_t written_ = 0;
  std::uint64_t dropped_ = 0;

  std::unordered_map<std::string, LastSearch> last_by_session_;  // writer thread only
  std::int64_t next_retention_ms_ = 0;                           // writer thread only
  std::int64_t next_rollup_hour_ = -1;  // writer thread only; -1 until known
  std::thread writer_;
};

}  // namespace kb
