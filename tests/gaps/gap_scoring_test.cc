// The gap-report evaluation's scoring on hand-computed cases.
#include "tests/gaps/gap_scoring.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kb::gaps_eval {
namespace {

using nlohmann::json;

const char* const kNeeds =
    "# a comment\n"
    "need\thalf\tanswers\twording\n"
    "export-pdf\theld\t-\texport to pdf\n"
    "export-pdf\theld\t-\tPDF  export\n"
    "invoices\theld\tdownload-invoices-and-receipts\tinvoice pdf\n"
    "invoices\theld\tdownload-invoices-and-receipts\tdownload invoice\n"
    "dark-mode\theld\t-\tdark mode\n"
    "# 'save as pdf' is typed for both needs below\n"
    "save-pdf\theld\t-\tsave as pdf\n"
    "save-invoice\theld\tdownload-invoices-and-receipts\tsave as pdf\n"
    "refund\ttune\trefund-policy\trefund\n";

std::vector<Need> Needs() {
  std::istringstream in(kNeeds);
  std::string error;
  auto needs = ParseNeeds(in, error);
  EXPECT_TRUE(needs) << error;
  return needs ? *needs : std::vector<Need>{};
}

std::vector<const Need*> Half(const std::vector<Need>& needs, const std::string& half) {
  std::vector<const Need*> out;
  for (const Need& n : needs) {
    if (n.half == half) out.push_back(&n);
  }
  return out;
}

TEST(GapScoringTest, ParsesTheLabelledSet) {
  const std::vector<Need> needs = Needs();
  ASSERT_EQ(needs.size(), 6u);
  EXPECT_EQ(needs[0].id, "export-pdf");
  EXPECT_TRUE(needs[0].hole());
  EXPECT_EQ(needs[0].wordings, (std::vector<std::string>{"export to pdf", "PDF  export"}));
  EXPECT_EQ(needs[1].answers, (std::vector<std::string>{"download-invoices-and-receipts"}));
  EXPECT_EQ(needs[5].half, "tune");
}

TEST(GapScoringTest, SaysWhereTheLabelledSetIsWrong) {
  auto error_of = [](const std::string& text) {
    std::istringstream in(text);
    std::string error;
    EXPECT_FALSE(ParseNeeds(in, error)) << text;
    return error;
  };
  EXPECT_EQ(error_of("a\tb\tc\td\n"), "1: expected the header line: need, half, answers, wording");
  EXPECT_EQ(error_of("need\thalf\tanswers\twording\nx\tsome\t-\tq\n"),
            "2: half must be 'tune' or 'held'");
  EXPECT_EQ(error_of("need\thalf\tanswers\twording\nx\theld\t-\tq\n\nx\ttune\t-\tr\n"),
            "4: need 'x' has another half or other answers on an earlier line");
  EXPECT_EQ(error_of("need\thalf\tanswers\twording\nx\theld\t-\n"),
            "2: expected 4 tab-separated cells: need, half, answers, wording");
  EXPECT_EQ(error_of("need\thalf\tanswers\twording\n"), "1: no needs");
}

TEST(GapScoringTest, TheShippedLabelledSetParses) {
  std::ifstream in(std::string(KB_SOURCE_DIR) + "/tests/gaps/needs.tsv");
  std::string error;
  auto needs = ParseNeeds(in, error);
  ASSERT_TRUE(needs) << error;
  std::map<std::pair<std::string, bool>, int> halves;  // (half, hole) -> needs
  for (const Need& n : *needs) {
    ++halves[{n.half, n.hole()}];
    EXPECT_GE(n.wordings.size(), 8u) << n.id;
    EXPECT_LE(n.wordings.size(), 10u) << n.id;
  }
  EXPECT_GE(needs->size(), 44u);
  const int tune_holes = halves[{"tune", true}], held_holes = halves[{"held", true}];
  const int tune_answered = halves[{"tune", false}], held_answered = halves[{"held", false}];
  EXPECT_EQ(tune_holes, held_holes);
  EXPECT_EQ(tune_answered, held_answered);
  EXPECT_GT(held_holes, 0);
  EXPECT_GT(held_answered, 0);
}

TEST(GapScoringTest, Simplifies) {
  EXPECT_EQ(Simplified("  Export\tto  PDF "), "export to pdf");
  EXPECT_EQ(Simplified(""), "");
}

PlayedSearch Played(const std::string& session, const std::string& text, int total = 5) {
  PlayedSearch s;
  s.session = session;
  s.text = text;
  s.total = total;
  return s;
}

TEST(GapScoringTest, CountsAsTheServerDoes) {
  std::vector<PlayedSearch> searches = {
      Played("a", "ex"),       // superseded by "export "
      Played("a", "export "),  // superseded by "export to pdf"
      Played("b", "dark"),     // another session: counted, missed
      Played("a", "export to pdf"),
      Played("a", "pdf export"),  // does not extend: both count
      Played("c", "inv"),         // clicked: an event refers to it, so it counts
      Played("c", "invoice pdf"),
      Played("d", "refund", 0),  // found nothing
  };
  searches[5].clicked = true;
  searches[6].clicked = true;
  CountAsTheServerDoes(searches);
  std::vector<bool> counted, missed;
  for (const PlayedSearch& s : searches) counted.push_back(s.counted), missed.push_back(s.missed);
  EXPECT_EQ(counted, (std::vector<bool>{false, false, true, true, true, true, true, true}));
  EXPECT_EQ(missed, (std::vector<bool>{false, false, true, true, true, false, false, true}));

  std::vector<PlayedSearch> voted = {Played("e", "dark"), Played("e", "dark mode")};
  voted[1].clicked = voted[1].not_helpful = true;
  voted[0].contacted = true;
  CountAsTheServerDoes(voted);
  EXPECT_TRUE(voted[0].counted && voted[0].missed);  // the contact keeps it
  EXPECT_TRUE(voted[1].missed);                      // clicked, but not helpful
}

json Gap(const std::string& representative, double impact,
         const std::vector<std::pair<std::string, int>>& queries) {
  json list = json::array();
  int searches = 0;
  for (const auto& [text, n] : queries) {
    list.push_back({{"text", text}, {"searches", n}});
    searches += n;
  }
  return {{"representative", representative},
          {"diagnosis", {{"code", "no_article"}, {"text", "no article uses these words"}}},
          {"impact", impact},
          {"searches", searches},
          {"examples", json::array()},
          {"queries", list}};
}

TEST(GapScoringTest, ScoresGapsByTheirQueries) {
  const std::vector<Need> needs = Needs();
  const Scorer scorer(Half(needs, "held"));
  const json report = {{"gaps",
                        {Gap("export to pdf", 9, {{"Export to PDF", 3}, {"invoice pdf", 1}}),
                         Gap("pdf export", 5, {{"pdf   export", 2}}),
                         Gap("download invoice", 4, {{"download invoice", 2}, {"banana", 1}})}}};
  bool fell_back = true;
  const std::vector<ScoredGap> gaps = KbGaps(report, scorer, {}, fell_back);
  EXPECT_FALSE(fell_back);
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0].main, "export-pdf");
  EXPECT_EQ(gaps[0].main_searches, 3);
  EXPECT_EQ(gaps[0].diagnosis, "no_article");
  EXPECT_EQ(gaps[0].by_need, (std::map<std::string, int>{{"export-pdf", 3}, {"invoices", 1}}));
  EXPECT_EQ(gaps[2].main, "invoices");
  EXPECT_EQ(gaps[2].seen, 3);
  EXPECT_EQ(gaps[2].matched, 2);  // "banana" is nobody's wording

  const Figures f = scorer.Score(gaps);
  EXPECT_EQ(f.gaps, 3u);
  EXPECT_DOUBLE_EQ(f.purity, (3.0 + 2 + 2) / (4 + 2 + 3));
  EXPECT_DOUBLE_EQ(f.gaps_per_need, (2.0 + 1) / 2);  // export-pdf twice, invoices once
  EXPECT_DOUBLE_EQ(f.holes_top20, 2.0 / 3);
  EXPECT_DOUBLE_EQ(f.holes_found, 1.0 / 3);  // export-pdf of export-pdf, dark-mode, save-pdf
  EXPECT_DOUBLE_EQ(f.unseen, 0);
}

