// The benchmark's queries, made the way customers type them, from the generated articles:
// full questions, two-word queries, a word still being typed, misspellings, and a tenth that
// must find nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/corpus/article_generator.h"

namespace kb::bench {

struct BenchQuery {
  std::string kind;  // question, two_words, prefix, typo, none
  std::string text;
};

class QueryGenerator {
 public:
  explicit QueryGenerator(std::uint64_t seed) : random_(Random::For(seed, 0x717565727946ULL)) {}

  // Keeps what queries are made of from `article` (internal ones are skipped: customers
  // never find them).
  void Add(const GeneratedArticle& article);

  // `count` queries in a fixed mix of kinds, deterministic for the same articles and seed.
  std::vector<BenchQuery> Generate(std::size_t count);

 private:
  struct Source {
    std::vector<std::string> title_words;           // content words, lower case
    std::vector<std::vector<std::string>> phrases;  // content words of headings and sentences
    std::string sentence;
  };
  std::string Question(const Source& source);
  std::string TwoWords(const Source& source);
  std::string Prefix(const Source& source);
  std::string Typo(const Source& source);
  std::string Nothing();

  Random random_;
  std::vector<Source> sources_;
};

// Makes 1 or 2 edits (a deleted, doubled, swapped or replaced letter) to `word`, 5 letters or
// more, never returning it unchanged.
std::string Misspell(const std::string& word, int edits, Random& random);

}  // namespace kb::bench
