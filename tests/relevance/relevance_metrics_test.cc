// The relevance formulas on small cases worked out by hand, so that a figure the relevance test
// prints can be trusted before it is compared with a floor.
#include "tests/relevance/relevance_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kb::relevance {
namespace {

constexpr double kEps = 1e-9;

TEST(NdcgTest, AnswerFirstIsPerfect) {
  EXPECT_NEAR(NdcgAt({"a", "x", "y"}, {{"a", 2}}), 1.0, kEps);
}

TEST(NdcgTest, AnswerSecondIsDiscountedByLog2Of3) {
  // DCG = (2^2 - 1) / log2(3); ideal DCG = 3 / log2(2) = 3.
  EXPECT_NEAR(NdcgAt({"x", "a"}, {{"a", 2}}), 1 / std::log2(3.0), kEps);  // 0.6309
}

TEST(NdcgTest, GradesWeighAsTwoToTheGradeMinusOne) {
  // Useful article first, answer second: DCG = 1/1 + 3/log2(3) = 2.8928;
  // ideal (answer, then useful) = 3/1 + 1/log2(3) = 3.6309.
  EXPECT_NEAR(NdcgAt({"b", "a"}, {{"a", 2}, {"b", 1}}), 0.7967075809905066, kEps);
  // Two answers and a useful article, useful one in the middle:
  // DCG = 3 + 1/log2(3) + 3/log2(4) = 5.1309; ideal = 3 + 3/log2(3) + 1/log2(4) = 5.3928.
  EXPECT_NEAR(NdcgAt({"a", "c", "b"}, {{"a", 2}, {"b", 2}, {"c", 1}}), 0.9514426589871553, kEps);
}

TEST(NdcgTest, JudgedArticleNeverReturnedStillCountsInTheIdeal) {
  // DCG = 3; ideal = 3 + 1/log2(3): the missing useful article costs about 17%.
  EXPECT_NEAR(NdcgAt({"a"}, {{"a", 2}, {"b", 1}}), 0.8262346571285599, kEps);
}

TEST(NdcgTest, OnlyTheFirstKResultsCount) {
  Ranking ranked = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a"};
  EXPECT_EQ(NdcgAt(ranked, {{"a", 2}}), 0);
  EXPECT_GT(NdcgAt(ranked, {{"a", 2}}, 11), 0);
}

TEST(NdcgTest, NothingFoundOrNothingJudgedIsZero) {
  EXPECT_EQ(NdcgAt({}, {{"a", 2}}), 0);
  EXPECT_EQ(NdcgAt({"a"}, {}), 0);
}

TEST(RecallTest, ShareOfJudgedArticlesInTheTopFive) {
  const Grades grades = {{"a", 2}, {"b", 1}, {"c", 1}};
  EXPECT_NEAR(RecallAt({"a", "x", "y", "z", "w", "b"}, grades), 1.0 / 3, kEps);  // b is sixth
  EXPECT_NEAR(RecallAt({"c", "x", "a", "b"}, grades), 1.0, kEps);
  EXPECT_EQ(RecallAt({"x", "y"}, grades), 0);
  EXPECT_EQ(RecallAt({"a"}, {}), 0);
}

TEST(ReciprocalRankTest, RankOfTheFirstAnswerNotOfAUsefulArticle) {
  const Grades grades = {{"a", 2}, {"b", 1}};
  EXPECT_NEAR(ReciprocalRankAt({"b", "x", "a"}, grades), 1.0 / 3, kEps);
  EXPECT_EQ(AnswerRank({"b", "x", "a"}, grades), 3u);
  EXPECT_EQ(ReciprocalRankAt({"b", "x"}, grades), 0);
  EXPECT_EQ(AnswerRank({"b", "x"}, grades), 0u);
}

TEST(ReciprocalRankTest, AnswerBelowTheTenthIsZero) {
  Ranking ranked = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a"};
  EXPECT_EQ(ReciprocalRankAt(ranked, {{"a", 2}}), 0);
  EXPECT_EQ(AnswerRank(ranked, {{"a", 2}}), 11u);
}

TEST(FiguresTest, MeansLeaveOutQueriesThatShouldFindNothing) {
  Figures figures;
  figures.Add({"a"}, {{"a", 2}});       // nDCG 1, recall 1, RR 1
  figures.Add({"x", "a"}, {{"a", 2}});  // nDCG 0.6309, recall 1, RR 0.5
  figures.Add({}, {{"a", 2}});          // found nothing: all 0
  figures.Add({"x"}, {});               // should find nothing, found something
  figures.Add({}, {});                  // should find nothing, found nothing

  EXPECT_EQ(figures.answerable(), 3);
  EXPECT_EQ(figures.unanswerable(), 2);
  EXPECT_NEAR(figures.Ndcg(), (1 + 1 / std::log2(3.0)) / 3, kEps);
  EXPECT_NEAR(figures.RecallAt5(), 2.0 / 3, kEps);
  EXPECT_NEAR(figures.Mrr(), 1.5 / 3, kEps);
  EXPECT_NEAR(figures.ZeroResultRate(), 1.0 / 3, kEps);
  EXPECT_NEAR(figures.CorrectlyEmptyRate(), 0.5, kEps);
}

TEST(FiguresTest, EmptySetIsAllZero) {
  const Figures figures;
  EXPECT_EQ(figures.Ndcg(), 0);
  EXPECT_EQ(figures.ZeroResultRate(), 0);
  EXPECT_EQ(figures.CorrectlyEmptyRate(), 0);
}

}  // namespace
}  // namespace kb::relevance
