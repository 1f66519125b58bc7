// Where article files come from. The indexer reads through this interface so that its tests can
// use an in-memory folder and never touch the disk.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/status.h"

namespace kb {

class ArticleSource {
 public:
  virtual ~ArticleSource() = default;

  // The relative paths ('/'-separated) of every Markdown file, sorted. Hidden files and folders
  // (names starting with '.') are skipped, and so are files whose names start with '_': those are
  // settings beside the articles (_synonyms.yaml, _rules.yaml), not articles. Fails only when the
  // root itself cannot be read; `problems` receives one line per sub-folder that could not be read.
  virtual Result<std::vector<std::string>> List(std::vector<std::string>& problems) = 0;

  // Reads one listed file. Fails with a message naming the file when it cannot be read.
  virtual Result<SourceFile> Read(const std::string& path) = 0;

  // Whether a file exists at `path` (relative, like a listed path), listed or not.
  virtual bool Exists(const std::string& path) = 0;
};

// Articles in a folder on disk. `root` is also used to build the paths printed in messages.
class DirectorySource : public ArticleSource {
 public:
  explicit DirectorySource(std::string root);
  Result<std::vector<std::string>> List(std::vector<std::string>& problems) override;
  Result<SourceFile> Read(const std::string& path) override;
  bool Exists(const std::string& path) override;

 private:
  std::string root_;
};

// Articles held in memory, for tests: path -> content, with a fixed modification time.
class MemorySource : public ArticleSource {
 public:
  void Put(const std::string& path, std::string bytes, std::int64_t mtime = 1789000000);
  void Remove(const std::string& path) { files_.erase(path); }
  // Lists `path` but fails to read it, like a file without read permission.
  void PutUnreadable(const std::string& path) { unreadable_.insert(path); }
  Result<std::vector<std::string>> List(std::vector<std::string>& problems) override;
  Result<SourceFile> Read(const std::string& path) override;
  bool Exists(const std::string& path) override {
    return files_.count(path) > 0 || unreadable_.count(path) > 0;
  }

 private:
  std::map<std::string, SourceFile> files_;
  std::set<std::string> unreadable_;
};

}  // namespace kb
