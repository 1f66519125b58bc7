#include "server/search/typo_index.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

std::vector<std::string> Words(const std::vector<TypoCandidate>& candidates) {
  std::vector<std::string> words;
  for (const auto& c : candidates) words.push_back(c.word);
  return words;
}

TEST(EditDistanceTest, CountsEditsAndTranspositionsInCodePoints) {
  EXPECT_EQ(EditDistance("refund", "refund", 2), 0);
  EXPECT_EQ(EditDistance("refnud", "refund", 2), 1);  // adjacent transposition
  EXPECT_EQ(EditDistance("refud", "refund", 2), 1);
  EXPECT_EQ(EditDistance("rrefund", "refund", 2), 1);
  EXPECT_EQ(EditDistance("rafand", "refund", 2), 2);
  EXPECT_EQ(EditDistance("xyzxyz", "refund", 2), 3);                  // capped at max + 1
  EXPECT_EQ(EditDistance("rückerstattung", "ruckerstattung", 2), 1);  // ü is one letter
}

TEST(AllowedTyposTest, FollowsWordLength) {
  EXPECT_EQ(AllowedTypos(4), 0);
  EXPECT_EQ(AllowedTypos(5), 1);
  EXPECT_EQ(AllowedTypos(8), 1);
  EXPECT_EQ(AllowedTypos(9), 2);
}

TEST(TypoIndexTest, FindsEveryWordWithinTheAllowedDistanceClosestFirst) {
  auto index = TypoIndex::FromWords({{"refund", 10},
                                     {"refunds", 4},
                                     {"rotund", 1},
                                     {"subscription", 30},
                                     {"subscriptions", 5},
                                     {"description", 8},
                                     {"sync", 50}});
  EXPECT_EQ(Words(index->Candidates("refnud", 10)), std::vector<std::string>{"refund"});
  // "refunds" is two edits from "refnd" (a 5-letter word may be corrected by one).
  EXPECT_EQ(Words(index->Candidates("refnd", 10)), std::vector<std::string>{"refund"});
  EXPECT_EQ(Words(index->Candidates("subscirption", 10)),
            (std::vector<std::string>{"subscription", "subscriptions"}));
  EXPECT_EQ(Words(index->Candidates("subscrpton", 10)), std::vector<std::string>{"subscription"});
  // Short words are never corrected, and a word is not its own candidate.
  EXPECT_TRUE(index->Candidates("synk", 10).empty());
  EXPECT_EQ(Words(index->Candidates("refund", 10)), std::vector<std::string>{"refunds"});
  EXPECT_EQ(index->Candidates("subscirption", 1).size(), 1u);
}

TEST(TypoIndexTest, MatchesTheBruteForceAnswerOnEveryNearbyWord) {
  // Every word within two edits of a 9-letter word must be found: compare against a full scan.
  std::vector<std::pair<std::string, Xapian::doccount>> words;
  const std::string base = "workspace";
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::string deleted = base;
    deleted.erase(i, 1);
    words.emplace_back(deleted, 1);
    std::string changed = base;
    changed[i] = 'q';
    words.emplace_back(changed, 1);
    for (std::size_t j = i + 1; j < base.size(); ++j) {
      std::string twice = changed;
      twice[j] = 'z';
      words.emplace_back(twice, 1);
    }
  }
  words.emplace_back("workspaces", 1);
  words.emplace_back("workshop", 1);
  auto index = TypoIndex::FromWords(words);
  std::size_t expected = 0;
  for (const auto& [word, frequency] : words) {
    expected += word != base && EditDistance(base, word, 2) <= 2;
  }
  EXPECT_EQ(index->Candidates(base, 1000).size(), expected);
}

TEST(TypoIndexTest, ReportsFrequencies) {
  auto index = TypoIndex::FromWords({{"refund", 10}, {"invoice", 3}});
  EXPECT_EQ(index->Frequency("refund"), 10u);
  EXPECT_EQ(index->Frequency("refun"), 0u);
  EXPECT_EQ(index->words(), 2u);
}

}  // namespace
}  // namespace kb
