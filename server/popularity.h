// Popularity: articles that customers opened and found helpful after a kind of query rise a
// little for that kind of query. "Kind" is the normalized query (stems, stopwords dropped, order
// ignored), the same form the gap report groups by.
//
// The boost is a factor in [1, 1 + kMaxPopularityBoost], applied only to articles the query
// already matched: it reorders close results, it never brings in an article that does not match,
// and it cannot lift one above another that scores more than kMaxPopularityBoost higher.
// Signals decay with a half-life, so what helped last year fades.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/clock.h"
#include "server/log_database.h"

namespace kb {

inline constexpr double kMaxPopularityBoost = 0.15;
inline constexpr double kPopularityHalfLifeDays = 30;
// Signals older than this are not read at all (they would weigh under 2%).
inline constexpr int kPopularityWindowDays = 180;

class PopularityTable {
 public:
  // Each session counts once per (query, article, kind of signal): one enthusiastic visitor
  // cannot push an article up alone. A click counts 1, "helpful" 2 more, "not helpful" -2.
  static std::shared_ptr<PopularityTable> FromSignals(const std::vector<OutcomeSignal>& signals,
                                                      std::int64_t now_ms);

  bool Knows(const std::string& normalized) const { return scores_.count(normalized) > 0; }
  // 1 when nothing is known.
  double Boost(const std::string& normalized, const std::string& slug) const;
  std::size_t queries() const { return scores_.size(); }
  // Distinguishes successive tables of one refresher (cached results name the one they used).
  std::uint64_t version() const { return version_; }

 private:
  friend class PopularityRefresher;
  std::uint64_t version_ = 0;
  std::unordered_map<std::string, std::unordered_map<std::string, double>> scores_;
};

// Rebuilds the table from the log every `interval` on a thread of its own (with its own
// read-only connection: the log's writer is never held up).
class PopularityRefresher {
 public:
  PopularityRefresher(std::string log_path, std::chrono::milliseconds interval, const Clock& clock);
  ~PopularityRefresher();  // stops and joins

  // The latest table (never null).
  std::shared_ptr<const PopularityTable> Current() const;
  // Rebuilds now, on the caller's thread.
  Status Refresh();

 private:
  void Loop();

  const std::string log_path_;
  const std::chrono::milliseconds interval_;
  const Clock& clock_;
  mutable std::mutex mutex_;  // guards current_ and stopping_
  std::shared_ptr<const PopularityTable> current_;
  std::uint64_t refreshes_ = 0;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kb
