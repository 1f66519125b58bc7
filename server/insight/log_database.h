// The search and event log on disk: one SQLite file in WAL mode, with a schema version and
// migrations that upgrade an older file in place. This is the one file that talks to SQLite, and
// the one that turns the typed values of log_values.h into the text of its columns and back.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/insight/log_values.h"

struct sqlite3;

namespace kb {

struct Rollup;  // server/insight/search_rollup.h

// The schema version this build writes. Files of an older version are migrated on open; a newer
// one is refused (it was written by a newer kb).
inline constexpr int kLogSchemaVersion = 4;

// One search as stored: the query is already redacted.
struct StoredSearch {
  std::string id;
  std::int64_t time_ms = 0;
  std::string session;  // "" when the client sent none
  std::string query;
  std::string normalized;
  std::string locale;
  std::string category;
  std::vector<std::string> tags;  // the filter's tags, all required
  bool agent = false;
  int result_count = 0;
  std::vector<std::string> top_slugs;  // at most kLoggedTopSlugs, best first
  std::string corrected;               // "" when no correction was used
  // The locale the query was analysed in (normalized form, gap grouping): the one asked for,
  // else that of the top result, else the default.
  std::string language;
  // Not stored: the top result's locale, from which `language` is derived.
  std::string language_hint;
  // Filled by SearchesBetween only:
  bool superseded = false;
  bool clicked = false;
  bool not_helpful = false;
  bool contacted = false;
};

struct StoredEvent {
  std::int64_t time_ms = 0;
  std::string search_id;  // "" for feedback given on an article page reached without a search
  EventType type = EventType::kClick;
  std::string slug;
  std::string session;
  std::string reason;  // redacted
};

struct ArticleActivity {
  int views = 0;  // clicks from search results
  int helpful = 0;
  int not_helpful = 0;
  int contacts = 0;  // "contact support" after reading it
};

// One customer's reaction to a result of a search: what popularity is made of.
struct OutcomeSignal {
  std::string normalized;  // of the search
  std::string slug;
  EventType type = EventType::kClick;  // never kContact: a contact says nothing of the article
  std::string session;
  std::int64_t time_ms = 0;
};

struct GapStatus {
  GapState state = GapState::kOpen;
  std::string note;
  std::int64_t updated_ms = 0;
  std::string answered_by;  // slug that now answers it, "" if none
  std::int64_t answered_ms = 0;
  std::string answered_generation;
};

// Which gap a wording belongs to: decided once, when the wording first reaches the report, so a
// gap keeps its members (and its id and status) from one report to the next.
struct GapWording {
  std::string gap_id;
  std::string key;  // the wording's GapKey when it was assigned
  std::int64_t assigned_ms = 0;
};
// (wording, language) -> its gap.
using GapWordings = std::map<std::pair<std::string, std::string>, GapWording>;

// What a reader wrote under "What was missing?" after a search (redacted).
struct MissingReason {
  std::string wording;  // of the search
  std::string language;
  std::string reason;
  std::int64_t time_ms = 0;
};

// An alert about an emerging gap, as the outbox keeps it (gap_alerts): what the gap looked like
// when detection first saw it emerging, and how its delivery to the webhook is going.
struct GapAlert {
  std::int64_t id = 0;  // set by the log
  std::string gap_id;
  // The surge it is about: the UTC day the surge started ("2026-09-14"). A gap has at most one
  // alert per period (server/insight/gap_alerts.h has the whole rule).
  std::string period;
  std::int64_t created_ms = 0;
  std::string representative;
  std::vector<std::string> examples;  // as typed, redacted
  int searches = 0;                   // the gap's, in the report that saw it
  int sessions = 0;
  EmergingWindow window = EmergingWindow::kHour;
  std::int64_t emerging_since_ms = 0;
  int recent_misses = 0;     // in the window
  double baseline_rate = 0;  // misses per hour or per day (the window) before it
  // Delivery.
  AlertState state = AlertState::kPending;
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;  // when a pending alert is next tried
  std::string last_error;            // of the last failed attempt
  std::int64_t sent_ms = 0;
};

class LogDatabase {
 public:
  // Opens (creating if needed) the log at `path` and migrates it to kLogSchemaVersion, or to
  // `target_version` (tests use this to make an old file). Read-only handles never migrate and
  // fail on a file that needs it.
  static Result<std::unique_ptr<LogDatabase>> Open(const std::string& path, bool read_only = false,
                                                   int target_version = kLogSchemaVersion);
  ~LogDatabase();
  LogDatabase(const LogDatabase&) = delete;
  LogDatabase& operator=(const LogDatabase&) = delete;

