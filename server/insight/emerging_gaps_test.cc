#include "server/insight/emerging_gaps.h"

#include <gtest/gtest.h>

#include "server/insight/gap_report.h"
#include "server/search/live_index.h"
#include "tests/support/fixture_index.h"

namespace kb {
namespace {

// 14:20 UTC: the current hour is 14:00.
constexpr std::int64_t kHour14 = 1789999200000;
constexpr std::int64_t kUntil = kHour14 + 20 * 60 * 1000;
// The log has been recording for longer than detection looks back.
constexpr std::int64_t kLogSince = kUntil - 30 * kDayMs;

// `misses` in each of the hours [from, to) (hour offsets from 14:00, 0 being 14:00 itself).
void Fill(HourlyMisses& series, int from, int to, int misses) {
  for (int h = from; h < to; ++h) AddHourlyMisses(series, kHour14 + h * kHourMs, misses);
}

TEST(EmergingGapsTest, HourStartIsTheClockHour) {
  EXPECT_EQ(HourStart(kHour14), kHour14);
  EXPECT_EQ(HourStart(kHour14 + kHourMs - 1), kHour14);
  EXPECT_EQ(HourStart(kUntil), kHour14);
}

TEST(EmergingGapsTest, HourlyMissesStaySortedAndAddUp) {
  HourlyMisses series;
  AddHourlyMisses(series, kHour14 + 5);
  AddHourlyMisses(series, kHour14 - 3 * kHourMs + 10);
  AddHourlyMisses(series, kHour14 + 59 * 60 * 1000, 2);
  AddHourlyMisses(series, kHour14 - kHourMs);
  EXPECT_EQ(series,
            (HourlyMisses{{kHour14 - 3 * kHourMs, 1}, {kHour14 - kHourMs, 1}, {kHour14, 3}}));
}

TEST(EmergingGapsTest, ASurgeInTheLastHourIsEmergingSinceItsHour) {
  HourlyMisses series;
  for (int h = -7 * 24; h < 0; h += 2) AddHourlyMisses(series, kHour14 + h * kHourMs);  // 0.5/h
  Fill(series, 0, 1, 23);
  const Emergence e = DetectEmergence(series, kUntil, kLogSince);
  EXPECT_TRUE(e.emerging);
  EXPECT_EQ(e.window, EmergingWindow::kHour);
  EXPECT_EQ(e.since_ms, kHour14);
  EXPECT_EQ(e.recent_misses, 23);
  EXPECT_DOUBLE_EQ(e.baseline_rate, 0.5);
}

TEST(EmergingGapsTest, ASteadyGapIsNotEmergingHoweverBusy) {
  HourlyMisses quiet, busy;
  Fill(quiet, -8 * 24, 1, 1);
  Fill(busy, -8 * 24, 1, 40);
  EXPECT_FALSE(DetectEmergence(quiet, kUntil, kLogSince).emerging);
  EXPECT_FALSE(DetectEmergence(busy, kUntil, kLogSince).emerging);
  // A busy hour within the gap's usual swing is not a surge either: 2 an hour, then 8.
  HourlyMisses swing;
  Fill(swing, -8 * 24, 0, 2);
  Fill(swing, 0, 1, 8);
  EXPECT_FALSE(DetectEmergence(swing, kUntil, kLogSince).emerging);
  // Three times the usual and more is.
  Fill(swing, 0, 1, 2);
  EXPECT_TRUE(DetectEmergence(swing, kUntil, kLogSince).emerging);
}

TEST(EmergingGapsTest, AFewMissesAreNoSurgeWhateverTheRatio) {
  // 1 miss a week, then 3 in an hour: 3 is over three times anything, and under the floor.
  HourlyMisses series;
  AddHourlyMisses(series, kHour14 - 3 * kDayMs);
  Fill(series, 0, 1, 3);
  EXPECT_FALSE(DetectEmergence(series, kUntil, kLogSince).emerging);
  // At the floor it is.
  Fill(series, 0, 1, kEmergingHourMinMisses - 3);
  EXPECT_TRUE(DetectEmergence(series, kUntil, kLogSince).emerging);
}

TEST(EmergingGapsTest, ABrandNewNeedWithNoBaselineIsEmerging) {
  HourlyMisses series;
  Fill(series, 0, 1, 6);
  const Emergence e = DetectEmergence(series, kUntil, kLogSince);
  EXPECT_TRUE(e.emerging);
  EXPECT_EQ(e.baseline_rate, 0);
  EXPECT_EQ(e.since_ms, kHour14);
}

TEST(EmergingGapsTest, ALogTooYoungForABaselineJudgesNothing) {
  // Everything is new to a log started this morning: no baseline, no surge.
  HourlyMisses series;
  Fill(series, -2, 1, 30);
  EXPECT_FALSE(DetectEmergence(series, kUntil, kHour14 - 6 * kHourMs).emerging);
  // A day of log is enough for the hour.
  EXPECT_TRUE(DetectEmergence(series, kUntil, kHour14 - 25 * kHourMs).emerging);
}

TEST(EmergingGapsTest, TheSurgeStartsWithTheFirstHourOfItsRun) {
  HourlyMisses series;
  Fill(series, -7 * 24, -5, 1);  // 1 an hour for a week
  Fill(series, -5, -4, 9);       // elevated, but the run breaks after it
  Fill(series, -4, -3, 2);
  Fill(series, -3, -2, 7);  // the run: 11:00 ...
  Fill(series, -2, -1, 12);
  Fill(series, -1, 0, 15);
  Fill(series, 0, 1, 20);  // ... to now
  const Emergence e = DetectEmergence(series, kUntil, kLogSince);
  EXPECT_TRUE(e.emerging);
  EXPECT_EQ(e.window, EmergingWindow::kHour);
  EXPECT_EQ(e.since_ms, kHour14 - 3 * kHourMs);
  EXPECT_EQ(e.recent_misses, 20);
}

TEST(EmergingGapsTest, TheHourBeforeKeepsASurgeShownEarlyInTheNextHour) {
  // 14:20 with one miss so far this hour, after 20 in the hour before.
  HourlyMisses series;
  Fill(series, -1, 0, 20);
  Fill(series, 0, 1, 1);
  const Emergence e = DetectEmergence(series, kUntil, kLogSince);
  EXPECT_TRUE(e.emerging);
  EXPECT_EQ(e.since_ms, kHour14 - kHourMs);
  EXPECT_EQ(e.recent_misses, 20);
  // Two hours on, no hour stands out, but 21 misses in the last day against none still do.
  const Emergence later = DetectEmergence(series, kUntil + 2 * kHourMs, kLogSince);
  EXPECT_TRUE(later.emerging);
  EXPECT_EQ(later.window, EmergingWindow::kDay);
  EXPECT_EQ(later.since_ms, kHour14 - kHourMs);
  EXPECT_EQ(later.recent_misses, 21);
  // A day on, it has passed.
  EXPECT_FALSE(DetectEmergence(series, kUntil + 26 * kHourMs, kLogSince).emerging);
}

TEST(EmergingGapsTest, ASlowRiseShowsInTheDay) {
  // 1 miss a day for a week, then one every other hour since yesterday 16:00: never 5 in an hour,
  // 12 in the last day.
  HourlyMisses series;
  for (int d = 0; d < 7; ++d) AddHourlyMisses(series, kHour14 - 30 * kHourMs - d * kDayMs);
  for (int h = -22; h <= 0; h += 2) AddHourlyMisses(series, kHour14 + h * kHourMs);
  const Emergence e = DetectEmergence(series, kUntil, kLogSince);
  EXPECT_TRUE(e.emerging);
  EXPECT_EQ(e.window, EmergingWindow::kDay);
  EXPECT_EQ(e.recent_misses, 12);
  EXPECT_DOUBLE_EQ(e.baseline_rate, 1);
  EXPECT_EQ(e.since_ms, kHour14 - 22 * kHourMs);  // the first miss of the rise
  // The same 12 a day, every day, is the gap's normal.
  HourlyMisses steady;
  for (int h = -8 * 24; h <= 0; h += 2) AddHourlyMisses(steady, kHour14 + h * kHourMs);
  EXPECT_FALSE(DetectEmergence(steady, kUntil, kLogSince).emerging);
}

TEST(EmergingGapsTest, TheDayNeedsItsFloorAndAFewDaysOfLog) {
  HourlyMisses series;
  for (int h = -16; h <= 0; h += 2) AddHourlyMisses(series, kHour14 + h * kHourMs);  // 9
  EXPECT_FALSE(DetectEmergence(series, kUntil, kLogSince).emerging);
  AddHourlyMisses(series, kHour14 - 17 * kHourMs);  // 10
  EXPECT_TRUE(DetectEmergence(series, kUntil, kLogSince).emerging);
  EXPECT_FALSE(DetectEmergence(series, kUntil, kUntil - 2 * kDayMs).emerging);
}

// The gap report judges each gap, reads the week before a short period, and lists emerging gaps
// first.
class EmergingGapReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(index_dir_->path());
    index_ = LiveIndex::Open(index_dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete index_dir_;
  }
  void SetUp() override { log_ = std::move(LogDatabase::Open(dir_ / "log.sqlite")).value(); }

