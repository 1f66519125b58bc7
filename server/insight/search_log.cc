#include "server/insight/search_log.h"

#include <iostream>

#include "core/language.h"
#include "server/insight/event_request.h"
#include "server/insight/redaction.h"
#include "server/insight/search_rollup.h"
#include "server/search/query_normalizer.h"

namespace kb {
namespace {

constexpr std::int64_t kRetentionCheckMs = kHourMs;
constexpr std::size_t kMaxTrackedSessions = 100000;
// How many hours one pass of the writer rolls up: a log that predates the roll-ups catches up a
// few days at a time, between batches of new searches.
constexpr std::size_t kRollupHoursPerPass = 48;

// What the log keeps of a search. The query is still as typed: the writer thread redacts it.
StoredSearch ToStoredSearch(const SearchRequest& request, const SearchResponse& response,
                            const Caller& caller, std::int64_t now_ms) {
  const SearchResult& result = response.result;
  StoredSearch s;
  s.id = response.search_id;
  s.time_ms = now_ms;
  s.session = request.session;
  s.query = request.query;
  s.locale = request.locale;
  // Without a locale, normalize in the language of what was found.
  if (request.locale.empty() && !result.hits.empty()) s.language_hint = result.hits[0].locale;
  s.category = request.category;
  s.tags = request.tags;
  s.agent = caller.agent;
  s.result_count = static_cast<int>(result.total);
  for (std::size_t i = 0; i < result.hits.size() && i < kLoggedTopSlugs; ++i) {
    s.top_slugs.push_back(result.hits[i].slug);
  }
  s.corrected = result.corrected.value_or("");
  // The form the request's analysis made, in the locale that speaks for the query: the one
  // searched, or, when the request named none or every locale, that of the top result.
  if (response.analysis) {
    const QueryAnalysis& query = *response.analysis;
    const LocaleAnalysis* in = nullptr;
    if ((request.locale.empty() || request.locale == kAllLocales) && !result.hits.empty()) {
      in = query.In(result.hits[0].locale);
    }
    if (in == nullptr) in = &query.Primary();
    s.language = in->locale;
    s.normalized = in->normalized;
  }
  return s;
}

}  // namespace

Result<std::unique_ptr<SearchLog>> SearchLog::Open(SearchLogOptions options, const Clock& clock) {
  auto db = LogDatabase::Open(options.path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<SearchLog>(new SearchLog(std::move(options), clock, std::move(*db)));
}

SearchLog::SearchLog(SearchLogOptions options, const Clock& clock, std::unique_ptr<LogDatabase> db)
    : options_(std::move(options)), clock_(clock), db_(std::move(db)) {
  DeleteExpired();  // at start, then hourly on the writer thread
  writer_ = std::thread([this] { WriterLoop(); });
}

SearchLog::~SearchLog() { Close(); }

bool SearchLog::RecordSearch(StoredSearch search) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closing_ || queued_searches_ >= options_.queue_capacity) {
    ++dropped_;
    return false;
  }
  queue_.emplace_back(std::move(search));
  ++queued_searches_;
  return true;
}

void SearchLog::RecordSearch(const SearchRequest& request, const SearchResponse& response,
                             const Caller& caller) {
  RecordSearch(ToStoredSearch(request, response, caller, clock_.NowMs()));
}

Status SearchLog::RecordEventRequest(std::string_view body) {
  auto event = ParseEventRequest(body);
  if (!event.ok()) return event.status();
  event->time_ms = clock_.NowMs();
  return RecordEvent(std::move(*event));
}

Status SearchLog::RecordEvent(StoredEvent event) {
  auto done = std::make_shared<std::promise<Status>>();
  std::future<Status> result = done->get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closing_) return Status::Unavailable("log_closed", "the server is stopping; try again");
    queue_.emplace_back(PendingEvent{std::move(event), done, std::nullopt});
    urgent_ = true;
  }
  wake_.notify_one();
  // A disk that hangs must not hang the worker threads with it.
  if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    return Status::Unavailable("log_busy", "the event log is not keeping up; try again");
  }
  return result.get();
}

void SearchLog::Flush() {
  auto done = std::make_shared<std::promise<void>>();
  std::future<void> flushed = done->get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!writer_.joinable()) return;
    queue_.emplace_back(FlushRequest{done});
    urgent_ = true;
  }
  wake_.notify_one();
  flushed.wait();
}

void SearchLog::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

SearchLogStats SearchLog::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return SearchLogStats{written_, dropped_, queued_searches_};
}

void SearchLog::WriterLoop() {
  for (;;) {
    std::deque<Item> batch;
    bool closing;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Searches wait up to one interval so they are written in batches; events and flushes
      // are written at once.
      wake_.wait_for(lock, options_.flush_interval, [this] { return urgent_ || closing_; });
      batch.swap(queue_);
      queued_searches_ = 0;
      urgent_ = false;
      closing = closing_;
    }
    if (!batch.empty()) WriteBatch(batch);
    DeleteExpired();
    RollUpDueHours();
    if (closing) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (queue_.empty()) return;  // otherwise an event slipped in: write it too
    }
  }
}

