// The index generation the server is serving, and one Xapian::Database per worker thread on it.
//
// Xapian databases are not thread-safe, so each worker thread opens its own and searches without
// any lock. A watcher calls Refresh() a few times a second; when kb-index has published a new
// generation that opens and passes the schema check, it becomes current, and each thread opens
// it on its next request.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/status.h"
#include "server/search/index_info.h"

namespace kb {

class LiveIndex {
 public:
  // Opens the live generation in `index_dir`. Fails with a message saying how to fix it when
  // there is none, it cannot be read, or its schema version is not this build's.
  static Result<std::unique_ptr<LiveIndex>> Open(const std::string& index_dir);

  // Switches to a newly published generation, if any. Returns true when it switched; a new
  // generation that fails to open is reported in `problem` and the current one stays.
  bool Refresh(std::string* problem = nullptr);

  // Calls `fn(db, info)` with this thread's database on the current generation. If the database
  // turns out to be stale or broken (fn returns kUnavailable), reopens it and calls fn once more.
  template <typename T>
  Result<T> WithDatabase(
      const std::function<Result<T>(const Xapian::Database&, const IndexInfo&)>& fn);

  IndexInfo info() const;
  const std::string& index_dir() const { return index_dir_; }

 private:
  struct Generation {
    std::string path;
    IndexInfo info;
  };
  // A worker thread's own handle. Keyed by the owning LiveIndex's id so a thread that outlives
  // one LiveIndex (as in tests) never reuses its database with another.
  struct ThreadHandle {
    std::uint64_t owner = 0;
    std::uint64_t sequence = 0;
    std::shared_ptr<const Generation> generation;
    std::unique_ptr<Xapian::Database> db;
  };

  explicit LiveIndex(std::string index_dir);
  static Result<std::shared_ptr<const Generation>> Load(const std::string& index_dir,
                                                        const std::string& name);
  ThreadHandle& HandleForThisThread(bool force_reopen);

  const std::string index_dir_;
  const std::uint64_t id_;
  mutable std::mutex mutex_;  // guards current_ (held only to copy the pointer)
  std::shared_ptr<const Generation> current_;
  std::atomic<std::uint64_t> sequence_{1};
};

template <typename T>
Result<T> LiveIndex::WithDatabase(
    const std::function<Result<T>(const Xapian::Database&, const IndexInfo&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    ThreadHandle* handle = nullptr;
    try {
      handle = &HandleForThisThread(attempt > 0);
    } catch (const Xapian::Error& e) {
      return Status::Unavailable("index_unreadable",
                                 "cannot open the index: " + e.get_description());
    }
    Result<T> result = fn(*handle->db, handle->generation->info);
    if (result.ok() || result.status().code() != StatusCode::kUnavailable || attempt > 0) {
      return result;
    }
  }
}

}  // namespace kb
