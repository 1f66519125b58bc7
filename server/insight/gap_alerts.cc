#include "server/insight/gap_alerts.h"

#include <ctime>
#include <iostream>

namespace kb {

std::string AlertPeriod(std::int64_t since_ms) {
  const std::time_t t = static_cast<std::time_t>(since_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return day;
}

GapAlert AlertFor(const Gap& gap, std::int64_t now_ms) {
  GapAlert alert;
  alert.gap_id = gap.id;
  alert.period = AlertPeriod(gap.emergence.since_ms);
  alert.created_ms = now_ms;
  alert.representative = gap.representative;
  alert.examples = gap.examples;
  alert.searches = gap.searches;
  alert.sessions = gap.sessions;
  alert.window = gap.emergence.window;
  alert.emerging_since_ms = gap.emergence.since_ms;
  alert.recent_misses = gap.emergence.recent_misses;
  alert.baseline_rate = gap.emergence.baseline_rate;
  return alert;
}

Result<std::vector<GapAlert>> AddEmergingGapAlerts(LogDatabase& log, const GapReport& report,
                                                   std::int64_t now_ms) {
  std::vector<GapAlert> added;
  for (const Gap& gap : report.gaps) {
    // A content owner who dismissed a gap has said it needs no article: no alerts for it.
    if (!gap.emergence.emerging || gap.status.state == GapState::kDismissed) continue;
    const GapAlert alert = AlertFor(gap, now_ms);
    auto inserted = log.AddGapAlert(alert, now_ms - kGapAlertCooldownMs);
    if (!inserted.ok()) return inserted.status();
    if (*inserted) added.push_back(alert);
  }
  return added;
}

GapAlertWatcher::GapAlertWatcher(LiveIndex& index, std::string log_path, const Clock& clock,
                                 int min_sessions, std::chrono::milliseconds interval,
                                 std::function<void()> added)
    : index_(index),
      log_path_(std::move(log_path)),
      clock_(clock),
      min_sessions_(min_sessions),
      interval_(interval),
      added_(std::move(added)) {
  thread_ = std::thread([this] { Loop(); });
}

GapAlertWatcher::~GapAlertWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<int> GapAlertWatcher::Check() {
  std::lock_guard<std::mutex> one_at_a_time(check_mutex_);
  auto log = LogDatabase::Open(log_path_);
  if (!log.ok()) return log.status();
  const std::int64_t now = clock_.NowMs();
  GapReportOptions options;
  options.until_ms = now + 1;
  options.since_ms = options.until_ms - kEmergingHistoryMs;
  options.min_sessions = min_sessions_;
  const Searcher searcher{ArticleUrls()};
  auto report =
      index_.WithDatabase<GapReport>([&](const Xapian::Database& db, const IndexInfo& info) {
        return BuildGapReport(**log, db, info, searcher, options);
      });
  if (!report.ok()) return report.status();
  auto added = AddEmergingGapAlerts(**log, *report, now);
  if (!added.ok()) return added.status();
  if (!added->empty() && added_) added_();
  return static_cast<int>(added->size());
}

void GapAlertWatcher::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (auto added = Check(); !added.ok()) {
      std::cerr << "kb-server: emerging gaps: " << added.status().message() << "\n";
    }
    lock.lock();
  }
}

}  // namespace kb
