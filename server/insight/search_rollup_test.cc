// The log summed by hour: what one hour's roll-up holds, and that a period read from stored
// roll-ups is the period rolled up from the raw searches.
#include "server/insight/search_rollup.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace kb {
namespace {

constexpr std::int64_t kHour0 = 1790000000000 - 1790000000000 % kHourMs;

StoredSearch Search(const std::string& id, std::int64_t time_ms, const std::string& session,
                    const std::string& query, int results) {
  StoredSearch s;
  s.id = id;
  s.time_ms = time_ms;
  s.session = session;
  s.query = query;
  s.language = "en";
  s.result_count = results;
  return s;
}

TEST(SearchRollupTest, SumsMissesByWordingAndHour) {
  std::vector<StoredSearch> searches = {
      Search("1", kHour0 + 1000, "a", "Export PDF", 0),
      Search("2", kHour0 + 2000, "b", "export  pdf", 3),  // no click
      Search("3", kHour0 + 3000, "c", "export pdf", 3),
      Search("4", kHour0 + kHourMs + 10, "d", "export pdf", 0),  // the next hour
  };
  searches[2].clicked = true;  // a success: counted, not a miss
  const Rollup rollup = RollUpSearches(searches, kHour0, kHour0 + 2 * kHourMs);
  ASSERT_EQ(rollup.totals.size(), 2u);
  EXPECT_EQ(rollup.totals[0].searches, 3);
  EXPECT_EQ(rollup.totals[0].misses, 2);
  ASSERT_EQ(rollup.wordings.size(), 2u);
  const WordingHour& first = rollup.wordings[0];
  EXPECT_EQ(first.hour_ms, kHour0);
  EXPECT_EQ(first.wording, "export pdf");
  EXPECT_EQ(first.misses, 2);
  EXPECT_EQ(first.no_results, 1);
  EXPECT_EQ(first.no_click, 1);
  EXPECT_EQ(first.sessions, 2);
  EXPECT_EQ(first.session_sample.size(), 2u);
  EXPECT_DOUBLE_EQ(first.impact, kWeightNoResults + kWeightNoClick);
  EXPECT_EQ(rollup.wordings[1].hour_ms, kHour0 + kHourMs);
}

TEST(SearchRollupTest, AReformulationThatSucceededRecoversTheMiss) {
  std::vector<StoredSearch> searches = {
      Search("1", kHour0 + 1000, "a", "pw reset", 0),
      Search("2", kHour0 + 20000, "a", "reset password", 4),
      Search("3", kHour0 + 30000, "b", "pw reset", 0),
      Search("4", kHour0 + 30000 + kReformulationWindowMs + 1, "b", "reset password", 4),
  };
  searches[1].clicked = true;
  searches[3].clicked = true;
  const Rollup rollup = RollUpSearches(searches, kHour0, kHour0 + kHourMs);
  ASSERT_EQ(rollup.reformulations.size(), 1u);  // b's second search came too late
  EXPECT_EQ(rollup.reformulations[0].from, "pw reset");
  EXPECT_EQ(rollup.reformulations[0].to, "reset password");
  EXPECT_EQ(rollup.reformulations[0].sessions, 1);
  EXPECT_EQ(rollup.reformulations[0].succeeded, 1);
  ASSERT_EQ(rollup.wordings.size(), 1u);
  EXPECT_EQ(rollup.wordings[0].misses, 2);
  EXPECT_EQ(rollup.wordings[0].recovered, 1);
  EXPECT_DOUBLE_EQ(rollup.wordings[0].impact, kWeightRecovered + kWeightNoResults);
}

TEST(SearchRollupTest, SupersededKeystrokesDoNotCount) {
  std::vector<StoredSearch> searches = {Search("1", kHour0 + 1, "a", "exp", 0),
                                        Search("2", kHour0 + 2, "a", "export pdf", 0)};
  searches[0].superseded = true;
  const Rollup rollup = RollUpSearches(searches, kHour0, kHour0 + kHourMs);
  ASSERT_EQ(rollup.wordings.size(), 1u);
  EXPECT_EQ(rollup.wordings[0].wording, "export pdf");
  EXPECT_EQ(rollup.totals[0].searches, 1);
}

// A period read through stored roll-ups (the writer's) equals the same period rolled up from
// the raw searches, whatever hours are stored, dirty or missing.
TEST(SearchRollupTest, StoredRollupsGiveTheSameAsRawSearches) {
  testing::TempDir dir;
  auto log = std::move(LogDatabase::Open(dir / "log.sqlite")).value();
  int id = 0;
  for (int hour = 0; hour < 6; ++hour) {
    for (int i = 0; i < 5; ++i) {
      StoredSearch s = Search(std::to_string(++id), kHour0 + hour * kHourMs + i * 600000 + 7,
                              "s" + std::to_string((hour * 5 + i) % 7),
                              i % 2 ? "export pdf" : "dark mode", i % 3 ? 0 : 2);
      ASSERT_TRUE(log->InsertSearch(s).ok());
    }
  }
  auto sum = [](const Rollup& r) {
    std::map<std::string, std::tuple<int, int, double>> by_wording;  // misses, sessions, impact
    for (const WordingHour& w : r.wordings) {
      auto& [misses, sessions, impact] = by_wording[w.wording];
      misses += w.misses;
      sessions += w.sessions;
      impact += w.impact;
    }
    int searches = 0;
    for (const HourTotals& t : r.totals) searches += t.searches;
    return std::make_pair(searches, by_wording);
  };
  const std::int64_t since = kHour0 + 1234;  // not on an hour: a partial first hour
  const std::int64_t until = kHour0 + 6 * kHourMs;
  const auto raw = sum(*RollupOfPeriod(*log, since, until));
  // Store hours 1, 2 and 4, as the writer would; then mark 2 dirty after a late event.
  for (int hour : {1, 2, 4}) {
    const std::int64_t start = kHour0 + hour * kHourMs;
    auto searches = log->SearchesBetween(start, start + kHourMs + kReformulationWindowMs);
    ASSERT_TRUE(log->ReplaceRollup(start, RollUpSearches(*searches, start, start + kHourMs)).ok());
  }
  EXPECT_EQ(
      *log->CleanHoursBetween(since, until),
      (std::vector<std::int64_t>{kHour0 + kHourMs, kHour0 + 2 * kHourMs, kHour0 + 4 * kHourMs}));
  EXPECT_EQ(sum(*RollupOfPeriod(*log, since, until)), raw);
  ASSERT_TRUE(
      log->InsertEvent({kHour0 + 2 * kHourMs + 100, "11", EventType::kClick, "x", "", ""}).ok());
  ASSERT_TRUE(log->MarkHourDirty(kHour0 + 2 * kHourMs).ok());
  const auto after_click = sum(*RollupOfPeriod(*log, since, until));
  EXPECT_NE(after_click, raw);  // the click is seen although hour 2's stored roll-up predates it
  EXPECT_EQ(log->CleanHoursBetween(since, until)->size(), 2u);
  // Once rolled up again, the stored hour agrees.
  const std::int64_t start = kHour0 + 2 * kHourMs;
  auto searches = log->SearchesBetween(start, start + kHourMs + kReformulationWindowMs);
  ASSERT_TRUE(log->ReplaceRollup(start, RollUpSearches(*searches, start, start + kHourMs)).ok());
  EXPECT_EQ(sum(*RollupOfPeriod(*log, since, until)), after_click);
}

}  // namespace
}  // namespace kb
