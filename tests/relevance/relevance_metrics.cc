#include "tests/relevance/relevance_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace kb::relevance {
namespace {

int GradeOf(const Grades& grades, const std::string& slug) {
  const auto it = grades.find(slug);
  return it == grades.end() ? 0 : it->second;
}

double Gain(int grade) { return std::pow(2.0, grade) - 1; }

// Discount of the 0-based position `i`, i.e. log2(rank + 1) with rank = i + 1.
double Discount(std::size_t i) { return std::log2(static_cast<double>(i) + 2); }

}  // namespace

double NdcgAt(const Ranking& ranked, const Grades& grades, std::size_t k) {
  double dcg = 0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
    dcg += Gain(GradeOf(grades, ranked[i])) / Discount(i);
  }
  std::vector<int> ideal;
  for (const auto& [slug, grade] : grades) ideal.push_back(grade);
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  double ideal_dcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < k; ++i) ideal_dcg += Gain(ideal[i]) / Discount(i);
  return ideal_dcg > 0 ? dcg / ideal_dcg : 0;
}

double RecallAt(const Ranking& ranked, const Grades& grades, std::size_t k) {
  int relevant = 0;
  for (const auto& [slug, grade] : grades) relevant += grade >= 1;
  if (relevant == 0) return 0;
  int found = 0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) found += GradeOf(grades, ranked[i]) >= 1;
  return static_cast<double>(found) / relevant;
}

std::size_t AnswerRank(const Ranking& ranked, const Grades& grades) {
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (GradeOf(grades, ranked[i]) == 2) return i + 1;
  }
  return 0;
}

double ReciprocalRankAt(const Ranking& ranked, const Grades& grades, std::size_t k) {
  const std::size_t rank = AnswerRank(ranked, grades);
  return rank > 0 && rank <= k ? 1.0 / static_cast<double>(rank) : 0;
}

void Figures::Add(const Ranking& ranked, const Grades& grades) {
  if (grades.empty()) {
    ++unanswerable_;
    unanswerable_empty_ += ranked.empty();
    return;
  }
  ++answerable_;
  answerable_empty_ += ranked.empty();
  ndcg_ += NdcgAt(ranked, grades);
  recall_ += RecallAt(ranked, grades);
  reciprocal_rank_ += ReciprocalRankAt(ranked, grades);
}

}  // namespace kb::relevance
