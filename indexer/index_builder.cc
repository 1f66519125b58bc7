#include "indexer/index_builder.h"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "core/index_layout.h"
#include "core/index_records.h"
#include "core/language.h"
#include "core/schema.h"
#include "core/time_format.h"
#include "indexer/index_writer.h"
#include "indexer/section_document.h"
#include "indexer/settings_files.h"

namespace kb {
namespace fs = std::filesystem;
namespace {

// What the live index holds for each source path.
using PreviousState = std::map<std::string, SourceRecord>;

std::string ContentHash(const SourceFile& file) {
  // The schema version is part of the hash so a format change re-indexes everything; the mtime is
  // part of it because `updated` defaults to it.
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  const std::string header = "kb-source/" + std::to_string(schema::kVersion) + "/" + file.path +
                             "/" + std::to_string(file.mtime_seconds) + "/";
  XXH3_128bits_update(state, header.data(), header.size());
  XXH3_128bits_update(state, file.bytes.data(), file.bytes.size());
  const XXH128_hash_t hash = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return hex;
}

PreviousState ReadPreviousState(const Xapian::Database& db) {
  PreviousState state;
  const std::string prefix(schema::kMetaSourcePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    auto record = ParseSourceRecord(db.get_metadata(*it));
    if (record.ok()) state[(*it).substr(prefix.size())] = *record;
  }
  return state;
}

// The line of the `slug:` field in the front matter, so a duplicate slug is reported where the
// author can fix it; line 1 when the slug comes from the file name.
int SlugLine(const std::string& bytes) {
  int line = 1;
  for (std::size_t pos = 0; pos < bytes.size() && line < 200; ++line) {
    if (bytes.compare(pos, 5, "slug:") == 0) return line;
    pos = bytes.find('\n', pos);
    if (pos == std::string::npos) break;
    ++pos;
  }
  return 1;
}

void WriteStatistics(Xapian::WritableDatabase& db) {
  int articles = 0;
  const std::string prefix(schema::kMetaArticlePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    ++articles;
  }
  std::string locales;
  const std::string locale_prefix(schema::kLocale.prefix);
  for (auto it = db.allterms_begin(locale_prefix); it != db.allterms_end(locale_prefix); ++it) {
    if (!locales.empty()) locales += ' ';
    locales += (*it).substr(locale_prefix.size());
  }
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kMetaBuiltAt),
                  FormatIsoTime(static_cast<std::int64_t>(std::time(nullptr)) * 1000));
  db.set_metadata(std::string(schema::kMetaArticleCount), std::to_string(articles));
  db.set_metadata(std::string(schema::kMetaSectionCount), std::to_string(db.get_doccount()));
  db.set_metadata(std::string(schema::kMetaLocales), locales);
}

