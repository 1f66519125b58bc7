// How an index folder is laid out on disk, so that the indexer can replace it in one atomic step
// while a server keeps reading:
//
//   INDEX_DIR/XAPIANDB     a Xapian stub file naming the live generation ("auto gen-000007"),
//                          so `xapian-delve INDEX_DIR` and friends open it directly
//   INDEX_DIR/gen-000007/  a complete Xapian database; never modified once published
//   INDEX_DIR/.lock        held (flock) by the kb-index run that is writing
//
// A new generation is written beside the live one, committed, then published by renaming a new
// stub over the old: readers see the old index or the new one, never a mix, and a crash before
// the rename leaves the old one live.
#pragma once

#include <xapian.h>

#include <string>

#include "core/status.h"

namespace kb::index_layout {

// The live generation's folder name ("gen-000007"); kNotFound when nothing was published yet.
Result<std::string> CurrentGeneration(const std::string& index_dir);

std::string GenerationPath(const std::string& index_dir, const std::string& generation);

// A name not used by any generation in `index_dir`.
std::string NextGenerationName(const std::string& index_dir);

// Makes `generation` the live one, atomically and durably.
Status Publish(const std::string& index_dir, const std::string& generation);

// Deletes generations other than `live` and the `keep_previous` newest before it. Keeping one or
// two lets a server that has not yet noticed the switch finish the searches it has in flight.
void RemoveOldGenerations(const std::string& index_dir, const std::string& live, int keep_previous);

// Opens a generation read-only and checks its schema version against schema::kVersion. Fails with
// kFailedPrecondition (and how to fix it) on a mismatch, kUnavailable if it cannot be opened.
Result<Xapian::Database> OpenGeneration(const std::string& index_dir,
                                        const std::string& generation);

// Exclusive right to write generations in one index folder; released on destruction.
class WriterLock {
 public:
  // Fails with kUnavailable when another process holds the lock.
  static Result<WriterLock> Acquire(const std::string& index_dir);
  WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  WriterLock& operator=(WriterLock&&) = delete;
  ~WriterLock();

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kb::index_layout
