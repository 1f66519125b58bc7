// Builds or updates an index folder from an article source: the heart of `kb-index`, also run by
// `kb-server --articles` at start.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "indexer/article_source.h"

namespace kb {

struct IndexerOptions {
  bool full_rebuild = false;          // ignore the content hashes and re-index every article
  int keep_previous_generations = 2;  // for servers still finishing searches on an older one
  int threads = 0;  // threads writing a new index from scratch; 0: one per core (at most 8)
};

struct IndexSummary {
  int articles = 0;  // articles in the live index after the run
  int sections = 0;  // section documents in the live index after the run
  int failed = 0;    // files that could not be indexed this run
  int added = 0;
  int updated = 0;
  int deleted = 0;
  int unchanged = 0;
  bool published = false;  // whether a new generation went live
  double seconds = 0;

  // "indexed 58 articles (212 sections), 2 failed, 0.4 s", plus what changed.
  std::string Line() const;
};

// One line per problem ("articles/x.md:3:8: front matter: ..."), printed as they are found.
using DiagnosticSink = std::function<void(const std::string& line)>;

// Brings the index in `index_dir` up to date with `source`. Unchanged articles (same content
// hash) are not touched, changed ones are replaced, deleted ones removed; when nothing changed
// nothing is written. A file that fails to parse is reported to `report` and left out, but a
// previously indexed version of it stays live. All changes go live in one atomic step.
// Fails (and changes nothing) only if the source root cannot be read or the index cannot be
// written; article errors are counted in IndexSummary::failed.
Result<IndexSummary> BuildIndex(ArticleSource& source, const std::string& index_dir,
                                const IndexerOptions& options, const DiagnosticSink& report);

}  // namespace kb
