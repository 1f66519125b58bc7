// Throughput and latency percentiles of a timed run.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace kb::bench {

struct LatencySummary {
  std::size_t count = 0;
  double per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

// `latencies_ms` is reordered.
inline LatencySummary Summarize(std::vector<double>& latencies_ms, double seconds) {
  LatencySummary summary;
  summary.count = latencies_ms.size();
  if (latencies_ms.empty()) return summary;
  summary.per_second = static_cast<double>(latencies_ms.size()) / seconds;
  auto percentile = [&](double p) {
    const auto at = static_cast<std::size_t>(p * static_cast<double>(latencies_ms.size() - 1));
    std::nth_element(latencies_ms.begin(), latencies_ms.begin() + at, latencies_ms.end());
    return latencies_ms[at];
  };
  summary.p50_ms = percentile(0.50);
  summary.p99_ms = percentile(0.99);
  return summary;
}

}  // namespace kb::bench
