#include "server/insight/gap_alerts.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace kb {
namespace {

// 2026-09-21 14:20 UTC.
constexpr std::int64_t kHour14 = 1789999200000;
constexpr std::int64_t kNow = kHour14 + 20 * 60 * 1000;

Gap EmergingGap(const std::string& id, std::int64_t since_ms) {
  Gap gap;
  gap.id = id;
  gap.representative = "zither strings";
  gap.examples = {"zither strings", "zither string, \"new\"\nline"};
  gap.searches = 23;
  gap.sessions = 9;
  gap.emergence = {true, EmergingWindow::kHour, since_ms, 23, 0.5};
  return gap;
}

GapReport ReportOf(std::vector<Gap> gaps) {
  GapReport report;
  report.gaps = std::move(gaps);
  return report;
}

class GapAlertsTest : public ::testing::Test {
 protected:
  void SetUp() override { log_ = std::move(LogDatabase::Open(dir_ / "log.sqlite")).value(); }

  std::vector<GapAlert> Alerts() {
    auto alerts = log_->GapAlerts();
    EXPECT_TRUE(alerts.ok()) << alerts.status().message();
    return alerts.ok() ? *alerts : std::vector<GapAlert>{};
  }
  int Add(const GapReport& report, std::int64_t now_ms) {
    auto added = AddEmergingGapAlerts(*log_, report, now_ms);
    EXPECT_TRUE(added.ok()) << added.status().message();
    return added.ok() ? static_cast<int>(added->size()) : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<LogDatabase> log_;
};

TEST(GapAlertPeriodTest, IsTheUtcDayTheSurgeStarted) {
  EXPECT_EQ(AlertPeriod(kHour14), "2026-09-21");
  EXPECT_EQ(AlertPeriod(kHour14 + 9 * kHourMs + 59 * 60 * 1000), "2026-09-21");  // 23:59
  EXPECT_EQ(AlertPeriod(kHour14 + 10 * kHourMs), "2026-09-22");
}

TEST_F(GapAlertsTest, AnEmergingGapIsAlertedOnceAndKeptForTheSender) {
  const GapReport report = ReportOf({EmergingGap("00000000000000aa", kHour14)});
  EXPECT_EQ(Add(report, kNow), 1);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  const GapAlert& a = alerts[0];
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.gap_id, "00000000000000aa");
  EXPECT_EQ(a.period, "2026-09-21");
  EXPECT_EQ(a.created_ms, kNow);
  EXPECT_EQ(a.representative, "zither strings");
  EXPECT_EQ(a.examples, report.gaps[0].examples);  // any character survives the column
  EXPECT_EQ(a.searches, 23);
  EXPECT_EQ(a.sessions, 9);
  EXPECT_EQ(a.window, EmergingWindow::kHour);
  EXPECT_EQ(a.emerging_since_ms, kHour14);
  EXPECT_EQ(a.recent_misses, 23);
  EXPECT_DOUBLE_EQ(a.baseline_rate, 0.5);
  EXPECT_EQ(a.state, AlertState::kPending);
  EXPECT_EQ(a.attempts, 0);
  EXPECT_EQ(a.next_attempt_ms, kNow);  // due at once
  auto due = log_->DueGapAlerts(kNow, 10);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 1u);
}

TEST_F(GapAlertsTest, TheNextPassesOfTheSameSurgeAddNothing) {
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow), 1);
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow + 60000), 0);
  // Still the same surge after midnight: the day it started.
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow + 12 * kHourMs), 0);
  EXPECT_EQ(Alerts().size(), 1u);
}

TEST_F(GapAlertsTest, ANewSurgeOnAnotherDayAlertsAgain) {
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow), 1);
  const std::int64_t later = kHour14 + 2 * kDayMs;
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", later)}), later + 60000), 1);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].period, "2026-09-21");
  EXPECT_EQ(alerts[1].period, "2026-09-23");
}

