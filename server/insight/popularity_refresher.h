// Fills the popularity table that search reads (search/popularity_table.h) from the outcomes in
// the log: clicks and votes on the results of customer searches. Signals decay with a half-life,
// so what helped last year fades.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "server/insight/log_database.h"
#include "server/search/popularity_table.h"
#include "server/search/search_recorder.h"

namespace kb {

inline constexpr double kPopularityHalfLifeDays = 30;
// Signals older than this are not read at all (they would weigh under 2%).
inline constexpr int kPopularityWindowDays = 180;

// The table made of `signals` at `now_ms`. Each session counts once per (query, article, kind of
// signal): one enthusiastic visitor cannot push an article up alone. A click counts 1, "helpful"
// 2 more, "not helpful" -2.
std::shared_ptr<PopularityTable> PopularityFromSignals(const std::vector<OutcomeSignal>& signals,
                                                       std::int64_t now_ms,
                                                       std::uint64_t version = 0);

// Rebuilds the table from the log every `interval` on a thread of its own (with its own
// read-only connection: the log's writer is never held up).
class PopularityRefresher : public PopularitySource {
 public:
  PopularityRefresher(std::string log_path, std::chrono::milliseconds interval, const Clock& clock);
  ~PopularityRefresher() override;  // stops and joins

  // The latest table (never null).
  std::shared_ptr<const PopularityTable> Current() const override;
  // Rebuilds now, on the caller's thread.
  Status Refresh();

 private:
  void Loop();

  const std::string log_path_;
  const std::chrono::milliseconds interval_;
  const Clock& clock_;
  mutable std::mutex mutex_;  // guards current_ and stopping_
  std::shared_ptr<const PopularityTable> current_;
  std::atomic<std::uint64_t> refreshes_{0};
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kb