int WriterThreads(const IndexerOptions& options) {
  if (options.threads > 0) return options.threads;
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

void ReadStatistics(const Xapian::Database& db, IndexSummary& summary) {
  summary.articles = std::atoi(db.get_metadata(std::string(schema::kMetaArticleCount)).c_str());
  summary.sections = std::atoi(db.get_metadata(std::string(schema::kMetaSectionCount)).c_str());
}

// The generation that is live when the run starts, opened once for the whole run.
struct LiveGeneration {
  std::optional<std::string> name;  // none: there is no usable index yet
  std::optional<Xapian::Database> db;
  PreviousState previous;  // what it holds for each source path (empty on a rebuild)
  bool rebuild = false;    // write every article anew, keeping nothing of it
};

LiveGeneration OpenLiveGeneration(const std::string& index_dir, const IndexerOptions& options,
                                  const DiagnosticSink& report) {
  LiveGeneration live;
  live.rebuild = options.full_rebuild;
  auto current = index_layout::CurrentGeneration(index_dir);
  if (!current.ok()) return live;
  auto db = index_layout::OpenGeneration(index_dir, *current);
  if (!db.ok()) {
    report(index_dir + ": " + db.status().message() + "; rebuilding it from the articles");
    live.rebuild = true;
    return live;
  }
  live.name = *current;
  if (!live.rebuild) live.previous = ReadPreviousState(*db);
  live.db = std::move(*db);
  return live;
}

// The articles of the source, sorted: those to write, and the paths to take out of the live
// generation. Counts each kind in `summary` and reports every problem.
struct ChangePlan {
  std::vector<PendingArticle> to_add;
  std::vector<std::string> removed_paths;
};

// Reads every file: unchanged ones claim their slug at once; broken ones that were indexed
// before are `kept` (their last good version stays live); the rest are `pending`, in path order.
struct SourceScan {
  std::map<std::string, std::string> slug_owner;  // slug -> path
  std::map<std::string, std::string> display;     // path -> display path
  std::vector<std::string> kept;
  std::vector<std::pair<std::string, PendingArticle>> pending;
  std::map<std::string, int> slug_line;  // path -> line of its slug, for duplicate reports
};

Result<SourceScan> ScanSource(ArticleSource& source, PreviousState& previous, IndexSummary& summary,
                              const DiagnosticSink& report) {
  std::vector<std::string> problems;
  auto paths = source.List(problems);
  if (!paths.ok()) return paths.status();
  for (const std::string& problem : problems) report(problem);
  SourceScan scan;
  for (const std::string& path : *paths) {
    auto file = source.Read(path);
    const auto before = previous.find(path);
    if (!file.ok()) {
      report(file.status().message());
      ++summary.failed;
      if (before != previous.end()) scan.kept.push_back(path);
      continue;
    }
    scan.display[path] = file->display_path;
    const std::string hash = ContentHash(*file);
    if (before != previous.end() && before->second.hash == hash) {
      scan.slug_owner[before->second.slug] = path;
      ++summary.unchanged;
      continue;
    }
    ParsedArticle parsed = ParseArticle(*file);
    for (const Diagnostic& w : parsed.warnings) report(w.Format(file->display_path) + " (warning)");
    if (!parsed.ok()) {
      for (const Diagnostic& e : parsed.errors) report(e.Format(file->display_path));
      ++summary.failed;
      if (before != previous.end()) scan.kept.push_back(path);
      continue;
    }
    scan.slug_line[path] = SlugLine(file->bytes);
    scan.pending.emplace_back(path, PendingArticle{std::move(parsed.article), hash});
  }
  for (const std::string& path : scan.kept) {
    scan.slug_owner[previous[path].slug] = path;
    report((scan.display.count(path) ? scan.display[path] : path) +
           ": the previously indexed version stays live");
  }
  return scan;
}

// Slugs are unique: articles already live keep theirs; new claims go in path order. Then the
// paths that were live and are now neither unchanged, kept nor replaced are removed.
ChangePlan PlanChanges(SourceScan& scan, PreviousState& previous, IndexSummary& summary,
                       const DiagnosticSink& report) {
  ChangePlan plan;
  for (auto& [path, item] : scan.pending) {
    const auto owner = scan.slug_owner.find(item.article.slug);
    if (owner != scan.slug_owner.end()) {
      report(scan.display[path] + ":" + std::to_string(scan.slug_line[path]) +
             ":1: duplicate slug '" + item.article.slug + "': " + scan.display[owner->second] +
             " already uses it; set a different 'slug:'");
      ++summary.failed;
      if (previous.count(path)) {
        scan.kept.push_back(path);
        scan.slug_owner.emplace(previous[path].slug, path);
      }
      continue;
    }
    scan.slug_owner[item.article.slug] = path;
    (previous.count(path) ? summary.updated : summary.added)++;
    plan.to_add.push_back(std::move(item));
  }
  std::set<std::string> keep_paths(scan.kept.begin(), scan.kept.end());
  for (const auto& [slug, path] : scan.slug_owner) keep_paths.insert(path);
  std::set<std::string> replaced_paths;
  for (const PendingArticle& item : plan.to_add) replaced_paths.insert(item.article.path);
  for (const auto& [path, record] : previous) {
    const bool replaced = replaced_paths.count(path) > 0;
    if (replaced || !keep_paths.count(path)) plan.removed_paths.push_back(path);
    if (!replaced && !keep_paths.count(path)) ++summary.deleted;
  }
  return plan;
}

// Writes the new generation at `path`: from scratch on a rebuild (every core writes a share, and
// the shares become one database), else as a copy of the live one with the plan applied.
// Throws Xapian::Error and std::filesystem::filesystem_error.
void WriteGeneration(const std::string& index_dir, const std::string& path,
                     const LiveGeneration& live, ChangePlan& plan, const SettingsFiles& settings,
                     const IndexerOptions& options, const DiagnosticSink& report,
                     IndexSummary& summary) {
  std::error_code ec;
  fs::remove_all(path, ec);
  const bool incremental = live.name && !live.rebuild;
  if (incremental) {
    fs::copy(index_layout::GenerationPath(index_dir, *live.name), path,
             fs::copy_options::recursive);
  } else {
    WriteNewDatabase(plan.to_add, path, WriterThreads(options));
  }
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  if (incremental) {
    IndexWriter writer(db);
    for (const std::string& gone : plan.removed_paths) {
      writer.RemoveArticle(live.previous.at(gone).slug);
      writer.RemoveSource(gone);
    }
    for (const PendingArticle& item : plan.to_add) {
      writer.RemoveArticle(item.article.slug);  // sections that no longer exist
      writer.AddArticle(item);
    }
  }
  // A rebuild keeps the live generation's settings where the files are broken now (a copy of the
  // live generation already has them).
  settings.Store(db, live.rebuild && live.db ? &*live.db : nullptr, report);
  WriteStatistics(db);
  db.commit();
  db.close();
  ReadStatistics(Xapian::Database(path), summary);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::string IndexSummary::Line() const {
  char seconds_text[32];
  std::snprintf(seconds_text, sizeof seconds_text, "%.1f", seconds);
  auto count = [](int n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  };
  std::string line = "indexed " + count(articles, "article") + " (" + count(sections, "section") +
                     "), " + std::to_string(failed) + " failed, " + seconds_text + " s";
  if (!published) return line + "; index unchanged";
  return line + "; " + std::to_string(added) + " added, " + std::to_string(updated) + " updated, " +
         std::to_string(deleted) + " deleted, " + std::to_string(unchanged) + " unchanged";
}

Result<IndexSummary> BuildIndex(ArticleSource& source, const std::string& index_dir,
                                const IndexerOptions& options, const DiagnosticSink& report) {
  const auto start = std::chrono::steady_clock::now();
  IndexSummary summary;
  auto lock = index_layout::WriterLock::Acquire(index_dir);
  if (!lock.ok()) return lock.status();

  LiveGeneration live = OpenLiveGeneration(index_dir, options, report);
  auto scan = ScanSource(source, live.previous, summary, report);
  if (!scan.ok()) return scan.status();
  ChangePlan plan = PlanChanges(*scan, live.previous, summary, report);
  const SettingsFiles settings = SettingsFiles::Load(source, report, summary.failed);
  const bool settings_changed = live.db && !live.rebuild && settings.ChangedSince(*live.db);
  const bool changed =
      live.rebuild || !live.name || !plan.to_add.empty() || summary.deleted > 0 || settings_changed;
  if (!changed) {
    ReadStatistics(*live.db, summary);
    summary.seconds = SecondsSince(start);
    return summary;
  }

  // Write the new generation beside the live one, then switch.
  const std::string generation = index_layout::NextGenerationName(index_dir);
  const std::string path = index_layout::GenerationPath(index_dir, generation);
  try {
    WriteGeneration(index_dir, path, live, plan, settings, options, report, summary);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(path, ec);
    return Status::Unavailable("index_write",
                               "cannot write the index in " + path + ": " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    std::error_code ec;
    fs::remove_all(path, ec);
    return Status::Unavailable("index_write", std::string("cannot write the index: ") + e.what());
  }
  if (Status s = index_layout::Publish(index_dir, generation); !s.ok()) return s;
  index_layout::RemoveOldGenerations(index_dir, generation, options.keep_previous_generations);
  summary.published = true;
  summary.seconds = SecondsSince(start);
  return summary;
}

}  // namespace kb
