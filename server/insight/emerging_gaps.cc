#include "server/insight/emerging_gaps.h"

#include <algorithm>

namespace kb {
namespace {

constexpr std::int64_t kHoursPerDay = kDayMs / kHourMs;

// A gap's misses per hour over a fixed span of hours ending with the current one, with prefix
// sums: what both windows and their baselines are read from.
class HourCounts {
 public:
  HourCounts(const HourlyMisses& hourly, std::int64_t current_hour, std::int64_t hours)
      : first_(current_hour - (hours - 1) * kHourMs), prefix_(static_cast<std::size_t>(hours) + 1) {
    std::vector<int> counts(static_cast<std::size_t>(hours), 0);
    for (const auto& [hour, misses] : hourly) {
      if (hour < first_ || hour > current_hour) continue;
      counts[static_cast<std::size_t>((hour - first_) / kHourMs)] += misses;
    }
    for (std::size_t i = 0; i < counts.size(); ++i) prefix_[i + 1] = prefix_[i] + counts[i];
  }

  std::int64_t first() const { return first_; }

  // Misses in the hours that start in [from, to), as far as the span reaches.
  int Sum(std::int64_t from, std::int64_t to) const { return Prefix(to) - Prefix(from); }
  int At(std::int64_t hour) const { return Sum(hour, hour + kHourMs); }

 private:
  int Prefix(std::int64_t hour) const {
    const std::int64_t index = std::clamp<std::int64_t>(
        (hour - first_) / kHourMs, 0, static_cast<std::int64_t>(prefix_.size()) - 1);
    return prefix_[static_cast<std::size_t>(index)];
  }

  std::int64_t first_;
  std::vector<int> prefix_;
};

// The misses per `unit` of the baseline [from, to), counting only the part the log covers; -1
// when that part is shorter than `min_covered_ms`.
double BaselineRate(const HourCounts& counts, std::int64_t from, std::int64_t to,
                    std::int64_t log_since_ms, std::int64_t min_covered_ms, std::int64_t unit) {
  const std::int64_t covered = to - std::max(from, log_since_ms);
  if (covered < min_covered_ms) return -1;
  return counts.Sum(from, to) / (static_cast<double>(covered) / static_cast<double>(unit));
}

bool Elevated(int misses, double baseline_rate, int floor, double smoothing) {
  return misses >= floor && misses >= kEmergingRatio * (baseline_rate + smoothing);
}

}  // namespace

std::int64_t HourStart(std::int64_t time_ms) {
  const std::int64_t into = time_ms % kHourMs;
  return time_ms - (into < 0 ? into + kHourMs : into);
}

void AddHourlyMisses(HourlyMisses& series, std::int64_t time_ms, int misses) {
  const std::int64_t hour = HourStart(time_ms);
  auto at = std::lower_bound(series.begin(), series.end(), hour,
                             [](const auto& entry, std::int64_t h) { return entry.first < h; });
  if (at != series.end() && at->first == hour) {
    at->second += misses;
  } else {
    series.insert(at, {hour, misses});
  }
}

Emergence DetectEmergence(const HourlyMisses& hourly, std::int64_t until_ms,
                          std::int64_t log_since_ms) {
  const std::int64_t current = HourStart(until_ms - 1);
  const std::int64_t baseline_ms = kEmergingBaselineDays * kDayMs;
  // Enough hours for every window below: the history, and one more day for the first of the day
  // windows walked back through.
  const HourCounts counts(hourly, current, kEmergingHistoryMs / kHourMs + kHoursPerDay + 1);

  // The hour: the current one so far, else the full one before it.
  for (const std::int64_t hour : {current, current - kHourMs}) {
    const double rate = BaselineRate(counts, hour - baseline_ms, hour, log_since_ms,
                                     kEmergingHourMinBaselineMs, kHourMs);
    if (rate < 0) continue;
    auto elevated = [&](std::int64_t h) {
      return Elevated(counts.At(h), rate, kEmergingHourMinMisses, kEmergingHourSmoothing);
    };
    if (!elevated(hour)) continue;
    std::int64_t start = hour;
    while (start - kHourMs >= counts.first() && elevated(start - kHourMs)) start -= kHourMs;
    return {true, EmergingWindow::kHour, start, counts.At(hour), rate};
  }

  // The day: the 24 hours up to `until`.
  const std::int64_t day_from = current - (kHoursPerDay - 1) * kHourMs;
  const double rate = BaselineRate(counts, day_from - baseline_ms, day_from, log_since_ms,
                                   kEmergingDayMinBaselineMs, kDayMs);
  if (rate < 0) return {};
  // The 24 hours that end with `hour`.
  auto day_misses = [&](std::int64_t hour) {
    return counts.Sum(hour - (kHoursPerDay - 1) * kHourMs, hour + kHourMs);
  };
  auto elevated = [&](std::int64_t hour) {
    return Elevated(day_misses(hour), rate, kEmergingDayMinMisses, kEmergingDaySmoothing);
  };
  if (!elevated(current)) return {};
  // Back, an hour at a time, to the first day of the run that was already elevated; the surge
  // started with that day's first miss.
  std::int64_t end = current;
  while (end - kHoursPerDay * kHourMs >= counts.first() && elevated(end - kHourMs)) end -= kHourMs;
  std::int64_t since = end - (kHoursPerDay - 1) * kHourMs;
  while (since < end && counts.At(since) == 0) since += kHourMs;
  return {true, EmergingWindow::kDay, since, day_misses(current), rate};
}

}  // namespace kb
