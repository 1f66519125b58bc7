// The words of a query as the indexer's tokenizer sees them: lower case, in the order typed, with
// no stemming or stopping. Typo tolerance and the ranking boosts work word by word.
#pragma once

#include <string>
#include <vector>

namespace kb {

std::vector<std::string> QueryWords(const std::string& text);

}  // namespace kb
