// Alerts about emerging gaps: each time it runs, the watcher builds the gap report of the last
// days, and writes an alert into the log's outbox (gap_alerts) for each gap it sees emerging
// that has had none for this surge. The webhook sender (server/http/webhook_sender.h) delivers
// them from there.
//
// The rule, at most one alert per gap per period: a period is the UTC day its surge started
// (Emergence::since_ms), and a gap gets no new alert within kGapAlertCooldownMs of its last one
// either. A surge that goes on past midnight is still the surge of the day it started; a new surge
// on another day, a day or more after the last alert, alerts again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "server/insight/gap_report.h"
#include "server/insight/log_database.h"
#include "server/search/live_index.h"

namespace kb {

// No gap alerts twice within this long, whatever the days of their surges.
inline constexpr std::int64_t kGapAlertCooldownMs = kDayMs;
// How often the server looks for emerging gaps: a surge is alerted within about this long of
// crossing the bar.
inline constexpr std::chrono::seconds kGapAlertInterval{60};

// The period of a surge that started at `since_ms`: its UTC day, "2026-09-14".
std::string AlertPeriod(std::int64_t since_ms);

// The alert for `gap` (emerging) seen at `now_ms`.
GapAlert AlertFor(const Gap& gap, std::int64_t now_ms);

// Adds to `log`'s outbox an alert for each emerging gap of `report` that is not dismissed and has
// had none for this period (see above). Returns those added.
Result<std::vector<GapAlert>> AddEmergingGapAlerts(LogDatabase& log, const GapReport& report,
                                                   std::int64_t now_ms);

// Looks for emerging gaps every `interval` on a thread of its own, with its own connection to the
// log, and calls `added` after a pass that added alerts (the sender's wake-up).
class GapAlertWatcher {
 public:
  GapAlertWatcher(LiveIndex& index, std::string log_path, const Clock& clock, int min_sessions,
                  std::chrono::milliseconds interval, std::function<void()> added);
  ~GapAlertWatcher();  // stops and joins

  // One pass, on the caller's thread: the report of the kEmergingHistoryMs up to now (everyone's
  // searches, gaps of at least `min_sessions` sessions), and its alerts added. Returns how many.
  Result<int> Check();

 private:
  void Loop();

  LiveIndex& index_;
  const std::string log_path_;
  const Clock& clock_;
  const int min_sessions_;
  const std::chrono::milliseconds interval_;
  const std::function<void()> added_;
  std::mutex check_mutex_;  // one pass at a time
  std::mutex mutex_;        // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kb
