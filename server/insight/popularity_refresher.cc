#include "server/insight/popularity_refresher.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

namespace kb {
namespace {

double SignalWeight(EventType type) {
  switch (type) {
    case EventType::kClick:
      return 1;
    case EventType::kHelpful:
      return 2;
    case EventType::kNotHelpful:
      return -2;
    case EventType::kContact:
      return 0;  // a contact says nothing of the article
  }
  return 0;
}

}  // namespace

std::shared_ptr<PopularityTable> PopularityFromSignals(const std::vector<OutcomeSignal>& signals,
                                                       std::int64_t now_ms, std::uint64_t version) {
  auto table = std::make_shared<PopularityTable>(version);
  // The newest signal of each (query, article, kind, session) counts; older repeats do not.
  std::map<std::tuple<std::string, std::string, EventType, std::string>, std::int64_t> newest;
  for (const OutcomeSignal& s : signals) {
    if (s.normalized.empty() || SignalWeight(s.type) == 0) continue;
    std::int64_t& time = newest[{s.normalized, s.slug, s.type, s.session}];
    time = std::max(time, s.time_ms);
  }
  for (const auto& [key, time_ms] : newest) {
    const auto& [normalized, slug, type, session] = key;
    const double age_days =
        std::max<double>(0, static_cast<double>(now_ms - time_ms) / static_cast<double>(kDayMs));
    table->Add(normalized, slug,
               SignalWeight(type) * std::exp2(-age_days / kPopularityHalfLifeDays));
  }
  return table;
}

PopularityRefresher::PopularityRefresher(std::string log_path, std::chrono::milliseconds interval,
                                         const Clock& clock)
    : log_path_(std::move(log_path)),
      interval_(interval),
      clock_(clock),
      current_(std::make_shared<PopularityTable>()) {
  if (Status s = Refresh(); !s.ok()) std::cerr << "kb-server: popularity: " << s.message() << "\n";
  thread_ = std::thread([this] { Loop(); });
}

PopularityRefresher::~PopularityRefresher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::shared_ptr<const PopularityTable> PopularityRefresher::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

Status PopularityRefresher::Refresh() {
  auto db = LogDatabase::Open(log_path_, /*read_only=*/true);
  if (!db.ok()) return db.status();
  const std::int64_t now = clock_.NowMs();
  auto signals = (*db)->OutcomeSignalsSince(now - kPopularityWindowDays * kDayMs);
  if (!signals.ok()) return signals.status();
  std::shared_ptr<const PopularityTable> table = PopularityFromSignals(*signals, now, ++refreshes_);
  std::lock_guard<std::mutex> lock(mutex_);
  current_ = std::move(table);
  return Status::Ok();
}

void PopularityRefresher::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (Status s = Refresh(); !s.ok()) {
      std::cerr << "kb-server: popularity: " << s.message() << "\n";
    }
    lock.lock();
  }
}

}  // namespace kb
