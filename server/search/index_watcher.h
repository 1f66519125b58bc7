// Polls the index folder and switches the server to each newly published generation.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "server/search/live_index.h"

namespace kb {

class IndexWatcher {
 public:
  // Starts polling `index` every `interval` on a thread of its own; logs each switch (and each
  // generation that failed to open) to stderr, and calls `on_switch` (if any) after each switch,
  // on the watcher's thread.
  IndexWatcher(LiveIndex& index, std::chrono::milliseconds interval,
               std::function<void()> on_switch = nullptr);
  ~IndexWatcher();  // stops and joins

 private:
  void Loop();

  LiveIndex& index_;
  const std::chrono::milliseconds interval_;
  const std::function<void()> on_switch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kb
