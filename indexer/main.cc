// kb-index ARTICLES_DIR INDEX_DIR: builds or updates the search index of a help center.
#include <CLI/CLI.hpp>
#include <iostream>

#include "indexer/index_builder.h"

int main(int argc, char** argv) {
  std::string articles_dir;
  std::string index_dir;
  kb::IndexerOptions options;
  bool quiet = false;

  CLI::App app{
      "Builds or updates the kb search index from a folder of Markdown articles.\n"
      "Unchanged articles are skipped, edited ones replaced, deleted ones removed; the new index\n"
      "goes live in one atomic step, so a running kb-server never sees a half-built one.\n"
      "Exit status: 0 all articles indexed, 1 some articles failed (the rest are indexed),\n"
      "2 the index could not be built (nothing changed).",
      "kb-index"};
  app.add_option("ARTICLES_DIR", articles_dir, "Folder of .md articles (any depth)")->required();
  app.add_option("INDEX_DIR", index_dir, "Index folder to create or update")->required();
  app.add_flag("--full", options.full_rebuild, "Re-index every article, ignoring content hashes");
  app.add_flag("-q,--quiet", quiet, "Print only errors, not the summary line");
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
  return summary->failed > 0 ? 1 : 0;
}
