// Searches the FTS5 peer index the way a team would wire it up: the words of the query OR-ed,
// stopwords dropped, the last word as a prefix while it is being typed, bm25() with kb's column
// weights (title 6, heading 3, body 1), one result per article with up to three more sections,
// and a snippet() of the best section.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace kb::bench {

// The FTS5 MATCH expression for a query as typed: "how do i reset passw" ->
// "\"reset\" OR \"passw\"*". Empty when no searchable word is left.
std::string Fts5MatchExpression(const std::string& query);

// Searches `db_path` on this thread's own read-only connection (opened on first use) and returns
// JSON shaped like kb's /api/search answer.
Result<nlohmann::json> SearchFts5(const std::string& db_path, const std::string& query, int limit);

}  // namespace kb::bench
