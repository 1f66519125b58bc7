// The files content owners keep beside the articles to tune search: _synonyms.yaml (the synonym
// table) and _rules.yaml (curation). The indexer stores both in each generation it writes, so the
// server reads them with the articles they belong to.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "core/curation_rules.h"
#include "core/synonyms.h"
#include "indexer/article_source.h"

namespace kb {

class SettingsFiles {
 public:
  using Sink = std::function<void(const std::string& line)>;

  // Reads and parses both files from `source` (a missing file means "none"). Each problem is
  // reported to `report` as "articles/_rules.yaml:3:9: ..."; a file with errors is unusable, the
  // index keeps what it had from it, and it counts in `failed`.
  static SettingsFiles Load(ArticleSource& source, const Sink& report, int& failed);

  // Whether storing these files would change what `live` holds (a usable file that differs from
  // the one last stored, or a stored file that was since deleted).
  bool ChangedSince(const Xapian::Database& live) const;

  // Stores the usable files in `db`, the generation being written, after its articles: the
  // synonym table is cleared and rewritten for the locales `db` now holds, and the rules replace
  // the stored ones. For an unusable file `db` keeps what it has, or gets what `keep_from` holds:
  // the live generation when `db` was started empty (null otherwise). Rules naming no article of
  // `db` are reported as warnings.
  void Store(Xapian::WritableDatabase& db, const Xapian::Database* keep_from,
             const Sink& report) const;

 private:
  struct Entry {
    std::string display_path;
    bool usable = true;
    std::string hash;  // of the bytes stored; "" when there is no file
  };
  Entry synonyms_;
  SynonymFile synonym_file_;
  Entry rules_;
  std::vector<CurationRule> rules_file_;
};

}  // namespace kb
