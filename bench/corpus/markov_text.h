// Realistic running text for the benchmark corpus: a word-level Markov chain trained on the
// sample help center's prose, so generated sentences have the vocabulary, word frequencies and
// sentence lengths of real help articles without copying them.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "bench/corpus/random.h"
#include "core/status.h"

namespace kb::bench {

class MarkovText {
 public:
  // Trains on every .md file under `articles_dir` whose front matter does not set another locale
  // than English. Fails when the folder cannot be read or holds too little prose.
  static Result<MarkovText> Train(const std::string& articles_dir);

  // One sentence of 4 to 40 words, ending in '.', '?' or '!'.
  std::string Sentence(Random& random) const;

  // Words seen in training: lower case, letters only, 3 letters or more (headings, queries).
  const std::vector<std::string>& content_words() const { return content_words_; }

 private:
  void Learn(const std::string& prose);

  std::vector<std::string> starts_;  // first words of sentences (repeats keep their frequency)
  std::unordered_map<std::string, std::vector<std::string>> next_;  // word -> followers
  std::vector<std::string> content_words_;
};

}  // namespace kb::bench
