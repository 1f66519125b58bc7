#include "server/insight/log_database.h"

#include <sqlite3.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "server/insight/search_rollup.h"

namespace kb {
namespace {

// Each entry upgrades the schema by one version; entry i takes version i to i + 1. Never edit an
// entry once released: add a new one.
const char* const kMigrations[] = {
    // 1: searches and the events that follow them.
    R"sql(
      CREATE TABLE searches (
        id TEXT PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        session TEXT NOT NULL DEFAULT '',
        query TEXT NOT NULL,
        normalized TEXT NOT NULL,
        locale TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        tag TEXT NOT NULL DEFAULT '',
        agent INTEGER NOT NULL DEFAULT 0,
        result_count INTEGER NOT NULL,
        top_slugs TEXT NOT NULL DEFAULT '',
        corrected TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'en',
        superseded INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX searches_by_time ON searches(time_ms);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        search_id TEXT REFERENCES searches(id) ON DELETE CASCADE,  -- NULL: feedback on a page
        type TEXT NOT NULL CHECK (type IN ('click', 'helpful', 'not_helpful', 'contact')),
        slug TEXT NOT NULL DEFAULT '',
        session TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX events_by_search ON events(search_id);
      CREATE INDEX events_by_time ON events(time_ms);
    )sql",
    // 2: what content owners decided about each gap, and what answered it.
    R"sql(
      CREATE TABLE gap_status (
        gap_id TEXT PRIMARY KEY,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'dismissed')),
        note TEXT NOT NULL DEFAULT '',
        updated_ms INTEGER NOT NULL DEFAULT 0,
        answered_by TEXT NOT NULL DEFAULT '',
        answered_ms INTEGER NOT NULL DEFAULT 0,
        answered_generation TEXT NOT NULL DEFAULT ''
      );
    )sql",
    // 3: the log summed by hour (server/insight/search_rollup.h), which wordings each gap holds,
    // the "not helpful" reasons by time, and the synonym suggestions an owner dismissed.
    R"sql(
      CREATE TABLE rolled_hours (
        hour_ms INTEGER PRIMARY KEY,
        dirty INTEGER NOT NULL DEFAULT 0  -- 1: a late event changed it; roll it up again
      );
      CREATE TABLE hour_totals (
        hour_ms INTEGER PRIMARY KEY,
        searches INTEGER NOT NULL,
        customer_searches INTEGER NOT NULL,
        misses INTEGER NOT NULL,
        customer_misses INTEGER NOT NULL
      );
      CREATE TABLE wording_hours (
        hour_ms INTEGER NOT NULL,
        wording TEXT NOT NULL,
        language TEXT NOT NULL,
        locale TEXT NOT NULL,
        category TEXT NOT NULL,
        tag TEXT NOT NULL,
        agent INTEGER NOT NULL,
        typed TEXT NOT NULL,
        misses INTEGER NOT NULL,
        no_results INTEGER NOT NULL,
        no_click INTEGER NOT NULL,
        not_helpful INTEGER NOT NULL,
        contact INTEGER NOT NULL,
        recovered INTEGER NOT NULL,
        sessions INTEGER NOT NULL,
        session_sample TEXT NOT NULL,
        impact REAL NOT NULL,
        shown TEXT NOT NULL,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        PRIMARY KEY (hour_ms, wording, language, locale, category, tag, agent)
      ) WITHOUT ROWID;
      CREATE TABLE reformulation_hours (
        hour_ms INTEGER NOT NULL,
        from_wording TEXT NOT NULL,
        to_wording TEXT NOT NULL,
        language TEXT NOT NULL,
        sessions INTEGER NOT NULL,
        succeeded INTEGER NOT NULL,
        PRIMARY KEY (hour_ms, from_wording, to_wording, language)
      ) WITHOUT ROWID;
      CREATE TABLE gap_wordings (
        wording TEXT NOT NULL,
        language TEXT NOT NULL,
        gap_id TEXT NOT NULL,
        key TEXT NOT NULL,
        assigned_ms INTEGER NOT NULL,
        PRIMARY KEY (wording, language)
      ) WITHOUT ROWID;
      CREATE INDEX events_with_reason ON events(time_ms) WHERE reason != '';
      CREATE TABLE synonym_dismissals (
        line TEXT PRIMARY KEY,
        dismissed_ms INTEGER NOT NULL
      );
    )sql",
    // 4: alerts about emerging gaps: an outbox, written when detection first sees a gap emerging
    // and delivered to the webhook from here, so that a restart resumes where it was.
    R"sql(
      CREATE TABLE gap_alerts (
        id INTEGER PRIMARY KEY,
        gap_id TEXT NOT NULL,
        period TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        representative TEXT NOT NULL,
        examples TEXT NOT NULL DEFAULT '[]',
        searches INTEGER NOT NULL DEFAULT 0,
        sessions INTEGER NOT NULL DEFAULT 0,
        surge_window TEXT NOT NULL CHECK (surge_window IN ('hour', 'day')),
        emerging_since_ms INTEGER NOT NULL,
        recent_misses INTEGER NOT NULL,
        baseline_rate REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        sent_ms INTEGER NOT NULL DEFAULT 0,
        UNIQUE (gap_id, period)
      );
    )sql",
};
static_assert(std::size(kMigrations) == kLogSchemaVersion);

// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return stmt_ != nullptr; }

  Statement& Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& Bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  // Runs the statement again with new values.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? reinterpret_cast<const char*>(text) : "";
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const { return sqlite3_column_double(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Status Error(sqlite3* db, const std::string& what) {
  return Status::Unavailable("log_error", what + ": " + sqlite3_errmsg(db));
}

Status Done(sqlite3* db, Statement& statement, const std::string& what) {
  if (!statement.ok()) return Error(db, what);
  const int rc = statement.Step();
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(db, what);
  return Status::Ok();
}

// How wording_hours.shown spells a row's shown slugs: "slug=3 other=1". Slugs hold no spaces or
// '=' (core/slug.h).
std::string EncodeShown(const std::map<std::string, int>& shown) {
  std::string text;
  for (const auto& [slug, count] : shown) {
    text += (text.empty() ? "" : " ") + slug + "=" + std::to_string(count);
  }
  return text;
}

std::map<std::string, int> DecodeShown(std::string_view text) {
  std::map<std::string, int> shown;
  for (const std::string& piece : DecodeTopSlugs(text)) {
    const auto equals = piece.rfind('=');
    if (equals == std::string::npos) continue;
    shown[piece.substr(0, equals)] += std::atoi(piece.c_str() + equals + 1);
  }
  return shown;
}

// A stored value that this kb cannot read: the CHECK constraints keep them out, so the file was
// changed by something else.
Status UnknownValue(const std::string& column, const std::string& text) {
  return Status::Unavailable(
      "log_error", "the search log holds an unknown " + column + " '" + text.substr(0, 40) + "'");
}

}  // namespace

Result<std::unique_ptr<LogDatabase>> LogDatabase::Open(const std::string& path, bool read_only,
                                                       int target_version) {
  sqlite3* raw = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return Status::Unavailable("log_open", "cannot open the search log " + path + ": " + message);
  }
  std::unique_ptr<LogDatabase> db(new LogDatabase(raw));
  sqlite3_busy_timeout(raw, 5000);
  // WAL: readers (reports) never block the writer. synchronous=FULL: a committed write survives
  // a crash of the process or of the machine, which is what a 2xx answer to an event promises.
  if (!read_only) {
    if (Status s = db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s.ok()) return s;
  }
  if (Status s = db->Exec("PRAGMA foreign_keys=ON;"); !s.ok()) return s;

  Statement version(raw, "PRAGMA user_version");
  if (version.Step() != SQLITE_ROW) return Error(raw, "cannot read the log's schema version");
  db->version_ = static_cast<int>(version.Int(0));
  if (db->version_ > kLogSchemaVersion) {
    return Status::FailedPrecondition(
        "log_too_new", path + " has schema version " + std::to_string(db->version_) +
                           "; this kb understands up to " + std::to_string(kLogSchemaVersion) +
                           ": run a newer kb-server");
  }
  if (db->version_ < target_version) {
    if (read_only) {
      return Status::FailedPrecondition("log_too_old",
                                        path + " needs migrating: start kb-server on it once");
    }
    if (Status s = db->Migrate(target_version); !s.ok()) return s;
  }
  return db;
}

LogDatabase::~LogDatabase() { sqlite3_close(db_); }

Status LogDatabase::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    Status status = Status::Unavailable(
        "log_error", std::string("search log: ") + (error ? error : "unknown error"));
    sqlite3_free(error);
    return status;
  }
  return Status::Ok();
}

