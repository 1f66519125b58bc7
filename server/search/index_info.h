// What the server knows about the index generation it searches, and the data derived from it
// once per generation (not once per search).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/search/typo_index.h"

namespace kb {

struct IndexInfo {
  std::string generation;            // "gen-000007"
  std::vector<std::string> locales;  // locales present, sorted
  int articles = 0;
  int sections = 0;
  std::string built_at;                    // ISO 8601 UTC
  std::shared_ptr<const TypoIndex> typos;  // built from the generation's spelling data
};

}  // namespace kb
