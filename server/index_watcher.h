// Polls the index folder and switches the server to each newly published generation.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "server/live_index.h"

namespace kb {

class IndexWatcher {
 public:
  // Starts polling `index` every `interval` on a thread of its own; logs each switch (and each
  // generation that failed to open) to stderr.
  IndexWatcher(LiveIndex& index, std::chrono::milliseconds interval);
  ~IndexWatcher();  // stops and joins

 private:
  void Loop();

  LiveIndex& index_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kb
