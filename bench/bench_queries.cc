#include "bench/bench_queries.h"

#include <fstream>

namespace kb::bench {

Result<std::vector<QueryLine>> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Status::InvalidArgument("queries",
                                   path + ": cannot read it (kb-bench-corpus writes it)");
  }
  std::vector<QueryLine> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (number == 1 && line == "kind\tquery") continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return Status::InvalidArgument(
          "queries", path + ":" + std::to_string(number) + ": expected 'kind<TAB>query'");
    }
    queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  if (queries.empty()) return Status::InvalidArgument("queries", path + ": no queries");
  return queries;
}

}  // namespace kb::bench
