#include "server/insight/need_similarity.h"

#include <algorithm>
#include <cmath>

namespace kb {

StemWeights::StemWeights(const Xapian::Database& index)
    : index_(index),
      documents_(std::max<double>(1, index.get_doccount())),
      max_weight_(std::log((documents_ + 1) / 0.5)) {}

double StemWeights::Weight(const std::string& stem) {
  auto it = cache_.find(stem);
  if (it == cache_.end()) {
    // Stemmed terms carry "Z" (Xapian's TermGenerator); a word kept as typed has none.
    double frequency = index_.get_termfreq("Z" + stem);
    if (frequency == 0) frequency = index_.get_termfreq(stem);
    const double weight = frequency == 0 ? max_weight_ : std::log((documents_ + 1) / frequency);
    it = cache_.emplace(stem, std::make_pair(weight, frequency / documents_)).first;
  }
  return it->second.first;
}

bool StemWeights::Common(const std::string& stem, double common_share) {
  Weight(stem);
  return cache_.at(stem).second > common_share;
}

NeedTerms StemWeights::TermsOfKey(const std::string& key) {
  NeedTerms terms;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) {
      std::string stem = key.substr(start, end - start);
      const double weight = Weight(stem);
      terms.stems.emplace_back(std::move(stem), weight);
      terms.total += weight;
    }
    start = end + 1;
  }
  std::sort(terms.stems.begin(), terms.stems.end());
  return terms;
}

double SharedWordSimilarity(const NeedTerms& a, const NeedTerms& b, StemWeights& weights,
                            const NeedSimilarityParams& params) {
  if (a.total <= 0 || b.total <= 0) return 0;
  double shared = 0;
  int shared_stems = 0;
  std::string only;
  auto i = a.stems.begin();
  auto j = b.stems.begin();
  while (i != a.stems.end() && j != b.stems.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      shared += i->second;
      ++shared_stems;
      only = i->first;
      ++i, ++j;
    }
  }
  if (shared_stems == 0) return 0;
  // "delete account" and "delete notebook", "change email" and "change password", "export pdf"
  // and "export csv": one word in common is one need only when it is all that one of them says,
  // and not a common word ("pdf" and "export pdf"; not "account" and "delete account").
  if (shared_stems == 1 &&
      (weights.Common(only, params.common_share) || std::min(a.stems.size(), b.stems.size()) > 1)) {
    return 0;
  }
  const double dice = 2 * shared / (a.total + b.total);
  // All of one in the other ("dark mode" in "enable dark mode", "pdf" in "export notes to pdf"):
  // the longer one is the same need, said more precisely.
  const bool contained = shared_stems == static_cast<int>(std::min(a.stems.size(), b.stems.size()));
  return contained ? std::max(dice, params.containment) : dice;
}

double ShownSimilarity(const std::map<std::string, int>& a, const std::map<std::string, int>& b) {
  if (a.empty() || b.empty()) return 0;
  double dot = 0;
  double norm_a = 0;
  double norm_b = 0;
  for (const auto& [slug, count] : a) {
    norm_a += double(count) * count;
    if (auto it = b.find(slug); it != b.end()) dot += double(count) * it->second;
  }
  for (const auto& [slug, count] : b) norm_b += double(count) * count;
  return dot / std::sqrt(norm_a * norm_b);
}

double NeedSimilarity(const NeedTerms& a, const NeedTerms& b, StemWeights& weights,
                      const std::map<std::string, int>& shown_a,
                      const std::map<std::string, int>& shown_b, int reformulations,
                      const NeedSimilarityParams& params) {
  const double words = SharedWordSimilarity(a, b, weights, params);
  double score = words;
  if (words > 0) score += params.shown_weight * ShownSimilarity(shown_a, shown_b);
  score += params.reformulation_weight * std::min(reformulations, 2) / 2.0;
  return score;
}

}  // namespace kb
