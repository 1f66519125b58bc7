// The benchmark's peer: the same help center in SQLite FTS5, the embedded full-text search most
// teams would reach for. One row per article section, like kb's documents.
#pragma once

#include <string>

#include "core/status.h"

namespace kb::bench {

// Builds `db_path` (replacing it) from the articles under `articles_dir`, parsed by kb's own
// article parser. Internal articles are left out: customers never see them. Returns the number
// of sections written.
Result<int> BuildFts5Index(const std::string& articles_dir, const std::string& db_path);

}  // namespace kb::bench
