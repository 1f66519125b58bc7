// Time, behind an interface so that tests of retention, keystroke collapse and trends need no
// waiting and no wall clock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kb {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual std::int64_t NowMs() const = 0;
};

class SystemClock : public Clock {
 public:
  std::int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told to. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = 1790000000000) : now_(start_ms) {}
  std::int64_t NowMs() const override { return now_.load(); }
  void Advance(std::int64_t ms) { now_ += ms; }
  void Set(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace kb
