// Reads the query set that kb-bench-corpus writes (queries.tsv: kind, tab, query; a header line).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace kb::bench {

struct QueryLine {
  std::string kind;
  std::string text;
};

// Fails, naming the file and line, when it cannot be read or a line has no tab.
Result<std::vector<QueryLine>> ReadQueries(const std::string& path);

}  // namespace kb::bench
