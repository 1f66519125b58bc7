// The product vocabulary of the benchmark help center: feature and product names invented from
// syllables, an endless deterministic sequence. Article i draws from the first VocabularySize(i)
// names, so a larger corpus has a larger vocabulary, as a real help center that grows with its
// product does, and article i reads the same in every corpus size.
#pragma once

#include <cstdint>
#include <string>

#include "bench/corpus/random.h"

namespace kb::bench {

// The `k`th product name ("Brindlex", "Quorasync"), capitalized. Deterministic in (seed, k).
std::string ProductName(std::uint64_t seed, std::size_t k);

// How many product names the articles up to `article_index` may use.
std::size_t VocabularySize(std::size_t article_index);

// A product name for article `article_index`, common names more likely than rare ones.
std::string PickProductName(std::uint64_t seed, std::size_t article_index, Random& random);

// A word that no generated article contains (letter pairs the syllables never make), for the
// queries that must find nothing. Lower case, 8 to 11 letters.
std::string AbsentWord(Random& random);

}  // namespace kb::bench