Status LogDatabase::Migrate(int target_version) {
  // One transaction for the whole upgrade: a crash midway leaves the old version intact.
  if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  for (int v = version_; v < target_version; ++v) {
    if (Status s = Exec(kMigrations[v]); !s.ok()) {
      Rollback();
      return Status::Unavailable("log_migrate", "upgrading the search log to version " +
                                                    std::to_string(v + 1) +
                                                    " failed: " + s.message());
    }
  }
  if (Status s = Exec("PRAGMA user_version=" + std::to_string(target_version)); !s.ok()) {
    Rollback();
    return s;
  }
  if (Status s = Exec("COMMIT"); !s.ok()) return s;
  version_ = target_version;
  return Status::Ok();
}

Status LogDatabase::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status LogDatabase::Commit() { return Exec("COMMIT"); }
void LogDatabase::Rollback() { (void)Exec("ROLLBACK"); }

Status LogDatabase::InsertSearch(const StoredSearch& s) {
  Statement insert(db_,
                   "INSERT OR IGNORE INTO searches (id, time_ms, session, query, normalized, "
                   "locale, category, tag, agent, result_count, top_slugs, corrected, language) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, s.id).Bind(2, s.time_ms).Bind(3, s.session).Bind(4, s.query);
  insert.Bind(5, s.normalized).Bind(6, s.locale).Bind(7, s.category).Bind(8, EncodeTags(s.tags));
  insert.Bind(9, std::int64_t{s.agent}).Bind(10, std::int64_t{s.result_count});
  insert.Bind(11, EncodeTopSlugs(s.top_slugs)).Bind(12, s.corrected).Bind(13, s.language);
  return Done(db_, insert, "cannot record a search");
}

Result<std::optional<std::int64_t>> LogDatabase::SearchTime(const std::string& id) {
  Statement select(db_, "SELECT time_ms FROM searches WHERE id = ?");
  select.Bind(1, id);
  const int rc = select.Step();
  if (rc == SQLITE_ROW) return std::optional<std::int64_t>(select.Int(0));
  if (rc == SQLITE_DONE) return std::optional<std::int64_t>();
  return Error(db_, "cannot look up a search");
}

Status LogDatabase::MarkSuperseded(const std::string& id) {
  Statement update(db_, "UPDATE searches SET superseded = 1 WHERE id = ?");
  update.Bind(1, id);
  return Done(db_, update, "cannot update a search");
}

Status LogDatabase::InsertEvent(const StoredEvent& e) {
  Statement insert(db_,
                   "INSERT INTO events (time_ms, search_id, type, slug, session, reason) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(1, e.time_ms).Bind(3, ToString(e.type)).Bind(4, e.slug);
  if (!e.search_id.empty()) insert.Bind(2, e.search_id);  // else NULL
  insert.Bind(5, e.session).Bind(6, e.reason);
  return Done(db_, insert, "cannot record an event");
}

Result<int> LogDatabase::DeleteSearchesBefore(std::int64_t cutoff_ms) {
  Statement remove(db_, "DELETE FROM searches WHERE time_ms < ?");
  remove.Bind(1, cutoff_ms);
  if (Status s = Done(db_, remove, "cannot delete old searches"); !s.ok()) return s;
  const int deleted = sqlite3_changes(db_);
  for (const char* table :
       {"rolled_hours", "hour_totals", "wording_hours", "reformulation_hours"}) {
    const std::string sql = std::string("DELETE FROM ") + table + " WHERE hour_ms < ?";
    Statement old(db_, sql.c_str());
    old.Bind(1, HourOf(cutoff_ms));
    if (Status s = Done(db_, old, "cannot delete old roll-ups"); !s.ok()) return s;
  }
  // An alert quotes its gap's queries: it goes when they would.
  Statement alerts(db_, "DELETE FROM gap_alerts WHERE created_ms < ?");
  alerts.Bind(1, cutoff_ms);
  if (Status s = Done(db_, alerts, "cannot delete old gap alerts"); !s.ok()) return s;
  return deleted;
}

Result<std::vector<StoredSearch>> LogDatabase::SearchesBetween(std::int64_t since_ms,
                                                               std::int64_t until_ms) {
  Statement select(
      db_,
      "SELECT s.id, s.time_ms, s.session, s.query, s.normalized, s.locale, s.category, s.tag, "
      "s.agent, s.result_count, s.top_slugs, s.corrected, s.superseded, s.language, "
      "EXISTS (SELECT 1 FROM events e WHERE e.search_id = s.id AND e.type = ?1), "
      "EXISTS (SELECT 1 FROM events e WHERE e.search_id = s.id AND e.type = ?2), "
      "EXISTS (SELECT 1 FROM events e WHERE e.search_id = s.id AND e.type = ?3) "
      "FROM searches s WHERE s.time_ms >= ?4 AND s.time_ms < ?5 ORDER BY s.time_ms");
  select.Bind(1, ToString(EventType::kClick)).Bind(2, ToString(EventType::kNotHelpful));
  select.Bind(3, ToString(EventType::kContact)).Bind(4, since_ms).Bind(5, until_ms);
  std::vector<StoredSearch> searches;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    StoredSearch s;
    s.id = select.Text(0);
    s.time_ms = select.Int(1);
    s.session = select.Text(2);
    s.query = select.Text(3);
    s.normalized = select.Text(4);
    s.locale = select.Text(5);
    s.category = select.Text(6);
    s.tags = DecodeTags(select.Text(7));
    s.agent = select.Int(8) != 0;
    s.result_count = static_cast<int>(select.Int(9));
    s.top_slugs = DecodeTopSlugs(select.Text(10));
    s.corrected = select.Text(11);
    s.superseded = select.Int(12) != 0;
    s.language = select.Text(13);
    s.clicked = select.Int(14) != 0;
    s.not_helpful = select.Int(15) != 0;
    s.contacted = select.Int(16) != 0;
    searches.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read searches");
  return searches;
}

Result<std::map<std::string, ArticleActivity>> LogDatabase::ArticleActivityBetween(
    std::int64_t since_ms, std::int64_t until_ms) {
  Statement select(db_,
                   "SELECT slug, type, COUNT(*) FROM events WHERE time_ms >= ? AND time_ms < ? "
                   "AND slug != '' GROUP BY slug, type");
  select.Bind(1, since_ms).Bind(2, until_ms);
  std::map<std::string, ArticleActivity> activity;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    const std::optional<EventType> type = ParseEventType(select.Text(1));
    if (!type) return UnknownValue("event type", select.Text(1));
    ArticleActivity& a = activity[select.Text(0)];
    const int count = static_cast<int>(select.Int(2));
    switch (*type) {
      case EventType::kClick:
        a.views += count;
        break;
      case EventType::kHelpful:
        a.helpful += count;
        break;
      case EventType::kNotHelpful:
        a.not_helpful += count;
        break;
      case EventType::kContact:
        a.contacts += count;
        break;
    }
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read article activity");
  return activity;
}

Result<std::vector<OutcomeSignal>> LogDatabase::OutcomeSignalsSince(std::int64_t since_ms) {
  Statement select(db_,
                   "SELECT s.normalized, e.slug, e.type, e.session, e.time_ms FROM events e "
                   "JOIN searches s ON s.id = e.search_id WHERE e.time_ms >= ? AND s.agent = 0 "
                   "AND e.slug != '' AND e.type IN (?, ?, ?)");
  select.Bind(1, since_ms).Bind(2, ToString(EventType::kClick));
  select.Bind(3, ToString(EventType::kHelpful)).Bind(4, ToString(EventType::kNotHelpful));
  std::vector<OutcomeSignal> signals;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    const std::optional<EventType> type = ParseEventType(select.Text(2));
    if (!type) return UnknownValue("event type", select.Text(2));
    signals.push_back({select.Text(0), select.Text(1), *type, select.Text(3), select.Int(4)});
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read search outcomes");
  return signals;
}

Result<std::map<std::string, GapStatus>> LogDatabase::GapStatuses() {
  Statement select(db_,
                   "SELECT gap_id, status, note, updated_ms, answered_by, answered_ms, "
                   "answered_generation FROM gap_status");
  std::map<std::string, GapStatus> statuses;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    const std::optional<GapState> state = ParseGapState(select.Text(1));
    if (!state) return UnknownValue("gap status", select.Text(1));
    GapStatus& g = statuses[select.Text(0)];
    g.state = *state;
    g.note = select.Text(2);
    g.updated_ms = select.Int(3);
    g.answered_by = select.Text(4);
    g.answered_ms = select.Int(5);
    g.answered_generation = select.Text(6);
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read gap statuses");
  return statuses;
}

Status LogDatabase::SetGapStatus(const std::string& gap_id, GapState state, const std::string& note,
                                 std::int64_t now_ms) {
  Statement upsert(db_,
                   "INSERT INTO gap_status (gap_id, status, note, updated_ms) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (gap_id) DO UPDATE SET status = excluded.status, "
                   "note = excluded.note, updated_ms = excluded.updated_ms");
  upsert.Bind(1, gap_id).Bind(2, ToString(state)).Bind(3, note).Bind(4, now_ms);
  return Done(db_, upsert, "cannot save the gap status");
}

Status LogDatabase::SetGapAnswered(const std::string& gap_id, const std::string& slug,
                                   const std::string& generation, std::int64_t now_ms) {
  Statement upsert(db_,
                   "INSERT INTO gap_status (gap_id, answered_by, answered_ms, answered_generation) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (gap_id) DO UPDATE SET "
                   "answered_by = excluded.answered_by, answered_ms = excluded.answered_ms, "
                   "answered_generation = excluded.answered_generation");
  upsert.Bind(1, gap_id).Bind(2, slug).Bind(3, now_ms).Bind(4, generation);
  return Done(db_, upsert, "cannot save what answered a gap");
}

Result<std::int64_t> LogDatabase::LastRolledHour() {
  Statement select(db_, "SELECT COALESCE(MAX(hour_ms), -1) FROM rolled_hours");
  if (select.Step() != SQLITE_ROW) return Error(db_, "cannot read the roll-ups");
  return select.Int(0);
}

Result<std::int64_t> LogDatabase::FirstSearchTime() {
  Statement select(db_, "SELECT COALESCE(MIN(time_ms), -1) FROM searches");
  if (select.Step() != SQLITE_ROW) return Error(db_, "cannot read searches");
  return select.Int(0);
}

Result<std::vector<std::int64_t>> LogDatabase::DirtyHours(int limit) {
  Statement select(db_,
                   "SELECT hour_ms FROM rolled_hours WHERE dirty = 1 ORDER BY hour_ms LIMIT ?");
  select.Bind(1, std::int64_t{limit});
  std::vector<std::int64_t> hours;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) hours.push_back(select.Int(0));
  if (rc != SQLITE_DONE) return Error(db_, "cannot read the roll-ups");
  return hours;
}

Status LogDatabase::MarkHourDirty(std::int64_t hour_ms) {
  Statement update(db_, "UPDATE rolled_hours SET dirty = 1 WHERE hour_ms = ?");
  update.Bind(1, hour_ms);
  return Done(db_, update, "cannot mark a roll-up for renewal");
}

Status LogDatabase::ReplaceRollup(std::int64_t hour_ms, const Rollup& rollup) {
  for (const char* table : {"hour_totals", "wording_hours", "reformulation_hours"}) {
    const std::string sql = std::string("DELETE FROM ") + table + " WHERE hour_ms = ?";
    Statement remove(db_, sql.c_str());
    remove.Bind(1, hour_ms);
    if (Status s = Done(db_, remove, "cannot renew a roll-up"); !s.ok()) return s;
  }
  Statement total(db_,
                  "INSERT INTO hour_totals (hour_ms, searches, customer_searches, misses, "
                  "customer_misses) VALUES (?, ?, ?, ?, ?)");
  for (const HourTotals& t : rollup.totals) {
    total.Reset();
    total.Bind(1, t.hour_ms).Bind(2, std::int64_t{t.searches});
    total.Bind(3, std::int64_t{t.customer_searches}).Bind(4, std::int64_t{t.misses});
    total.Bind(5, std::int64_t{t.customer_misses});
    if (Status s = Done(db_, total, "cannot store a roll-up"); !s.ok()) return s;
  }
  Statement wording(db_,
                    "INSERT INTO wording_hours (hour_ms, wording, language, locale, category, tag, "
                    "agent, typed, misses, no_results, no_click, not_helpful, contact, recovered, "
                    "sessions, session_sample, impact, shown, first_ms, last_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const WordingHour& w : rollup.wordings) {
    wording.Reset();
    wording.Bind(1, w.hour_ms).Bind(2, w.wording).Bind(3, w.language).Bind(4, w.locale);
    wording.Bind(5, w.category).Bind(6, EncodeTags(w.tags)).Bind(7, std::int64_t{w.agent});
    wording.Bind(8, w.typed).Bind(9, std::int64_t{w.misses}).Bind(10, std::int64_t{w.no_results});
    wording.Bind(11, std::int64_t{w.no_click}).Bind(12, std::int64_t{w.not_helpful});
    wording.Bind(13, std::int64_t{w.contact}).Bind(14, std::int64_t{w.recovered});
    wording.Bind(15, std::int64_t{w.sessions}).Bind(16, EncodeTopSlugs(w.session_sample));
    wording.Bind(17, w.impact).Bind(18, EncodeShown(w.shown)).Bind(19, w.first_ms);
    wording.Bind(20, w.last_ms);
    if (Status s = Done(db_, wording, "cannot store a roll-up"); !s.ok()) return s;
  }
  Statement reformulation(db_,
                          "INSERT INTO reformulation_hours (hour_ms, from_wording, to_wording, "
                          "language, sessions, succeeded) VALUES (?, ?, ?, ?, ?, ?)");
  for (const ReformulationHour& r : rollup.reformulations) {
    reformulation.Reset();
    reformulation.Bind(1, r.hour_ms).Bind(2, r.from).Bind(3, r.to).Bind(4, r.language);
    reformulation.Bind(5, std::int64_t{r.sessions}).Bind(6, std::int64_t{r.succeeded});
    if (Status s = Done(db_, reformulation, "cannot store a roll-up"); !s.ok()) return s;
  }
  Statement rolled(db_,
                   "INSERT INTO rolled_hours (hour_ms, dirty) VALUES (?, 0) "
                   "ON CONFLICT (hour_ms) DO UPDATE SET dirty = 0");
  rolled.Bind(1, hour_ms);
  return Done(db_, rolled, "cannot store a roll-up");
}

Result<std::vector<std::int64_t>> LogDatabase::CleanHoursBetween(std::int64_t since_ms,
                                                                 std::int64_t until_ms) {
  Statement select(db_,
                   "SELECT hour_ms FROM rolled_hours WHERE dirty = 0 AND hour_ms >= ? AND "
                   "hour_ms < ? ORDER BY hour_ms");
  select.Bind(1, since_ms).Bind(2, until_ms);
  std::vector<std::int64_t> hours;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) hours.push_back(select.Int(0));
  if (rc != SQLITE_DONE) return Error(db_, "cannot read the roll-ups");
  return hours;
}

