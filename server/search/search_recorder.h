// The seams through which search hands its work to the rest of kb without depending on it: the
// insight room (server/insight/) implements both, and search never includes it.
#pragma once

#include <memory>
#include <string>

#include "server/search/popularity_table.h"
#include "server/search/query_analysis.h"
#include "server/search/search_request.h"
#include "server/search/searcher.h"

namespace kb {

// Who is asking. Agents (requests with the agent token) see internal articles.
struct Caller {
  bool agent = false;
};

struct SearchResponse {
  SearchResult result;
  std::string search_id;  // opaque; later events (clicks, feedback) refer to it
  double took_ms = 0;
  // How the query was read: the log keeps its normalized form rather than analysing it again.
  std::shared_ptr<const QueryAnalysis> analysis;
};

// Receives every search that was answered. Called on the request's thread after the answer is
// made: it must not block, and it cannot fail the search.
class SearchRecorder {
 public:
  virtual ~SearchRecorder() = default;
  virtual void RecordSearch(const SearchRequest& request, const SearchResponse& response,
                            const Caller& caller) = 0;
};

// The popularity table search ranks with, refreshed elsewhere.
class PopularitySource {
 public:
  virtual ~PopularitySource() = default;
  // The latest table; never null.
  virtual std::shared_ptr<const PopularityTable> Current() const = 0;
};

}  // namespace kb
