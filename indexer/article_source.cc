#include "indexer/article_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kb {
namespace fs = std::filesystem;

DirectorySource::DirectorySource(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

Result<std::vector<std::string>> DirectorySource::List(std::vector<std::string>& problems) {
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) {
    return Status::InvalidArgument("articles_dir", root_ + ": not a readable folder of articles");
  }
  std::vector<std::string> paths;
  fs::recursive_directory_iterator it(root_, ec), end;
  if (ec) return Status::InvalidArgument("articles_dir", root_ + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) {
      problems.push_back(root_ + ": cannot read a folder: " + ec.message());
      ec.clear();
      continue;
    }
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || path.extension() != ".md" || name[0] == '_') continue;
    paths.push_back(fs::relative(path, root_, ec).generic_string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

Result<SourceFile> DirectorySource::Read(const std::string& path) {
  SourceFile file;
  file.path = path;
  file.display_path = root_ + "/" + path;
  const fs::path full = fs::path(root_) / path;
  std::error_code ec;
  const auto size = fs::file_size(full, ec);
  if (!ec && size > kMaxArticleBytes) {
    // Do not read it: ParseArticle reports the size from a placeholder of the same length.
    file.bytes.assign(kMaxArticleBytes + 1, '\0');
    return file;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    return Status::Unavailable(
        "unreadable", file.display_path + ":1:1: cannot read the file: " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  file.bytes = std::move(bytes).str();
  const auto mtime = fs::last_write_time(full, ec);
  if (!ec) {
    const auto system_time = std::chrono::file_clock::to_sys(mtime);
    file.mtime_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(system_time.time_since_epoch()).count();
  }
  return file;
}

bool DirectorySource::Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::path(root_) / path, ec);
}

void MemorySource::Put(const std::string& path, std::string bytes, std::int64_t mtime) {
  files_[path] = SourceFile{path, "articles/" + path, std::move(bytes), mtime};
}

Result<std::vector<std::string>> MemorySource::List(std::vector<std::string>&) {
  std::vector<std::string> paths;
  auto is_article = [](const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return path[slash == std::string::npos ? 0 : slash + 1] != '_';
  };
  for (const auto& [path, file] : files_) {
    if (is_article(path)) paths.push_back(path);
  }
  for (const std::string& path : unreadable_) {
    if (is_article(path)) paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

Result<SourceFile> MemorySource::Read(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end() || unreadable_.count(path)) {
    return Status::Unavailable(
        "unreadable", "articles/" + path + ":1:1: cannot read the file: Permission denied");
  }
  return it->second;
}

}  // namespace kb
