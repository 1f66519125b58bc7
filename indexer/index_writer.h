// Adds and removes articles in a writable Xapian database: one document per section, the
// spelling dictionary (public articles only), the article record and the source record.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/article.h"

namespace kb {

// A parsed article waiting to be written, with the content hash of the file it came from.
struct PendingArticle {
  Article article;
  std::string hash;
};

class IndexWriter {
 public:
  explicit IndexWriter(Xapian::WritableDatabase& db) : db_(db) {}

  // Removes every section of `slug`, its words from the spelling dictionary and its record.
  void RemoveArticle(const std::string& slug);

  // Writes `item`'s sections, record and source record (its path's content hash). The
  // article's sections must not be in the database: RemoveArticle() an earlier version first.
  void AddArticle(const PendingArticle& item);

  // Forgets the source record of `path` (a deleted file).
  void RemoveSource(const std::string& path);

 private:
  bool IsPublic(Xapian::docid id);

  Xapian::WritableDatabase& db_;
};

// Writes `articles`, in order, into a new database at `path` (a missing or empty folder), using up
// to `threads` threads: each writes a contiguous share into a database of its own, and the shares
// are then compacted into one, so the result has the documents in the order of `articles`,
// exactly as one thread writing them all would. Throws Xapian::Error.
void WriteNewDatabase(const std::vector<PendingArticle>& articles, const std::string& path,
                      int threads);

}  // namespace kb
