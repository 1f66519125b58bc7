#include "core/index_layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/schema.h"

namespace kb::index_layout {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStubName = "XAPIANDB";
constexpr std::string_view kGenerationPrefix = "gen-";

bool IsGenerationName(const std::string& name) {
  return name.size() == kGenerationPrefix.size() + 6 && name.rfind(kGenerationPrefix, 0) == 0 &&
         std::all_of(name.begin() + kGenerationPrefix.size(), name.end(),
                     [](unsigned char c) { return std::isdigit(c); });
}

std::vector<std::string> ListGenerations(const std::string& index_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && IsGenerationName(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Status SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Status::Internal("cannot open " + path + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::Internal("cannot sync " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

Result<std::string> CurrentGeneration(const std::string& index_dir) {
  std::ifstream stub(fs::path(index_dir) / kStubName);
  if (!stub) {
    return Status::NotFound(
        "no_index",
        "no index in " + index_dir + ": build one with 'kb-index ARTICLES_DIR " + index_dir + "'");
  }
  std::string backend, name;
  stub >> backend >> name;
  if (backend != "auto" || !IsGenerationName(name)) {
    return Status::FailedPrecondition(
        "bad_index", std::string(index_dir) + "/" + std::string(kStubName) +
                         " was not written by kb-index: remove the folder and rebuild it");
  }
  return name;
}

std::string GenerationPath(const std::string& index_dir, const std::string& generation) {
  return (fs::path(index_dir) / generation).string();
}

std::string NextGenerationName(const std::string& index_dir) {
  int next = 1;
  for (const std::string& name : ListGenerations(index_dir)) {
    next = std::max(next, std::stoi(name.substr(kGenerationPrefix.size())) + 1);
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%06d", std::string(kGenerationPrefix).c_str(), next);
  return buffer;
}

Status Publish(const std::string& index_dir, const std::string& generation) {
  const fs::path stub = fs::path(index_dir) / kStubName;
  const fs::path temp = fs::path(index_dir) / (std::string(kStubName) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "auto " << generation << "\n";
    out.close();
    if (!out) return Status::Internal("cannot write " + temp.string());
  }
  if (Status s = SyncPath(temp.string(), O_RDONLY); !s.ok()) return s;
  if (std::rename(temp.c_str(), stub.c_str()) != 0) {
    return Status::Internal("cannot replace " + stub.string() + ": " + std::strerror(errno));
  }
  return SyncPath(index_dir, O_RDONLY | O_DIRECTORY);
}

void RemoveOldGenerations(const std::string& index_dir, const std::string& live,
                          int keep_previous) {
  std::vector<std::string> doomed;
  std::vector<std::string> older;
  for (const std::string& name : ListGenerations(index_dir)) {  // sorted, oldest first
    if (name < live) older.push_back(name);
    if (name > live) doomed.push_back(name);  // left by a run that died before publishing
  }
  const std::size_t keep = std::min<std::size_t>(older.size(), std::max(0, keep_previous));
  doomed.insert(doomed.end(), older.begin(), older.end() - keep);
  for (const std::string& name : doomed) {
    std::error_code ec;
    fs::remove_all(fs::path(index_dir) / name, ec);
  }
}

Result<Xapian::Database> OpenGeneration(const std::string& index_dir,
                                        const std::string& generation) {
  const std::string path = GenerationPath(index_dir, generation);
  try {
    Xapian::Database db(path);
    const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (version != std::to_string(schema::kVersion)) {
      return Status::FailedPrecondition(
          "schema_mismatch", "the index in " + index_dir + " has schema version " +
                                 (version.empty() ? "(none)" : version) + " but this build needs " +
                                 std::to_string(schema::kVersion) +
                                 ": rerun kb-index to rebuild it");
    }
    return db;
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_unreadable",
                               "cannot open the index " + path + ": " + e.get_description());
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

Result<WriterLock> WriterLock::Acquire(const std::string& index_dir) {
  std::error_code ec;
  fs::create_directories(index_dir, ec);
  if (ec) {
    return Status::Unavailable("index_dir", "cannot create " + index_dir + ": " + ec.message());
  }
  const std::string path = (fs::path(index_dir) / ".lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Unavailable("index_dir", "cannot open " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Unavailable("index_locked",
                               "another kb-index is writing " + index_dir + "; wait for it to end");
  }
  return WriterLock(fd);
}

}  // namespace kb::index_layout