TEST(GapScoringTest, ATextOfTwoNeedsCountsForBothAndTheFirstListedWinsATie) {
  const std::vector<Need> needs = Needs();
  const Scorer scorer(Half(needs, "held"));
  const json report = {{"gaps", {Gap("save as pdf", 4, {{"save as pdf", 4}})}}};
  bool fell_back = false;
  const std::vector<ScoredGap> gaps = KbGaps(report, scorer, {}, fell_back);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].by_need, (std::map<std::string, int>{{"save-invoice", 4}, {"save-pdf", 4}}));
  EXPECT_EQ(gaps[0].main, "save-pdf");
  EXPECT_DOUBLE_EQ(scorer.Score(gaps).purity, 1.0);
}

TEST(GapScoringTest, WithoutQueriesFallsBackToExamplesWeighedByTheSimulation) {
  const std::vector<Need> needs = Needs();
  const Scorer scorer(Half(needs, "held"));
  const json report = {{"gaps",
                        {{{"representative", "export to pdf"},
                          {"impact", 7},
                          {"searches", 6},
                          {"examples", {"export to pdf", "Invoice PDF"}}}}}};
  bool fell_back = false;
  const std::vector<ScoredGap> gaps =
      KbGaps(report, scorer, {{"export to pdf", 3}, {"invoice pdf", 2}}, fell_back);
  EXPECT_TRUE(fell_back);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].seen, 5);
  const Figures f = scorer.Score(gaps);
  EXPECT_DOUBLE_EQ(f.purity, 3.0 / 5);
  EXPECT_DOUBLE_EQ(f.unseen, 1.0 / 6);  // one of the report's 6 searches is in no example
}

