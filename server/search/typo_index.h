// Typo tolerance built from the index's spelling data. Xapian 1.4 has no fuzzy operator, and
// Database::get_spelling_suggestion returns only the single best word, so kb keeps its own lookup
// of every indexed word within a small edit distance: the symmetric-delete method (SymSpell),
// with each word's deletions stored as 32-bit hashes in one sorted array. Candidates are verified
// with a real edit distance, so a hash collision costs a comparison, never a wrong answer.
//
// One TypoIndex is built per index generation and shared, read-only, by every worker thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// The edit distance a word of this many letters (code points) may be corrected by: 0 below 5
// letters, 1 from 5, 2 from 9 (what typo-tolerant engines allow; shorter words have too many
// neighbours for a correction to be a good guess).
int AllowedTypos(std::size_t letters);

// Optimal string alignment distance (Levenshtein plus adjacent transpositions) between two
// UTF-8 words, counted in code points; returns max_distance + 1 as soon as it exceeds it.
int EditDistance(std::string_view a, std::string_view b, int max_distance);

struct TypoCandidate {
  std::string word;
  int distance = 0;
  Xapian::doccount frequency = 0;  // in the spelling data
};

class TypoIndex {
 public:
  // Reads every word of `db`'s spelling table (public articles only: see the indexer).
  static std::shared_ptr<const TypoIndex> Build(const Xapian::Database& db);
  // For tests: `words` with their frequencies.
  static std::shared_ptr<const TypoIndex> FromWords(
      std::vector<std::pair<std::string, Xapian::doccount>> words);

  // The indexed words within AllowedTypos(`word`) of `word` (lower case), other than `word`
  // itself, closest first, then most frequent; at most `limit`.
  std::vector<TypoCandidate> Candidates(std::string_view word, std::size_t limit) const;

  // How often `word` occurs in the spelling data (0 when it is not there).
  Xapian::doccount Frequency(std::string_view word) const;

  std::size_t words() const { return words_.size(); }
  std::size_t MemoryBytes() const;

 private:
  struct Entry {
    std::uint32_t hash;
    std::uint32_t word;
    bool operator<(const Entry& other) const {
      return hash != other.hash ? hash < other.hash : word < other.word;
    }
  };
  void Add(std::uint32_t id);

  std::vector<std::string> words_;  // sorted, so Frequency is a binary search
  std::vector<Xapian::doccount> frequencies_;
  std::vector<Entry> deletions_;  // sorted by hash
};

}  // namespace kb
