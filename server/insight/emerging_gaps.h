// Emerging gaps: a gap whose misses in its last hour, or its last day, rise well above its own
// baseline (the rate it had over the week before) and above an absolute floor. Pure: the gap
// report hands over each gap's misses per hour and the time its reading of the log starts;
// nothing here reads the log or a clock.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "server/insight/log_values.h"

namespace kb {

// A gap's misses per clock hour (UTC): the hour's start in ms since the epoch, and its misses.
// Oldest first, each hour at most once; hours without a miss are left out.
using HourlyMisses = std::vector<std::pair<std::int64_t, int>>;

// The baseline is the gap's rate over the week before the window being judged: long enough to
// average out the weekly rhythm of a help center (quiet weekends, busy Mondays).
inline constexpr int kEmergingBaselineDays = 7;
// How far before `until` detection reads: the last day and its baseline week. The gap report
// reads at least this much of the log, whatever its period (gap_report.h).
inline constexpr std::int64_t kEmergingHistoryMs = (kEmergingBaselineDays + 1) * kDayMs;

// An hour is elevated when it has at least kEmergingHourMinMisses misses and at least
// kEmergingRatio × (baseline misses per hour + kEmergingHourSmoothing). The floor keeps 1 → 3
// misses from being a surge; the smoothing term keeps a gap whose baseline is a trickle (0.1 an
// hour) from needing only a handful. With these values a gap that steadily misses 1 an hour
// (Poisson) crosses the bar (6) by chance about once in 1,700 hours; one at 2 an hour (bar 9)
// once in 4,200; and a gap with no baseline at all, a brand-new need, is emerging at 5 misses in
// an hour. The ratio of 3 also absorbs the daily rhythm: a busy afternoon is commonly twice the
// average hour, rarely three times plus the smoothing.
inline constexpr int kEmergingHourMinMisses = 5;
inline constexpr double kEmergingHourSmoothing = 1.0;  // misses per hour
// A day (the 24 hours up to `until`) is elevated when it has at least kEmergingDayMinMisses and
// at least kEmergingRatio × (baseline misses per day + kEmergingDaySmoothing): the slow rise that
// no single hour shows, such as 12 misses spread over a day where there used to be 1 a day.
inline constexpr int kEmergingDayMinMisses = 10;
inline constexpr double kEmergingDaySmoothing = 2.0;  // misses per day
inline constexpr double kEmergingRatio = 3.0;
// A baseline needs this much log before the window it judges: on a log younger than that,
// every gap would look brand-new. The day's rate needs a few days to mean anything.
inline constexpr std::int64_t kEmergingHourMinBaselineMs = kDayMs;
inline constexpr std::int64_t kEmergingDayMinBaselineMs = 3 * kDayMs;

struct Emergence {
  bool emerging = false;
  EmergingWindow window = EmergingWindow::kHour;  // which window rose (the hour, when both did)
  // When the surge started: the start of the first hour of the run of elevated hours (window
  // hour), or the first hour with a miss in the first elevated day of the run (window day).
  std::int64_t since_ms = 0;
  // Misses in the window: the elevated hour (the current one, else the one before it), or the
  // 24 hours up to `until`.
  int recent_misses = 0;
  // The baseline's misses per hour (window hour) or per day (window day).
  double baseline_rate = 0;
};

// The start of the clock hour (UTC) that holds `time_ms`.
std::int64_t HourStart(std::int64_t time_ms);

// Adds `misses` to the hour of `time_ms` in `series`, keeping it sorted.
void AddHourlyMisses(HourlyMisses& series, std::int64_t time_ms, int misses = 1);

// Whether the gap whose misses per hour are `hourly` is emerging at `until_ms` (exclusive: the
// current hour is the one holding until_ms - 1).
//
// The hour window judges the current hour so far, else the full hour before it (so a surge shows
// within a minute of crossing the bar and stays shown for the hour after), against the gap's
// misses per hour over the kEmergingBaselineDays before that hour. The day window judges the 24
// hours up to `until` against the misses per day of the week before them. `log_since_ms` is the
// oldest time the caller read the log from (the oldest search it found): a baseline counts only
// the hours the log covers, and a window whose baseline covers less than its minimum is not
// judged.
Emergence DetectEmergence(const HourlyMisses& hourly, std::int64_t until_ms,
                          std::int64_t log_since_ms);

}  // namespace kb
