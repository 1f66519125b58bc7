// How alike two wordings are in what they ask for: the signal that groups "export my notes as
// pdf", "pdf export" and "save a notebook to PDF" into one knowledge gap. It combines the words
// they share, weighted by how rare each is in the index; the articles their searches were shown;
// and how often one session typed one right after the other missed.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace kb {

// The words of a wording as the gap report compares them: its GapKey's canonical stems, each
// weighted by its rarity in the index (IDF). A stem that no article uses weighs most: it is what a
// missing article would be about.
struct NeedTerms {
  std::vector<std::pair<std::string, double>> stems;  // sorted by stem
  double total = 0;                                   // the sum of the weights
};

// The knobs of NeedSimilarity, tuned on the tuning half of tests/gaps/needs.tsv
// (scripts/gaps-eval.sh --half tune).
struct NeedSimilarityParams {
  // A stem that more than this share of the index's documents hold is common: sharing only one
  // common stem ("account", "change") never makes two wordings one need. (Sharing one rare stem
  // does only when it is the whole of one wording: "pdf" and "export pdf".)
  double common_share = 0.03;
  // Weighted Dice of the stems, from which two wordings are one need.
  double threshold = 0.5;
  // The similarity of a wording whose stems are all in the other (when Dice says less).
  double containment = 0.75;
  // Added when the searches were shown the same articles (cosine of what they were shown, times
  // this). It counts only for wordings that already share a stem.
  double shown_weight = 0.25;
  // Added for reformulations: sessions that missed with one wording and typed the other next,
  // up to two of them (one is chance, two is a pattern).
  double reformulation_weight = 0.6;
};

// IDF weights of stems in one index, computed on first use and kept.
class StemWeights {
 public:
  explicit StemWeights(const Xapian::Database& index);
  double Weight(const std::string& stem);
  // True when the stem is common in the index (NeedSimilarityParams::common_share).
  bool Common(const std::string& stem, double common_share);
  // The terms of a GapKey ("export note pdf").
  NeedTerms TermsOfKey(const std::string& key);

 private:
  const Xapian::Database& index_;
  double documents_;
  double max_weight_;
  std::map<std::string, std::pair<double, double>> cache_;  // stem -> (weight, share)
};

// The weighted Dice coefficient of the stems of `a` and `b`, in [0, 1]; 0 when all they share is
// one common stem.
double SharedWordSimilarity(const NeedTerms& a, const NeedTerms& b, StemWeights& weights,
                            const NeedSimilarityParams& params);

// The cosine of two distributions of shown articles (slug -> searches), in [0, 1].
double ShownSimilarity(const std::map<std::string, int>& a, const std::map<std::string, int>& b);

// The whole similarity of two wordings: shared words, plus what they were shown when they share a
// word, plus `reformulations` (sessions that went from one to the other after a miss).
double NeedSimilarity(const NeedTerms& a, const NeedTerms& b, StemWeights& weights,
                      const std::map<std::string, int>& shown_a,
                      const std::map<std::string, int>& shown_b, int reformulations,
                      const NeedSimilarityParams& params);

}  // namespace kb
