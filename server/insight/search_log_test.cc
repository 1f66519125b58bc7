#include "server/insight/search_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class SearchLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<SearchLog> Open(SearchLogOptions options = {}) {
    options.path = path_;
    auto log = SearchLog::Open(options, clock_);
    EXPECT_TRUE(log.ok()) << log.status().message();
    return log.ok() ? std::move(*log) : nullptr;
  }
  StoredSearch Search(const std::string& id, const std::string& query,
                      const std::string& session = "s1") {
    StoredSearch s;
    s.id = id;
    s.time_ms = clock_.NowMs();
    s.session = session;
    s.query = query;
    s.locale = "en";
    s.result_count = 3;
    s.top_slugs = {"a", "b", "c"};
    return s;
  }
  std::vector<StoredSearch> Stored() {
    auto db = LogDatabase::Open(path_, /*read_only=*/true);
    EXPECT_TRUE(db.ok()) << db.status().message();
    auto all = (*db)->SearchesBetween(0, INT64_MAX);
    EXPECT_TRUE(all.ok());
    return *all;
  }

  testing::TempDir dir_;
  const std::string path_ = dir_ / "log.sqlite";
  FakeClock clock_;
};

TEST_F(SearchLogTest, WritesSearchesWithRedactedQueryAndNormalizedForm) {
  auto log = Open();
  ASSERT_TRUE(log->RecordSearch(
      Search("0000000000000001", "Cancelling my subscription for jane@example.com")));
  log->Flush();
  const auto stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].query, "Cancelling my subscription for <email>");
  EXPECT_EQ(stored[0].normalized, "cancel email subscript");
  EXPECT_EQ(stored[0].top_slugs, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(log->stats().written, 1u);
}

TEST_F(SearchLogTest, EventIsOnDiskWhenRecordEventReturns) {
  auto log = Open({.path = "", .flush_interval = std::chrono::seconds(30)});
  ASSERT_TRUE(log->RecordSearch(Search("00000000000000aa", "refund")));
  StoredEvent click{0, "00000000000000aa", EventType::kClick, "refund-policy", "s1", ""};
  ASSERT_TRUE(log->RecordEvent(click).ok());  // also writes the search queued before it
  const auto stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored[0].clicked);
}

TEST_F(SearchLogTest, EventForAnUnknownSearchIsRejected) {
  auto log = Open();
  StoredEvent event{0, "ffffffffffffffff", EventType::kHelpful, "x", "", ""};
  const Status status = log->RecordEvent(event);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.reason(), "unknown_search_id");
}

TEST_F(SearchLogTest, PageFeedbackWithoutASearchIsKeptForTheArticleReport) {
  auto log = Open();
  StoredEvent vote{0, "", EventType::kNotHelpful, "refund-policy", "s9", "outdated"};
  ASSERT_TRUE(log->RecordEvent(vote).ok());
  auto db = LogDatabase::Open(path_, /*read_only=*/true);
  auto activity = (*db)->ArticleActivityBetween(0, INT64_MAX);
  ASSERT_TRUE(activity.ok());
  EXPECT_EQ((*activity)["refund-policy"].not_helpful, 1);
}

TEST_F(SearchLogTest, FeedbackReasonIsRedacted) {
  auto log = Open();
  ASSERT_TRUE(log->RecordSearch(Search("00000000000000bb", "refund")));
  log->Flush();
  StoredEvent event{0,    "00000000000000bb",           EventType::kNotHelpful, "refund-policy",
                    "s1", "call me on +44 20 7946 0958"};
  ASSERT_TRUE(log->RecordEvent(event).ok());
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT reason FROM events", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))),
            "call me on <phone>");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(SearchLogTest, FullQueueDropsAndCountsButNeverBlocks) {
  auto log = Open({.path = "", .queue_capacity = 2, .flush_interval = std::chrono::seconds(30)});
  EXPECT_TRUE(log->RecordSearch(Search("0000000000000001", "a")));
  EXPECT_TRUE(log->RecordSearch(Search("0000000000000002", "b")));
  EXPECT_FALSE(log->RecordSearch(Search("0000000000000003", "c")));
  EXPECT_EQ(log->stats().dropped, 1u);
  EXPECT_EQ(log->stats().queued, 2u);
  log->Close();
  EXPECT_EQ(Stored().size(), 2u);
}

TEST_F(SearchLogTest, CloseWritesEverythingQueued) {
  auto log = Open({.path = "", .flush_interval = std::chrono::seconds(30)});
  for (int i = 0; i < 500; ++i) {
    char id[17];
    std::snprintf(id, sizeof id, "%016x", i);
    ASSERT_TRUE(
        log->RecordSearch(Search(id, "query " + std::to_string(i), "s" + std::to_string(i))));
  }
  log->Close();
  EXPECT_EQ(Stored().size(), 500u);
  EXPECT_FALSE(log->RecordSearch(Search("00000000000001f5", "late")));  // closed
}

TEST_F(SearchLogTest, KeystrokesOfOneSessionCollapseIntoTheLastQuery) {
  auto log = Open();
  log->RecordSearch(Search("0000000000000001", "canc"));
  clock_.Advance(800);
  log->RecordSearch(Search("0000000000000002", "Cancel "));
  clock_.Advance(900);
  log->RecordSearch(Search("0000000000000003", "cancel subscr"));
  log->RecordSearch(Search("0000000000000004", "canc", "other-session"));
  clock_.Advance(5000);
  log->RecordSearch(Search("0000000000000005", "refund"));  // not an extension
  clock_.Advance(31000);
  log->RecordSearch(Search("0000000000000006", "refund policy"));  // too late to collapse
  log->Flush();
  std::map<std::string, bool> superseded;
  for (const auto& s : Stored()) superseded[s.id] = s.superseded;
  EXPECT_TRUE(superseded["0000000000000001"]);
  EXPECT_TRUE(superseded["0000000000000002"]);
  EXPECT_FALSE(superseded["0000000000000003"]);
  EXPECT_FALSE(superseded["0000000000000004"]);
  EXPECT_FALSE(superseded["0000000000000005"]);
  EXPECT_FALSE(superseded["0000000000000006"]);
}

