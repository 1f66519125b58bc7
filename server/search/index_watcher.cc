#include "server/search/index_watcher.h"

#include <iostream>

namespace kb {

IndexWatcher::IndexWatcher(LiveIndex& index, std::chrono::milliseconds interval,
                           std::function<void()> on_switch)
    : index_(index),
      interval_(interval),
      on_switch_(std::move(on_switch)),
      thread_([this] { Loop(); }) {}

IndexWatcher::~IndexWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void IndexWatcher::Loop() {
  std::string last_problem;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    std::string problem;
    if (index_.Refresh(&problem)) {
      const IndexInfo info = index_.info();
      std::cerr << "kb-server: now serving " << info.generation << " (" << info.articles
                << " articles, " << info.sections << " sections)\n";
      if (on_switch_) on_switch_();
    }
    // Report a broken new generation once, not four times a second.
    if (!problem.empty() && problem != last_problem) {
      std::cerr << "kb-server: keeping the current index: " << problem << "\n";
    }
    last_problem = problem;
    lock.lock();
  }
}

}  // namespace kb