void SearchLog::WriteBatch(std::deque<Item>& batch) {
  std::uint64_t searches = 0;
  Status transaction = db_->Begin();
  for (Item& item : batch) {
    if (!transaction.ok()) break;
    if (auto* search = std::get_if<StoredSearch>(&item)) {
      transaction = WriteSearch(*search);
      ++searches;
    } else if (auto* pending = std::get_if<PendingEvent>(&item)) {
      const bool page_feedback = pending->event.search_id.empty();  // refers to no search
      auto searched = page_feedback
                          ? Result<std::optional<std::int64_t>>(std::optional<std::int64_t>())
                          : db_->SearchTime(pending->event.search_id);
      if (!searched.ok()) {
        transaction = searched.status();
      } else if (!page_feedback && !searched->has_value()) {
        pending->outcome =
            Status::NotFound("unknown_search_id", "no search with id '" + pending->event.search_id +
                                                      "': send the search_id of a recent search");
      } else {
        pending->event.reason = RedactPersonalData(pending->event.reason);
        if (pending->event.time_ms == 0) pending->event.time_ms = clock_.NowMs();
        transaction = db_->InsertEvent(pending->event);
        // An event changes its search's hour, and the hour of the miss that this search may
        // have reformulated: their roll-ups are renewed.
        if (transaction.ok() && searched->has_value()) {
          transaction = db_->MarkHourDirty(HourOf(**searched));
          if (transaction.ok()) {
            transaction = db_->MarkHourDirty(HourOf(**searched - kReformulationWindowMs));
          }
        }
        pending->outcome = Status::Ok();
      }
    }
  }
  if (transaction.ok()) transaction = db_->Commit();
  if (!transaction.ok()) {
    db_->Rollback();
    std::cerr << "kb-server: search log: " << transaction.message() << "\n";
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    (transaction.ok() ? written_ : dropped_) += searches;
  }
  // Answer only now: an event is acknowledged once its transaction is committed.
  for (Item& item : batch) {
    if (auto* pending = std::get_if<PendingEvent>(&item)) {
      pending->done->set_value(transaction.ok() ? pending->outcome.value_or(transaction)
                                                : transaction);
    } else if (auto* flush = std::get_if<FlushRequest>(&item)) {
      flush->done->set_value();
    }
  }
}

Status SearchLog::WriteSearch(StoredSearch& search) {
  const std::string typed = Wording(search.query);  // the form compared for collapsing
  const std::string redacted = RedactPersonalData(search.query);
  // The search's own analysis normalized the query as typed. Personal data must not reach the
  // disk even as stems, so a query that redaction changed is normalized again, redacted.
  if (search.normalized.empty() || redacted != search.query) {
    const std::string& locale = !search.language.empty()        ? search.language
                                : !search.locale.empty()        ? search.locale
                                : !search.language_hint.empty() ? search.language_hint
                                                                : std::string(kDefaultLocale);
    auto language = LanguageForLocale(locale);
    if (!language.ok()) language = LanguageForLocale(kDefaultLocale);
    search.language = language->locale;
    search.normalized = NormalizeQuery(redacted, *language);
  }
  search.query = redacted;
  search.corrected = RedactPersonalData(search.corrected);
  if (Status s = db_->InsertSearch(search); !s.ok()) return s;

  // Search-as-you-type: "canc", "cancel", "cancel subscr" from one session within the window
  // count once, as the last. The earlier ones stay on disk, marked superseded, so that an event
  // that refers to one of them still finds it.
  if (search.session.empty()) return Status::Ok();
  auto previous = last_by_session_.find(search.session);
  if (previous != last_by_session_.end() &&
      search.time_ms - previous->second.time_ms <= options_.collapse_window_ms &&
      typed.size() >= previous->second.text.size() &&
      typed.compare(0, previous->second.text.size(), previous->second.text) == 0) {
    if (Status s = db_->MarkSuperseded(previous->second.id); !s.ok()) return s;
  }
  if (last_by_session_.size() >= kMaxTrackedSessions) {
    for (auto it = last_by_session_.begin(); it != last_by_session_.end();) {
      it = search.time_ms - it->second.time_ms > options_.collapse_window_ms
               ? last_by_session_.erase(it)
               : std::next(it);
    }
  }
  last_by_session_[search.session] = LastSearch{search.id, typed, search.time_ms};
  return Status::Ok();
}

void SearchLog::RollUpDueHours() {
  const std::int64_t due_before = HourOf(clock_.NowMs() - kRollupGraceMs);
  if (next_rollup_hour_ < 0) {
    auto last = db_->LastRolledHour();
    auto first = db_->FirstSearchTime();
    if (!last.ok() || !first.ok()) return;
    if (*last >= 0) {
      next_rollup_hour_ = *last + kHourMs;
    } else if (*first >= 0) {
      next_rollup_hour_ = HourOf(*first);
    } else {
      return;  // nothing logged yet
    }
  }
  std::vector<std::int64_t> hours;
  while (next_rollup_hour_ < due_before && hours.size() < kRollupHoursPerPass) {
    hours.push_back(next_rollup_hour_);
    next_rollup_hour_ += kHourMs;
  }
  auto dirty = db_->DirtyHours(static_cast<int>(kRollupHoursPerPass));
  if (dirty.ok()) hours.insert(hours.end(), dirty->begin(), dirty->end());
  for (std::int64_t hour : hours) {
    if (Status rolled = RollUpHour(*db_, hour); !rolled.ok()) {
      std::cerr << "kb-server: search log: " << rolled.message() << "\n";
      return;  // the next pass tries again
    }
  }
}

void SearchLog::DeleteExpired() {
  const std::int64_t now = clock_.NowMs();
  if (now < next_retention_ms_) return;
  next_retention_ms_ = now + kRetentionCheckMs;
  auto deleted = db_->DeleteSearchesBefore(now - options_.retention_days * kDayMs);
  if (!deleted.ok()) std::cerr << "kb-server: search log: " << deleted.status().message() << "\n";
}

}  // namespace kb