TEST_F(SearchLogTest, OldRecordsAreDeletedAfterTheRetentionPeriod) {
  auto log = Open({.path = "", .retention_days = 30});
  StoredSearch old = Search("0000000000000001", "old");
  old.time_ms = clock_.NowMs() - 31 * kDayMs;
  log->RecordSearch(old);
  log->RecordSearch(Search("0000000000000002", "new"));
  log->Flush();
  EXPECT_EQ(Stored().size(), 2u);  // retention ran at start, before these were written
  clock_.Advance(2 * kHourMs);     // and runs again hourly
  log->Flush();
  log->Flush();
  const auto stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].id, "0000000000000002");
}

TEST(LogDatabaseTest, MigratesAnOlderFileInPlace) {
  testing::TempDir dir;
  const std::string path = dir / "log.sqlite";
  {
    auto v1 = LogDatabase::Open(path, false, /*target_version=*/1);
    ASSERT_TRUE(v1.ok()) << v1.status().message();
    EXPECT_EQ((*v1)->schema_version(), 1);
    StoredSearch s;
    s.id = "0000000000000001";
    s.query = "kept";
    ASSERT_TRUE((*v1)->InsertSearch(s).ok());
    EXPECT_FALSE((*v1)->GapStatuses().ok());  // no such table yet
  }
  auto current = LogDatabase::Open(path);
  ASSERT_TRUE(current.ok()) << current.status().message();
  EXPECT_EQ((*current)->schema_version(), kLogSchemaVersion);
  EXPECT_EQ(*(*current)->CountSearches(), 1);
  EXPECT_TRUE((*current)->GapStatuses().ok());
  EXPECT_EQ(*(*current)->IntegrityCheck(), "ok");
}

// The text each column held before its value had a type: a file written by an older kb reads the
// same, and one written now reads the same to an older kb.
TEST(LogDatabaseTest, StoresTypedValuesAsTheSameText) {
  testing::TempDir dir;
  const std::string path = dir / "log.sqlite";
  {
    auto log = LogDatabase::Open(path);
    ASSERT_TRUE(log.ok()) << log.status().message();
    StoredSearch s;
    s.id = "0000000000000001";
    s.query = "refund";
    s.tags = {"billing", "urgent"};
    s.top_slugs = {"refunds", "invoices"};
    ASSERT_TRUE((*log)->InsertSearch(s).ok());
    ASSERT_TRUE((*log)->InsertEvent({1, s.id, EventType::kNotHelpful, "refunds", "s1", ""}).ok());
    ASSERT_TRUE((*log)->SetGapStatus("00000000000000aa", GapState::kPlanned, "", 1).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto text = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    std::string value = sqlite3_step(stmt) == SQLITE_ROW
                            ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                            : "(no row)";
    sqlite3_finalize(stmt);
    return value;
  };
  EXPECT_EQ(text("SELECT tag FROM searches"), "billing,urgent");
  EXPECT_EQ(text("SELECT top_slugs FROM searches"), "refunds invoices");
  EXPECT_EQ(text("SELECT type FROM events"), "not_helpful");
  EXPECT_EQ(text("SELECT status FROM gap_status"), "planned");
  // Rows as an older kb wrote them.
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO searches (id, time_ms, query, normalized, tag, result_count, "
                         "top_slugs) VALUES ('0000000000000002', 2, 'q', 'q', 'api,,developers', "
                         "3, 'webhooks  refunds'); "
                         "INSERT INTO events (time_ms, search_id, type, slug) VALUES "
                         "(2, '0000000000000002', 'click', 'webhooks');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  auto log = LogDatabase::Open(path, /*read_only=*/true);
  ASSERT_TRUE(log.ok()) << log.status().message();
  auto searches = (*log)->SearchesBetween(0, INT64_MAX);
  ASSERT_TRUE(searches.ok());
  ASSERT_EQ(searches->size(), 2u);
  EXPECT_EQ((*searches)[0].tags, (std::vector<std::string>{"billing", "urgent"}));
  EXPECT_EQ((*searches)[0].top_slugs, (std::vector<std::string>{"refunds", "invoices"}));
  EXPECT_TRUE((*searches)[0].not_helpful);
  EXPECT_FALSE((*searches)[0].clicked);
  EXPECT_EQ((*searches)[1].tags, (std::vector<std::string>{"api", "developers"}));
  EXPECT_EQ((*searches)[1].top_slugs, (std::vector<std::string>{"webhooks", "refunds"}));
  EXPECT_TRUE((*searches)[1].clicked);
  auto statuses = (*log)->GapStatuses();
  ASSERT_TRUE(statuses.ok());
  EXPECT_EQ((*statuses)["00000000000000aa"].state, GapState::kPlanned);
  auto activity = (*log)->ArticleActivityBetween(0, INT64_MAX);
  ASSERT_TRUE(activity.ok());
  EXPECT_EQ((*activity)["refunds"].not_helpful, 1);
  EXPECT_EQ((*activity)["webhooks"].views, 1);
}

TEST(LogDatabaseTest, RefusesAFileFromANewerKb) {
  testing::TempDir dir;
  const std::string path = dir / "log.sqlite";
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto opened = LogDatabase::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().reason(), "log_too_new");
}

}  // namespace
}  // namespace kb