  int schema_version() const { return version_; }

  Status Begin();
  Status Commit();
  void Rollback();

  Status InsertSearch(const StoredSearch& search);
  // The time of the search with `id`, or nullopt when there is none.
  Result<std::optional<std::int64_t>> SearchTime(const std::string& id);
  Status MarkSuperseded(const std::string& id);
  Status InsertEvent(const StoredEvent& event);
  // Deletes searches (and their events and gap alerts) older than `cutoff_ms`; returns how many
  // searches.
  Result<int> DeleteSearchesBefore(std::int64_t cutoff_ms);

  // Searches with since_ms <= time < until_ms, with their event flags, oldest first.
  Result<std::vector<StoredSearch>> SearchesBetween(std::int64_t since_ms, std::int64_t until_ms);
  // Events per article slug in the period.
  Result<std::map<std::string, ArticleActivity>> ArticleActivityBetween(std::int64_t since_ms,
                                                                        std::int64_t until_ms);

  // Clicks and votes on results of customer (not agent) searches since `since_ms`.
  Result<std::vector<OutcomeSignal>> OutcomeSignalsSince(std::int64_t since_ms);

  Result<std::map<std::string, GapStatus>> GapStatuses();
  Status SetGapStatus(const std::string& gap_id, GapState state, const std::string& note,
                      std::int64_t now_ms);
  Status SetGapAnswered(const std::string& gap_id, const std::string& slug,
                        const std::string& generation, std::int64_t now_ms);

  // Roll-ups (server/insight/search_rollup.h). An hour is "rolled" once its roll-up is stored,
  // and "dirty" when an event arrived for it after that.
  // The start of the last hour rolled up, or -1 when none is.
  Result<std::int64_t> LastRolledHour();
  // The time of the oldest search, or -1 when there is none.
  Result<std::int64_t> FirstSearchTime();
  // Up to `limit` dirty hours, oldest first.
  Result<std::vector<std::int64_t>> DirtyHours(int limit);
  Status MarkHourDirty(std::int64_t hour_ms);
  // Replaces what is stored of the hour at `hour_ms` with `rollup` and marks it clean. Call it
  // inside Begin/Commit.
  Status ReplaceRollup(std::int64_t hour_ms, const Rollup& rollup);
  // The clean rolled-up hours h with since_ms <= h < until_ms, oldest first.
  Result<std::vector<std::int64_t>> CleanHoursBetween(std::int64_t since_ms, std::int64_t until_ms);
  // The stored roll-ups of the hours h with since_ms <= h < until_ms.
  Status ReadRollups(std::int64_t since_ms, std::int64_t until_ms, Rollup& into);

  Result<GapWordings> ReadGapWordings();
  Status AddGapWordings(const GapWordings& wordings);

  // The reasons written with "not helpful" votes on searches in the period, oldest first.
  Result<std::vector<MissingReason>> MissingReasonsBetween(std::int64_t since_ms,
                                                           std::int64_t until_ms);

  // Suggested synonym lines (as _synonyms.yaml spells them) that an owner dismissed.
  Result<std::vector<std::string>> DismissedSynonyms();
  Status DismissSynonym(const std::string& line, std::int64_t now_ms);
  // Adds `alert` to the outbox (pending, due at once) unless its gap already has an alert for
  // the same period, or one created at or after `not_since_ms`. True when it was added.
  Result<bool> AddGapAlert(const GapAlert& alert, std::int64_t not_since_ms);
  // Pending alerts due at `now_ms`, the longest waiting first, at most `limit`.
  Result<std::vector<GapAlert>> DueGapAlerts(std::int64_t now_ms, int limit);
  // Every alert, oldest first.
  Result<std::vector<GapAlert>> GapAlerts();
  // Saves the delivery fields of `alert` (state, attempts, next attempt, last error, sent).
  Status UpdateGapAlertDelivery(const GapAlert& alert);
  // How many alerts are in each state.
  Result<std::map<AlertState, int>> CountGapAlerts();

  // "ok", or SQLite's description of the damage.
  Result<std::string> IntegrityCheck();
  Result<int> CountSearches();

 private:
  explicit LogDatabase(sqlite3* db) : db_(db) {}
  Status Exec(const std::string& sql);
  Status Migrate(int target_version);

  sqlite3* db_;
  int version_ = 0;
};

}  // namespace kb
