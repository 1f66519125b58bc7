#include "bench/corpus/vocabulary.h"

#include <cctype>
#include <vector>

namespace kb::bench {
namespace {

// No syllable part has a 'j', 'q' or 'y', so the letter pairs of AbsentWord (each has one of
// them) never occur in a product name; English text has none of those pairs either.
const std::vector<std::string> kOnsets = {"b",  "br", "c", "cl", "d", "dr", "f",  "fl", "g",
                                          "gr", "k",  "l", "m",  "n", "p",  "pl", "r",  "s",
                                          "sk", "st", "t", "tr", "v", "w",  "z",  "sh"};
const std::vector<std::string> kVowels = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "e"};
const std::vector<std::string> kCodas = {"", "", "n", "r", "s", "l", "m", "nd", "st", "ck", "x"};

}  // namespace

std::string ProductName(std::uint64_t seed, std::size_t k) {
  Random random = Random::For(seed ^ 0x70726F64756374ULL, k);
  const int syllables = random.Chance(0.6) ? 2 : 3;
  std::string name;
  for (int i = 0; i < syllables; ++i) {
    name += random.Pick(kOnsets) + random.Pick(kVowels);
    if (i == syllables - 1 || random.Chance(0.3)) name += random.Pick(kCodas);
  }
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::size_t VocabularySize(std::size_t article_index) { return 40 + article_index / 3; }

std::string PickProductName(std::uint64_t seed, std::size_t article_index, Random& random) {
  // Squaring a uniform number favours small k: the first names are the product's core features,
  // mentioned everywhere; later ones are niche.
  const double u = random.Unit();
  const auto size = static_cast<double>(VocabularySize(article_index));
  return ProductName(seed, static_cast<std::size_t>(u * u * size));
}

std::string AbsentWord(Random& random) {
  static const std::vector<std::string> kOddPairs = {"qz", "jx", "vq", "xj", "zqu", "yyv", "jhq"};
  static const std::string kLetters = "abdefgiklmnoprstu";
  std::string word;
  const int length = random.Between(8, 11);
  while (static_cast<int>(word.size()) < length) {
    word += random.Chance(0.3) ? random.Pick(kOddPairs)
                               : std::string(1, kLetters[random.Below(kLetters.size())]);
  }
  // At least two odd pairs: no spelling correction within two edits reaches a real word.
  return random.Pick(kOddPairs) + word + random.Pick(kOddPairs);
}

}  // namespace kb::bench
