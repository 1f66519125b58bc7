// kb-index ARTICLES_DIR INDEX_DIR: builds or updates the search index of a help center.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "core/clock.h"
#include "indexer/index_builder.h"
#include "server/insight/admin_service.h"
#include "server/insight/gap_report.h"
#include "server/search/live_index.h"

namespace {

// For a docs change in review: "this change answers 2 open gaps", and which.
bool PrintAnsweredGaps(const std::string& data_dir, const std::string& index_dir,
                       int min_sessions) {
  auto index = kb::LiveIndex::Open(index_dir);
  if (!index.ok()) {
    std::cerr << "kb-index: --check-gaps: " << index.status().message() << "\n";
    return false;
  }
  const kb::SystemClock clock;
  const std::string log_path = (std::filesystem::path(data_dir) / "kb-log.sqlite").string();
  auto answered = kb::CheckGaps(log_path, **index, min_sessions, clock);
  if (!answered.ok()) {
    std::cerr << "kb-index: --check-gaps: " << answered.status().message() << "\n";
    return false;
  }
  std::cout << "this change answers " << answered->size() << " open gap"
            << (answered->size() == 1 ? "" : "s") << (answered->empty() ? "" : ":") << "\n";
  for (const kb::AnsweredGap& gap : *answered) {
    std::cout << "  \"" << gap.representative << "\" (" << gap.sessions << " sessions) -> "
              << gap.slug << "\n";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string articles_dir;
  std::string index_dir;
  kb::IndexerOptions options;
  bool quiet = false;
  std::string check_gaps_dir;
  int gap_min_sessions = kb::kDefaultGapMinSessions;

  CLI::App app{
      "Builds or updates the kb search index from a folder of Markdown articles.\n"
      "Unchanged articles are skipped, edited ones replaced, deleted ones removed; the new index\n"
      "goes live in one atomic step, so a running kb-server never sees a half-built one.\n"
      "_synonyms.yaml and _rules.yaml in ARTICLES_DIR go into the index with the articles.\n"
      "Exit status: 0 all articles indexed, 1 some articles (or _synonyms.yaml, _rules.yaml)\n"
      "failed (the rest are indexed), 2 the index could not be built (nothing changed).",
      "kb-index"};
  app.add_option("ARTICLES_DIR", articles_dir, "Folder of .md articles (any depth)")->required();
  app.add_option("INDEX_DIR", index_dir, "Index folder to create or update")->required();
  app.add_flag("--full", options.full_rebuild, "Re-index every article, ignoring content hashes");
  app.add_flag("-q,--quiet", quiet, "Print only errors, not the summary line");
  app.add_option("--check-gaps", check_gaps_dir,
                 "kb-server's data folder: list the open knowledge gaps the new index answers");
  app.add_option("--gap-min-sessions", gap_min_sessions,
                 "Sessions a gap needs before it counts (as kb-server's flag)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  kb::DirectorySource source(articles_dir);
  auto summary = kb::BuildIndex(source, index_dir, options,
                                [](const std::string& line) { std::cerr << line << "\n"; });
  if (!summary.ok()) {
    std::cerr << "kb-index: " << summary.status().message() << "\n";
    return 2;
  }
  if (!quiet) std::cout << summary->Line() << std::endl;
  if (!check_gaps_dir.empty() && !PrintAnsweredGaps(check_gaps_dir, index_dir, gap_min_sessions)) {
    return 2;
  }
  return summary->failed > 0 ? 1 : 0;
}