Status LogDatabase::ReadRollups(std::int64_t since_ms, std::int64_t until_ms, Rollup& into) {
  Statement totals(db_,
                   "SELECT hour_ms, searches, customer_searches, misses, customer_misses FROM "
                   "hour_totals WHERE hour_ms >= ? AND hour_ms < ?");
  totals.Bind(1, since_ms).Bind(2, until_ms);
  int rc;
  while ((rc = totals.Step()) == SQLITE_ROW) {
    into.totals.push_back({totals.Int(0), static_cast<int>(totals.Int(1)),
                           static_cast<int>(totals.Int(2)), static_cast<int>(totals.Int(3)),
                           static_cast<int>(totals.Int(4))});
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read the roll-ups");
  Statement wordings(db_,
                     "SELECT hour_ms, wording, language, locale, category, tag, agent, typed, "
                     "misses, no_results, no_click, not_helpful, contact, recovered, sessions, "
                     "session_sample, impact, shown, first_ms, last_ms FROM wording_hours "
                     "WHERE hour_ms >= ? AND hour_ms < ?");
  wordings.Bind(1, since_ms).Bind(2, until_ms);
  while ((rc = wordings.Step()) == SQLITE_ROW) {
    WordingHour w;
    w.hour_ms = wordings.Int(0);
    w.wording = wordings.Text(1);
    w.language = wordings.Text(2);
    w.locale = wordings.Text(3);
    w.category = wordings.Text(4);
    w.tags = DecodeTags(wordings.Text(5));
    w.agent = wordings.Int(6) != 0;
    w.typed = wordings.Text(7);
    w.misses = static_cast<int>(wordings.Int(8));
    w.no_results = static_cast<int>(wordings.Int(9));
    w.no_click = static_cast<int>(wordings.Int(10));
    w.not_helpful = static_cast<int>(wordings.Int(11));
    w.contact = static_cast<int>(wordings.Int(12));
    w.recovered = static_cast<int>(wordings.Int(13));
    w.sessions = static_cast<int>(wordings.Int(14));
    w.session_sample = DecodeTopSlugs(wordings.Text(15));
    w.impact = wordings.Real(16);
    w.shown = DecodeShown(wordings.Text(17));
    w.first_ms = wordings.Int(18);
    w.last_ms = wordings.Int(19);
    into.wordings.push_back(std::move(w));
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read the roll-ups");
  Statement reformulations(db_,
                           "SELECT hour_ms, from_wording, to_wording, language, sessions, "
                           "succeeded FROM reformulation_hours WHERE hour_ms >= ? AND hour_ms < ?");
  reformulations.Bind(1, since_ms).Bind(2, until_ms);
  while ((rc = reformulations.Step()) == SQLITE_ROW) {
    into.reformulations.push_back({reformulations.Int(0), reformulations.Text(1),
                                   reformulations.Text(2), reformulations.Text(3),
                                   static_cast<int>(reformulations.Int(4)),
                                   static_cast<int>(reformulations.Int(5))});
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read the roll-ups");
  return Status::Ok();
}

Result<GapWordings> LogDatabase::ReadGapWordings() {
  Statement select(db_, "SELECT wording, language, gap_id, key, assigned_ms FROM gap_wordings");
  GapWordings wordings;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    wordings[{select.Text(0), select.Text(1)}] = {select.Text(2), select.Text(3), select.Int(4)};
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read which gap each wording is in");
  return wordings;
}

Status LogDatabase::AddGapWordings(const GapWordings& wordings) {
  Statement insert(db_,
                   "INSERT OR IGNORE INTO gap_wordings (wording, language, gap_id, key, "
                   "assigned_ms) VALUES (?, ?, ?, ?, ?)");
  for (const auto& [wording, gap] : wordings) {
    insert.Reset();
    insert.Bind(1, wording.first).Bind(2, wording.second).Bind(3, gap.gap_id).Bind(4, gap.key);
    insert.Bind(5, gap.assigned_ms);
    if (Status s = Done(db_, insert, "cannot save which gap a wording is in"); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::vector<MissingReason>> LogDatabase::MissingReasonsBetween(std::int64_t since_ms,
                                                                      std::int64_t until_ms) {
  Statement select(db_,
                   "SELECT s.query, s.language, e.reason, e.time_ms FROM events e "
                   "JOIN searches s ON s.id = e.search_id WHERE e.reason != '' AND "
                   "e.time_ms >= ? AND e.time_ms < ? ORDER BY e.time_ms");
  select.Bind(1, since_ms).Bind(2, until_ms);
  std::vector<MissingReason> reasons;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    reasons.push_back({Wording(select.Text(0)), select.Text(1), select.Text(2), select.Int(3)});
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot read feedback reasons");
  return reasons;
}

Result<std::vector<std::string>> LogDatabase::DismissedSynonyms() {
  Statement select(db_, "SELECT line FROM synonym_dismissals ORDER BY line");
  std::vector<std::string> lines;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) lines.push_back(select.Text(0));
  if (rc != SQLITE_DONE) return Error(db_, "cannot read dismissed synonyms");
  return lines;
}

Status LogDatabase::DismissSynonym(const std::string& line, std::int64_t now_ms) {
  Statement insert(db_,
                   "INSERT INTO synonym_dismissals (line, dismissed_ms) VALUES (?, ?) "
                   "ON CONFLICT (line) DO UPDATE SET dismissed_ms = excluded.dismissed_ms");
  insert.Bind(1, line).Bind(2, now_ms);
  return Done(db_, insert, "cannot dismiss a synonym suggestion");
}

namespace {

constexpr const char* kGapAlertColumns =
    "id, gap_id, period, created_ms, representative, examples, searches, sessions, surge_window, "
    "emerging_since_ms, recent_misses, baseline_rate, state, attempts, next_attempt_ms, "
    "last_error, sent_ms";

// The examples of an alert as the log stores them: a JSON array of strings (queries may hold any
// character).
std::string EncodeExamples(const std::vector<std::string>& examples) {
  return nlohmann::json(examples).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::vector<std::string>> DecodeExamples(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_array()) return std::nullopt;
  std::vector<std::string> examples;
  for (const auto& example : json) {
    if (!example.is_string()) return std::nullopt;
    examples.push_back(example.get<std::string>());
  }
  return examples;
}

// The alerts `select` finds (its columns kGapAlertColumns, in order).
Result<std::vector<GapAlert>> ReadGapAlerts(sqlite3* db, Statement& select) {
  std::vector<GapAlert> alerts;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    GapAlert a;
    a.id = select.Int(0);
    a.gap_id = select.Text(1);
    a.period = select.Text(2);
    a.created_ms = select.Int(3);
    a.representative = select.Text(4);
    const auto examples = DecodeExamples(select.Text(5));
    if (!examples) return UnknownValue("alert examples", select.Text(5));
    a.examples = *examples;
    a.searches = static_cast<int>(select.Int(6));
    a.sessions = static_cast<int>(select.Int(7));
    const std::optional<EmergingWindow> window = ParseEmergingWindow(select.Text(8));
    if (!window) return UnknownValue("alert window", select.Text(8));
    a.window = *window;
    a.emerging_since_ms = select.Int(9);
    a.recent_misses = static_cast<int>(select.Int(10));
    a.baseline_rate = select.Real(11);
    const std::optional<AlertState> state = ParseAlertState(select.Text(12));
    if (!state) return UnknownValue("alert state", select.Text(12));
    a.state = *state;
    a.attempts = static_cast<int>(select.Int(13));
    a.next_attempt_ms = select.Int(14);
    a.last_error = select.Text(15);
    a.sent_ms = select.Int(16);
    alerts.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return Error(db, "cannot read gap alerts");
  return alerts;
}

}  // namespace

Result<bool> LogDatabase::AddGapAlert(const GapAlert& a, std::int64_t not_since_ms) {
  Statement insert(db_,
                   "INSERT INTO gap_alerts (gap_id, period, created_ms, representative, examples, "
                   "searches, sessions, surge_window, emerging_since_ms, recent_misses, "
                   "baseline_rate, state, next_attempt_ms) "
                   "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?3 "
                   "WHERE NOT EXISTS (SELECT 1 FROM gap_alerts WHERE gap_id = ?1 "
                   "AND (period = ?2 OR created_ms >= ?13))");
  insert.Bind(1, a.gap_id).Bind(2, a.period).Bind(3, a.created_ms).Bind(4, a.representative);
  insert.Bind(5, EncodeExamples(a.examples)).Bind(6, std::int64_t{a.searches});
  insert.Bind(7, std::int64_t{a.sessions}).Bind(8, ToString(a.window));
  insert.Bind(9, a.emerging_since_ms).Bind(10, std::int64_t{a.recent_misses});
  insert.Bind(11, a.baseline_rate).Bind(12, ToString(AlertState::kPending));
  insert.Bind(13, not_since_ms);
  if (Status s = Done(db_, insert, "cannot add a gap alert"); !s.ok()) return s;
  return sqlite3_changes(db_) > 0;
}

Result<std::vector<GapAlert>> LogDatabase::DueGapAlerts(std::int64_t now_ms, int limit) {
  const std::string sql = std::string("SELECT ") + kGapAlertColumns +
                          " FROM gap_alerts WHERE state = ? AND next_attempt_ms <= ? "
                          "ORDER BY next_attempt_ms, id LIMIT ?";
  Statement select(db_, sql.c_str());
  select.Bind(1, ToString(AlertState::kPending)).Bind(2, now_ms).Bind(3, std::int64_t{limit});
  if (!select.ok()) return Error(db_, "cannot read gap alerts");
  return ReadGapAlerts(db_, select);
}

Result<std::vector<GapAlert>> LogDatabase::GapAlerts() {
  const std::string sql =
      std::string("SELECT ") + kGapAlertColumns + " FROM gap_alerts ORDER BY id";
  Statement select(db_, sql.c_str());
  if (!select.ok()) return Error(db_, "cannot read gap alerts");
  return ReadGapAlerts(db_, select);
}

Status LogDatabase::UpdateGapAlertDelivery(const GapAlert& a) {
  Statement update(db_,
                   "UPDATE gap_alerts SET state = ?, attempts = ?, next_attempt_ms = ?, "
                   "last_error = ?, sent_ms = ? WHERE id = ?");
  update.Bind(1, ToString(a.state)).Bind(2, std::int64_t{a.attempts}).Bind(3, a.next_attempt_ms);
  update.Bind(4, a.last_error).Bind(5, a.sent_ms).Bind(6, a.id);
  return Done(db_, update, "cannot save a gap alert's delivery");
}

Result<std::map<AlertState, int>> LogDatabase::CountGapAlerts() {
  Statement select(db_, "SELECT state, COUNT(*) FROM gap_alerts GROUP BY state");
  std::map<AlertState, int> counts;
  for (AlertState state : kAlertStates) counts[state] = 0;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    const std::optional<AlertState> state = ParseAlertState(select.Text(0));
    if (!state) return UnknownValue("alert state", select.Text(0));
    counts[*state] = static_cast<int>(select.Int(1));
  }
  if (rc != SQLITE_DONE) return Error(db_, "cannot count gap alerts");
  return counts;
}

Result<std::string> LogDatabase::IntegrityCheck() {
  Statement check(db_, "PRAGMA integrity_check");
  if (check.Step() != SQLITE_ROW) return Error(db_, "integrity check failed to run");
  return check.Text(0);
}

Result<int> LogDatabase::CountSearches() {
  Statement count(db_, "SELECT COUNT(*) FROM searches");
  if (count.Step() != SQLITE_ROW) return Error(db_, "cannot count searches");
  return static_cast<int>(count.Int(0));
}

}  // namespace kb
