// The figures of the relevance test, computed from one query's ranked results and its graded
// judgments, and summed over a set of queries. Kept apart from the test that searches so that the
// formulas have a test of their own on hand-computed cases.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kb::relevance {

// slug -> 2 (the answer) or 1 (useful). Articles not named are not relevant. Empty for a query
// the help center has no answer to.
using Grades = std::map<std::string, int>;

// Slugs as the search returned them, best first.
using Ranking = std::vector<std::string>;

// Normalized discounted cumulative gain over the first `k` results: gain 2^grade - 1, discounted
// by log2(rank + 1), divided by the same sum over the ideal ranking of every judged article (so a
// judged article the search never returned still counts against it). 0 when nothing is judged.
double NdcgAt(const Ranking& ranked, const Grades& grades, std::size_t k = 10);

// The share of the judged-relevant articles (grade >= 1) that appear in the first `k` results.
// Divided by the number judged, not by min(k, judged): with at most four judgments per query in
// our set the two agree, and this one cannot hide a missing useful article. 0 when nothing is
// judged.
double RecallAt(const Ranking& ranked, const Grades& grades, std::size_t k = 5);

// 1 / rank of the first grade-2 article within the first `k` results; 0 when none is there.
double ReciprocalRankAt(const Ranking& ranked, const Grades& grades, std::size_t k = 10);

// 1-based rank of the first grade-2 article in `ranked`; 0 when it is not there at all.
std::size_t AnswerRank(const Ranking& ranked, const Grades& grades);

// Figures summed over a set of queries. Queries with no judgments (those that should find
// nothing) are counted apart: they have no nDCG, recall or MRR, only whether they found nothing.
class Figures {
 public:
  void Add(const Ranking& ranked, const Grades& grades);

  int answerable() const { return answerable_; }
  int unanswerable() const { return unanswerable_; }

  // Means over the answerable queries (0 when there are none).
  double Ndcg() const { return Mean(ndcg_); }
  double RecallAt5() const { return Mean(recall_); }
  double Mrr() const { return Mean(reciprocal_rank_); }
  // Share of the answerable queries that found nothing: lower is better.
  double ZeroResultRate() const { return Mean(answerable_empty_); }
  // Share of the unanswerable queries that rightly found nothing: higher is better.
  double CorrectlyEmptyRate() const {
    return unanswerable_ ? static_cast<double>(unanswerable_empty_) / unanswerable_ : 0;
  }

 private:
  double Mean(double sum) const { return answerable_ ? sum / answerable_ : 0; }

  int answerable_ = 0;
  int unanswerable_ = 0;
  int unanswerable_empty_ = 0;
  double answerable_empty_ = 0;
  double ndcg_ = 0;
  double recall_ = 0;
  double reciprocal_rank_ = 0;
};

}  // namespace kb::relevance
