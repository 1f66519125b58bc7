#include "server/search/live_index.h"

#include <algorithm>
#include <sstream>

#include "core/index_layout.h"
#include "core/language.h"
#include "core/schema.h"

namespace kb {
namespace {

std::atomic<std::uint64_t> next_live_index_id{1};

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

}  // namespace

const Language* IndexInfo::LanguageOf(const std::string& locale) const {
  const bool present = locale == kDefaultLocale ||
                       std::find(locales.begin(), locales.end(), locale) != locales.end();
  return present ? ThisThreadsLanguage(locale) : nullptr;
}

LiveIndex::LiveIndex(std::string index_dir)
    : index_dir_(std::move(index_dir)), id_(next_live_index_id++) {}

Result<std::shared_ptr<const LiveIndex::Generation>> LiveIndex::Load(const std::string& index_dir,
                                                                     const std::string& name) {
  auto db = index_layout::OpenGeneration(index_dir, name);
  if (!db.ok()) return db.status();
  auto generation = std::make_shared<Generation>();
  generation->path = index_layout::GenerationPath(index_dir, name);
  IndexInfo& info = generation->info;
  try {
    info.generation = name;
    info.locales = SplitWords(db->get_metadata(std::string(schema::kMetaLocales)));
    info.articles = std::atoi(db->get_metadata(std::string(schema::kMetaArticleCount)).c_str());
    info.sections = std::atoi(db->get_metadata(std::string(schema::kMetaSectionCount)).c_str());
    info.built_at = db->get_metadata(std::string(schema::kMetaBuiltAt));
    info.typos = TypoIndex::Build(*db);
    auto curation = CurationRulesIndex::Build(*db, info.locales);
    if (!curation.ok()) return curation.status();
    info.curation = *curation;
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_unreadable", e.get_description());
  }
  return std::shared_ptr<const Generation>(std::move(generation));
}

Result<std::unique_ptr<LiveIndex>> LiveIndex::Open(const std::string& index_dir) {
  auto name = index_layout::CurrentGeneration(index_dir);
  if (!name.ok()) return name.status();
  auto generation = Load(index_dir, *name);
  if (!generation.ok()) return generation.status();
  std::unique_ptr<LiveIndex> live(new LiveIndex(index_dir));
  live->current_ = *generation;
  return live;
}

bool LiveIndex::Refresh(std::string* problem) {
  auto name = index_layout::CurrentGeneration(index_dir_);
  if (!name.ok()) {
    if (problem) *problem = name.status().message();
    return false;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (current_->info.generation == *name) return false;
  }
  auto generation = Load(index_dir_, *name);
  if (!generation.ok()) {
    if (problem) *problem = generation.status().message();
    return false;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = *generation;
  }
  sequence_.fetch_add(1, std::memory_order_release);
  return true;
}

IndexInfo LiveIndex::info() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_->info;
}

LiveIndex::ThreadHandle& LiveIndex::HandleForThisThread(bool force_reopen) {
  thread_local ThreadHandle handle;
  const std::uint64_t sequence = sequence_.load(std::memory_order_acquire);
  if (force_reopen || handle.owner != id_ || handle.sequence != sequence || !handle.db) {
    std::shared_ptr<const Generation> generation;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      generation = current_;
    }
    handle.db = std::make_unique<Xapian::Database>(generation->path);  // may throw
    handle.generation = std::move(generation);
    handle.owner = id_;
    handle.sequence = sequence;
  }
  return handle;
}

}  // namespace kb