TEST_F(GapAlertsTest, NoGapIsAlertedTwiceWithinADay) {
  // A surge at 22:00, a new one at 03:00 the next day: another period, but too soon.
  const std::int64_t evening = kHour14 + 8 * kHourMs;
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", evening)}), evening + 60000), 1);
  const std::int64_t night = evening + 5 * kHourMs;
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", night)}), night + 60000), 0);
  // A day after the first alert it may.
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", night)}), evening + kDayMs + 120000), 1);
  // Other gaps are not held back by it.
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000bb", night)}), night + 60000), 1);
}

TEST_F(GapAlertsTest, GapsThatAreNotEmergingOrAreDismissedAreNotAlerted) {
  Gap steady = EmergingGap("00000000000000aa", kHour14);
  steady.emergence = {};
  Gap dismissed = EmergingGap("00000000000000bb", kHour14);
  dismissed.status.state = GapState::kDismissed;
  Gap planned = EmergingGap("00000000000000cc", kHour14);
  planned.status.state = GapState::kPlanned;
  EXPECT_EQ(Add(ReportOf({steady, dismissed, planned}), kNow), 1);
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(Alerts()[0].gap_id, "00000000000000cc");
}

TEST_F(GapAlertsTest, DeliveryIsSavedAndCounted) {
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14),
                          EmergingGap("00000000000000bb", kHour14)}),
                kNow),
            2);
  GapAlert a = Alerts()[0];
  a.attempts = 1;
  a.next_attempt_ms = kNow + 1000;
  a.last_error = "the webhook answered HTTP 500";
  ASSERT_TRUE(log_->UpdateGapAlertDelivery(a).ok());
  GapAlert b = Alerts()[1];
  b.attempts = 1;
  b.state = AlertState::kSent;
  b.sent_ms = kNow;
  ASSERT_TRUE(log_->UpdateGapAlertDelivery(b).ok());

  EXPECT_TRUE(log_->DueGapAlerts(kNow, 10)->empty());  // a waits for its retry, b is sent
  ASSERT_EQ(log_->DueGapAlerts(kNow + 1000, 10)->size(), 1u);
  EXPECT_EQ(log_->DueGapAlerts(kNow + 1000, 10)->front().last_error,
            "the webhook answered HTTP 500");
  const auto counts = log_->CountGapAlerts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->at(AlertState::kPending), 1);
  EXPECT_EQ(counts->at(AlertState::kSent), 1);
  EXPECT_EQ(counts->at(AlertState::kFailed), 0);
}

TEST_F(GapAlertsTest, AlertsGoWithTheSearchesTheyQuote) {
  EXPECT_EQ(Add(ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow), 1);
  ASSERT_TRUE(log_->DeleteSearchesBefore(kNow).ok());
  EXPECT_EQ(Alerts().size(), 1u);
  ASSERT_TRUE(log_->DeleteSearchesBefore(kNow + 1).ok());
  EXPECT_TRUE(Alerts().empty());
}

TEST_F(GapAlertsTest, AnOlderLogGainsTheOutboxAndKeepsItsData) {
  const std::string path = dir_ / "old.sqlite";
  {
    auto v2 = LogDatabase::Open(path, false, /*target_version=*/2);
    ASSERT_TRUE(v2.ok()) << v2.status().message();
    ASSERT_TRUE((*v2)->SetGapStatus("00000000000000aa", GapState::kPlanned, "soon", kNow).ok());
    EXPECT_FALSE((*v2)->GapAlerts().ok());  // no outbox yet
  }
  auto current = LogDatabase::Open(path);
  ASSERT_TRUE(current.ok()) << current.status().message();
  EXPECT_EQ((*current)->schema_version(), kLogSchemaVersion);
  EXPECT_EQ((*current)->GapStatuses()->at("00000000000000aa").note, "soon");
  auto added =
      AddEmergingGapAlerts(**current, ReportOf({EmergingGap("00000000000000aa", kHour14)}), kNow);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->size(), 1u);
}

}  // namespace
}  // namespace kb
