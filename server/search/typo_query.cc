#include "server/search/typo_query.h"

#include <algorithm>
#include <set>
#include <vector>

namespace kb {
namespace {

bool HasDigit(const std::string& word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool AnyTermStartsWith(const Xapian::Database& db, const std::string& prefix) {
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace

std::size_t Letters(const std::string& word) {
  std::size_t letters = 0;
  for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) ++letters;
  return letters;
}

bool MayBeCorrected(const std::string& word) {
  return !HasDigit(word) && AllowedTypos(Letters(word)) > 0;
}

TypoExpansion ExpandTypos(const Xapian::Database& db, const QueryAnalysis& query,
                          const Language& language, const TypoIndex& typos) {
  TypoExpansion expansion;
  const std::vector<std::string>& words = query.words;
  const bool last_word_partial = query.last_word_partial;
  std::vector<Xapian::Query> corrected;
  std::vector<std::string> rewritten_words;
  bool every_word_unknown_and_corrected = true;
  bool any_meaningful_word = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if ((*language.stopper)(word)) {
      rewritten_words.push_back(word);
      continue;
    }
    any_meaningful_word = true;
    const bool typing = last_word_partial && i + 1 == words.size();
    const Xapian::doccount in_index = db.get_termfreq(word);
    std::vector<TypoCandidate> candidates;
    if (MayBeCorrected(word) && !(typing && AnyTermStartsWith(db, word))) {
      const Xapian::doccount own = typos.Frequency(word);
      for (TypoCandidate& candidate : typos.Candidates(word, kMaxTypoCandidates)) {
        if (in_index == 0 || candidate.frequency >= kRareWordRatio * std::max(own, 1u)) {
          candidates.push_back(std::move(candidate));
        }
      }
    }
    if (candidates.empty() || in_index > 0) every_word_unknown_and_corrected = false;
    if (candidates.empty()) {
      rewritten_words.push_back(word);
      continue;
    }
    std::set<std::string> terms;
    for (const TypoCandidate& candidate : candidates) {
      terms.insert("Z" + language.stemmer(candidate.word));
    }
    corrected.emplace_back(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    rewritten_words.push_back(candidates.front().word);
  }
  if (corrected.empty()) return expansion;
  expansion.query = Xapian::Query(
      Xapian::Query::OP_SCALE_WEIGHT,
      Xapian::Query(Xapian::Query::OP_OR, corrected.begin(), corrected.end()), kTypoWeight);
  if (any_meaningful_word && every_word_unknown_and_corrected) {
    for (const std::string& word : rewritten_words) {
      if (!expansion.rewritten.empty()) expansion.rewritten += ' ';
      expansion.rewritten += word;
    }
  }
  return expansion;
}

}  // namespace kb