  void Add(const std::string& query, const std::string& session, std::int64_t time_ms) {
    StoredSearch s;
    char id[17];
    std::snprintf(id, sizeof id, "%016x", ++next_id_);
    s.id = id;
    s.time_ms = time_ms;
    s.session = session;
    s.query = query;
    s.language = "en";
    EXPECT_TRUE(log_->InsertSearch(s).ok());
  }
  GapReport Report(std::int64_t since_ms) {
    GapReportOptions options;
    options.since_ms = since_ms;
    options.until_ms = kUntil;
    const Searcher searcher{ArticleUrls()};
    auto report =
        index_->WithDatabase<GapReport>([&](const Xapian::Database& db, const IndexInfo& info) {
          return BuildGapReport(*log_, db, info, searcher, options);
        });
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : GapReport{};
  }

  static testing::TempDir* index_dir_;
  static LiveIndex* index_;
  testing::TempDir dir_;
  std::unique_ptr<LogDatabase> log_;
  int next_id_ = 0;
};
testing::TempDir* EmergingGapReportTest::index_dir_ = nullptr;
LiveIndex* EmergingGapReportTest::index_ = nullptr;

TEST_F(EmergingGapReportTest, ASurgingGapIsMarkedAndListedFirst) {
  Add("kb started recording", "z", kUntil - 20 * kDayMs);  // the log is old enough
  // A steady, bigger gap: 3 sessions a day for two weeks.
  for (int d = 1; d <= 14; ++d) {
    for (const char* s : {"a", "b", "c"}) {
      Add("xylophone", s + std::to_string(d), kHour14 - d * kDayMs);
    }
  }
  // A new one: 6 sessions in the last 20 minutes.
  for (const char* s : {"d", "e", "f", "g", "h", "i"}) Add("zither strings", s, kHour14 + 60000);
  const GapReport report = Report(kUntil - 30 * kDayMs);
  ASSERT_EQ(report.gaps.size(), 2u);
  const Gap& first = report.gaps[0];
  EXPECT_EQ(first.representative, "zither strings");
  EXPECT_TRUE(first.emergence.emerging);
  EXPECT_EQ(first.emergence.window, EmergingWindow::kHour);
  EXPECT_EQ(first.emergence.since_ms, kHour14);
  EXPECT_EQ(first.emergence.recent_misses, 6);
  EXPECT_EQ(first.hourly_misses, (HourlyMisses{{kHour14, 6}}));
  EXPECT_FALSE(report.gaps[1].emergence.emerging);
  EXPECT_GT(report.gaps[1].impact, first.impact);  // first despite its smaller impact
}

TEST_F(EmergingGapReportTest, AShortPeriodStillJudgesOnTheWeekBefore) {
  Add("kb started recording", "z", kUntil - 20 * kDayMs);
  // 12 misses an hour, every hour of the last eight days: busy, and steady.
  ASSERT_TRUE(log_->Begin().ok());
  for (int h = -8 * 24; h <= 0; ++h) {
    for (int i = 0; i < 12; ++i) Add("xylophone", "s" + std::to_string(i), kHour14 + h * kHourMs);
  }
  ASSERT_TRUE(log_->Commit().ok());
  // The report of the last hour alone would see 12 misses from nothing, without the week before.
  const GapReport report = Report(kUntil - kHourMs);
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].searches, 12);  // the period's counts are the period's
  EXPECT_FALSE(report.gaps[0].emergence.emerging);
  // Its series reaches back the eight days detection reads: 14:20 eight days ago to now.
  EXPECT_EQ(report.gaps[0].hourly_misses.size(), 8u * 24);
  EXPECT_EQ(report.gaps[0].hourly_misses.front().first, kHour14 - (8 * 24 - 1) * kHourMs);
}

}  // namespace
}  // namespace kb
