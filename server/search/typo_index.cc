#include "server/search/typo_index.h"

#include <algorithm>
#include <unordered_set>

namespace kb {
namespace {

std::u32string Decode(std::string_view utf8) {
  std::u32string out;
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it) {
    out.push_back(static_cast<char32_t>(*it));
  }
  return out;
}

// FNV-1a over the code points.
std::uint32_t Hash(const std::u32string& word) {
  std::uint32_t hash = 2166136261u;
  for (char32_t c : word) {
    for (int shift = 0; shift < 32; shift += 8) {
      hash ^= (static_cast<std::uint32_t>(c) >> shift) & 0xff;
      hash *= 16777619u;
    }
  }
  return hash;
}

// Every string made from `word` by deleting up to `depth` code points, `word` included.
void Deletions(const std::u32string& word, int depth, std::unordered_set<std::u32string>& out) {
  out.insert(word);
  if (depth == 0 || word.size() <= 1) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::u32string shorter = word;
    shorter.erase(i, 1);
    if (out.count(shorter) && depth == 1) continue;
    Deletions(shorter, depth - 1, out);
  }
}

int Distance(const std::u32string& a, const std::u32string& b, int max_distance) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > static_cast<std::size_t>(max_distance)) return max_distance + 1;
  // Three rows of the dynamic programme: the one before last is needed for transpositions.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max_distance + 1);
}

// The deletion depth stored for an indexed word of `letters` code points: deep enough that any
// query word allowed to reach it (AllowedTypos of a word at most that many letters longer) does.
int StoredDepth(std::size_t letters) {
  if (letters >= 7) return 2;  // a 9-letter query word may be 2 edits from a 7-letter word
  if (letters >= 4) return 1;  // a 5-letter query word may be 1 edit from a 4-letter word
  return 0;
}

}  // namespace

int AllowedTypos(std::size_t letters) {
  if (letters >= 9) return 2;
  if (letters >= 5) return 1;
  return 0;
}

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  return Distance(Decode(a), Decode(b), max_distance);
}

std::shared_ptr<const TypoIndex> TypoIndex::Build(const Xapian::Database& db) {
  std::vector<std::pair<std::string, Xapian::doccount>> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    words.emplace_back(*it, it.get_termfreq());
  }
  return FromWords(std::move(words));
}

std::shared_ptr<const TypoIndex> TypoIndex::FromWords(
    std::vector<std::pair<std::string, Xapian::doccount>> words) {
  std::sort(words.begin(), words.end());
  auto index = std::make_shared<TypoIndex>();
  index->words_.reserve(words.size());
  index->frequencies_.reserve(words.size());
  for (auto& [word, frequency] : words) {
    if (!index->words_.empty() && index->words_.back() == word) continue;
    index->words_.push_back(std::move(word));
    index->frequencies_.push_back(frequency);
  }
  for (std::uint32_t id = 0; id < index->words_.size(); ++id) index->Add(id);
  std::sort(index->deletions_.begin(), index->deletions_.end());
  index->deletions_.shrink_to_fit();
  return index;
}

void TypoIndex::Add(std::uint32_t id) {
  const std::u32string word = Decode(words_[id]);
  std::unordered_set<std::u32string> deletions;
  Deletions(word, StoredDepth(word.size()), deletions);
  for (const std::u32string& deletion : deletions) deletions_.push_back({Hash(deletion), id});
}

std::vector<TypoCandidate> TypoIndex::Candidates(std::string_view word, std::size_t limit) const {
  const std::u32string query = Decode(word);
  const int allowed = AllowedTypos(query.size());
  std::vector<TypoCandidate> found;
  if (allowed == 0) return found;
  std::unordered_set<std::u32string> deletions;
  Deletions(query, allowed, deletions);
  std::unordered_set<std::uint32_t> seen;
  for (const std::u32string& deletion : deletions) {
    const Entry low{Hash(deletion), 0};
    for (auto it = std::lower_bound(deletions_.begin(), deletions_.end(), low);
         it != deletions_.end() && it->hash == low.hash; ++it) {
      if (!seen.insert(it->word).second || words_[it->word] == word) continue;
      const int distance = Distance(query, Decode(words_[it->word]), allowed);
      if (distance <= allowed) {
        found.push_back({words_[it->word], distance, frequencies_[it->word]});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const TypoCandidate& a, const TypoCandidate& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    return a.word < b.word;
  });
  if (found.size() > limit) found.resize(limit);
  return found;
}

Xapian::doccount TypoIndex::Frequency(std::string_view word) const {
  auto it = std::lower_bound(words_.begin(), words_.end(), word);
  return it != words_.end() && *it == word ? frequencies_[it - words_.begin()] : 0;
}

std::size_t TypoIndex::MemoryBytes() const {
  std::size_t bytes = deletions_.capacity() * sizeof(Entry) +
                      frequencies_.capacity() * sizeof(Xapian::doccount) +
                      words_.capacity() * sizeof(std::string);
  for (const std::string& word : words_) bytes += word.capacity() > 15 ? word.capacity() : 0;
  return bytes;
}

}  // namespace kb