TEST(GapScoringTest, GroupsByExactTextAndRanksByImpact) {
  const std::vector<Need> needs = Needs();
  const Scorer scorer(Half(needs, "held"));
  std::vector<PlayedSearch> searches = {
      Played("a", "dark mode"),     Played("b", "Dark  mode"),  Played("c", "export to pdf"),
      Played("d", "export to pdf"), Played("e", "invoice pdf"), Played("f", "pdf export"),
      Played("f", "export to pdf"), Played("g", "pdf export"),
  };
  searches[2].contacted = true;    // c: weighs 3
  searches[3].clicked = true;      // d: clicked and helped, not a miss
  searches[5].not_helpful = true;  // f: weighs 2 in "pdf export"
  searches[5].clicked = true;
  CountAsTheServerDoes(searches);
  const std::vector<ScoredGap> gaps = ExactTextGaps(searches, scorer, 2);
  // "dark mode": a, b -> 2. "export to pdf": c (3), f (1) -> 4. "pdf export": f (2), g -> 3.
  // "invoice pdf": one session, below the floor.
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0].label, "export to pdf");
  EXPECT_DOUBLE_EQ(gaps[0].impact, 4);
  EXPECT_EQ(gaps[1].label, "pdf export");
  EXPECT_DOUBLE_EQ(gaps[1].impact, 3);
  EXPECT_EQ(gaps[2].label, "dark mode");
  EXPECT_EQ(gaps[2].searches, 2);
  const Figures f = scorer.Score(gaps);
  EXPECT_DOUBLE_EQ(f.purity, 1.0);
  EXPECT_DOUBLE_EQ(f.gaps_per_need, 1.5);  // export-pdf twice, dark-mode once
  EXPECT_DOUBLE_EQ(f.holes_top20, 1.0);
  EXPECT_DOUBLE_EQ(f.holes_found, 2.0 / 3);
}

TEST(GapScoringTest, ParsesFloors) {
  auto floor = ParseFloor("purity=0.9,gaps_per_need=1.5,holes_top20=0.8,holes_found=0.75");
  ASSERT_TRUE(floor);
  EXPECT_DOUBLE_EQ(*floor->purity, 0.9);
  EXPECT_DOUBLE_EQ(*floor->gaps_per_need, 1.5);
  EXPECT_DOUBLE_EQ(*floor->holes_top20, 0.8);
  EXPECT_DOUBLE_EQ(*floor->holes_found, 0.75);
  auto one = ParseFloor("holes_found=1");
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->purity);
  EXPECT_FALSE(ParseFloor("purity"));
  EXPECT_FALSE(ParseFloor("purity=high"));
  EXPECT_FALSE(ParseFloor("purity=0.9x"));
  EXPECT_FALSE(ParseFloor("recall=0.9"));
  EXPECT_FALSE(ParseFloor(""));
}

}  // namespace
}  // namespace kb::gaps_eval
