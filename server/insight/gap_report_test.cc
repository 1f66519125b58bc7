#include "server/insight/gap_report.h"

#include <gtest/gtest.h>

#include "server/insight/redaction.h"
#include "server/search/live_index.h"
#include "tests/support/fixture_index.h"

namespace kb {
namespace {

constexpr std::int64_t kNow = 1790000000000;

// The fixture help center, and a log filled directly with the searches each test describes.
class GapReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(index_dir_->path());
    index_ = LiveIndex::Open(index_dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete index_dir_;
  }
  void SetUp() override { log_ = std::move(LogDatabase::Open(dir_ / "log.sqlite")).value(); }

  // Records a search; returns its id.
  std::string Add(const std::string& query, const std::string& session, int results,
                  std::int64_t time_ms = kNow - kDayMs, const std::string& locale = "",
                  bool agent = false, const std::vector<std::string>& shown = {}) {
    StoredSearch s;
    char id[17];
    std::snprintf(id, sizeof id, "%016x", ++next_id_);
    s.id = id;
    s.time_ms = time_ms;
    s.session = session;
    s.query = query;
    s.locale = locale;
    s.language = locale.empty() ? "en" : locale;
    s.agent = agent;
    s.result_count = results;
    s.top_slugs = shown;
    EXPECT_TRUE(log_->InsertSearch(s).ok());
    return s.id;
  }
  void Event(const std::string& search_id, EventType type, const std::string& slug = "x") {
    EXPECT_TRUE(log_->InsertEvent({kNow - kDayMs, search_id, type, slug, "", ""}).ok());
  }

  GapReport Report(GapReportOptions options = {}) {
    if (options.until_ms == 0) {
      options.since_ms = kNow - 7 * kDayMs;
      options.until_ms = kNow;
    }
    const Searcher searcher{ArticleUrls()};
    auto report =
        index_->WithDatabase<GapReport>([&](const Xapian::Database& db, const IndexInfo& info) {
          return BuildGapReport(*log_, db, info, searcher, options);
        });
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : GapReport{};
  }
  const Gap* Find(const GapReport& report, const std::string& typed) {
    for (const Gap& g : report.gaps) {
      for (const std::string& e : g.examples) {
        if (e == typed) return &g;
      }
    }
    return nullptr;
  }

  static testing::TempDir* index_dir_;
  static LiveIndex* index_;
  testing::TempDir dir_;
  std::unique_ptr<LogDatabase> log_;
  int next_id_ = 0;
};
testing::TempDir* GapReportTest::index_dir_ = nullptr;
LiveIndex* GapReportTest::index_ = nullptr;

TEST_F(GapReportTest, QueriesThatMeanTheSameLandInOneGap) {
  Add("cancel my subscription", "s1", 3, kNow - 3 * kDayMs, "", false, {"cancel-subscription"});
  Add("cancelling subscriptions", "s2", 3, kNow - 2 * kDayMs);
  Add("how to cancel subscribtion", "s3", 3, kNow - kDayMs);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  const Gap& gap = report.gaps[0];
  EXPECT_EQ(gap.key, "cancel subscript");
  EXPECT_EQ(gap.searches, 3);
  EXPECT_EQ(gap.sessions, 3);
  EXPECT_EQ(gap.no_click, 3);
  EXPECT_EQ(gap.examples.size(), 3u);
  EXPECT_EQ(gap.first_seen_ms, kNow - 3 * kDayMs);
  EXPECT_EQ(gap.last_seen_ms, kNow - kDayMs);
  // Shown results that nobody opened: said as seen, not as "did not help".
  EXPECT_EQ(gap.diagnosis, Diagnosis::kNotOpened);
  EXPECT_EQ(gap.shown_slugs, std::vector<std::string>{"cancel-subscription"});
  EXPECT_EQ(gap.id.size(), 16u);
}

TEST_F(GapReportTest, SynonymsFromTheIndexShareAKey) {
  // tests/fixtures/articles/_synonyms.yaml makes "payback" and "refund" one group; the table
  // holds stemmed values ("Zrefund"), which the key must not take for a word.
  auto keys = index_->WithDatabase<std::vector<std::string>>(
      [](const Xapian::Database& db, const IndexInfo& info) -> Result<std::vector<std::string>> {
        return std::vector<std::string>{GapKey("payback please", "en", db, *info.typos),
                                        GapKey("refunds please", "en", db, *info.typos)};
      });
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ((*keys)[0], "payback pleas");
  EXPECT_EQ((*keys)[1], "payback pleas");
}

TEST_F(GapReportTest, AMisspellingJoinsItsGapThroughKbsTypoIndex) {
  // "subscribtion" is in no article; the generation's typo index corrects it as search does.
  auto keys = index_->WithDatabase<std::vector<std::string>>(
      [](const Xapian::Database& db, const IndexInfo& info) -> Result<std::vector<std::string>> {
        const auto no_typos = TypoIndex::FromWords({});
        return std::vector<std::string>{GapKey("subscribtion", "en", db, *info.typos),
                                        GapKey("subscription", "en", db, *info.typos),
                                        GapKey("subscribtion", "en", db, *no_typos)};
      });
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ((*keys)[0], "subscript");
  EXPECT_EQ((*keys)[1], "subscript");
  // Nothing but the typo index corrects it.
  EXPECT_NE((*keys)[2], "subscript");

  Add("subscribtion", "s1", 0);
  Add("subscription", "s2", 0);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].key, "subscript");
  EXPECT_EQ(report.gaps[0].sessions, 2);
  EXPECT_EQ(report.gaps[0].examples.size(), 2u);
}

TEST_F(GapReportTest, OnlyWordsTheIndexDoesNotKnowAreCorrected) {
  // In this typo index "webhocks" is far more frequent than the indexed "webhooks". Search would
  // try it for "webhooks" too; a key must not move with the frequencies of near spellings.
  const auto typos = TypoIndex::FromWords({{"webhocks", 1000000}});
  auto keys = index_->WithDatabase<std::vector<std::string>>(
      [&](const Xapian::Database& db, const IndexInfo&) -> Result<std::vector<std::string>> {
        return std::vector<std::string>{GapKey("webhooks", "en", db, *typos),
                                        GapKey("webhoxks", "en", db, *typos)};
      });
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ((*keys)[0], "webhook");
  EXPECT_EQ((*keys)[1], "webhock");  // an unknown word takes the typo index's correction
}

TEST(GapRulesTest, MostlyFoundNothingIsAtLeastHalf) {
  Gap gap;
  gap.searches = 4;
  gap.no_results = 2;
  EXPECT_TRUE(MostlyFoundNothing(gap));
  gap.no_results = 1;
  EXPECT_FALSE(MostlyFoundNothing(gap));
  gap.searches = 3;
  gap.no_results = 2;
  EXPECT_TRUE(MostlyFoundNothing(gap));
}

TEST(GapRulesTest, WithoutPlaceholdersDropsEveryPlaceholder) {
  std::string redacted = "refund";
  for (std::string_view placeholder : kPlaceholders) redacted += " " + std::string(placeholder);
  EXPECT_EQ(WithoutPlaceholders(redacted).find('<'), std::string::npos) << redacted;
  EXPECT_EQ(WithoutPlaceholders("order <number> for <email>"), "order   for  ");
}

TEST_F(GapReportTest, OnePersonsQueryIsNeverShown) {
  Add("my secret project name", "s1", 0);
  Add("my secret project name", "s1", 0);
  EXPECT_TRUE(Report().gaps.empty());
  GapReportOptions one;
  one.since_ms = kNow - 7 * kDayMs;
  one.until_ms = kNow;
  one.min_sessions = 1;
  EXPECT_EQ(Report(one).gaps.size(), 1u);
}

TEST_F(GapReportTest, EachKindOfMissIsCounted) {
  const std::string clicked = Add("webhook retries", "s1", 2);
  Event(clicked, EventType::kClick, "webhooks");  // found and clicked: not a miss
  Add("webhook retries", "s2", 0);
  Add("webhook retries", "s3", 2);  // no click
  const std::string unhelpful = Add("webhook retries", "s4", 2);
  Event(unhelpful, EventType::kClick, "webhooks");
  Event(unhelpful, EventType::kNotHelpful, "webhooks");
  const std::string contact = Add("webhook retries", "s5", 2);
  Event(contact, EventType::kContact);
  const GapReport report = Report();
  EXPECT_EQ(report.searches, 5);
  EXPECT_EQ(report.missed_searches, 4);
  ASSERT_EQ(report.gaps.size(), 1u);
  const Gap& gap = report.gaps[0];
  EXPECT_EQ(gap.searches, 4);
  EXPECT_EQ(gap.no_results, 1);
  EXPECT_EQ(gap.no_click, 2);
  EXPECT_EQ(gap.not_helpful, 1);
  EXPECT_EQ(gap.contact, 1);
  // A session that found nothing weighs 1, one with unopened results ½, "not helpful" 2 and a
  // contact 3.
  EXPECT_EQ(gap.impact, 1 + 0.5 + 2 + 3);
  EXPECT_EQ(gap.diagnosis, Diagnosis::kNotHelpfulResults);
}

TEST_F(GapReportTest, RankedByImpactWithContactsWeighingMore) {
  for (const char* s : {"a", "b", "c"}) Add("xylophone", s, 0);
  for (const char* s : {"d", "e"}) Event(Add("zither", s, 0), EventType::kContact);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 2u);
  EXPECT_EQ(report.gaps[0].representative, "zither");  // 2 sessions × 3 beat 3 sessions × 1
  EXPECT_EQ(report.gaps[1].representative, "xylophone");
}

TEST_F(GapReportTest, DiagnosesWhyItFailed) {
  for (const char* s : {"a", "b"}) Add("xylophone lessons", s, 0);
  for (const char* s : {"c", "d"}) Add("backoffice console", s, 0);
  for (const char* s : {"e", "f"}) Add("rechnungen", s, 0, kNow - kDayMs, "en");
  for (const char* s : {"g", "h"}) Add("webhxxxks", s, 0);
  for (const char* s : {"i", "j"}) Add("refund", s, 0);  // found nothing then; found now
  const GapReport report = Report();
  auto diagnosis = [&](const std::string& typed) -> std::string {
    const Gap* gap = Find(report, typed);
    return gap ? std::string(ToString(gap->diagnosis)) : "(no gap)";
  };
  EXPECT_EQ(diagnosis("xylophone lessons"), "no_article");
  EXPECT_EQ(diagnosis("backoffice console"), "internal_only");
  EXPECT_EQ(diagnosis("rechnungen"), "filtered");
  EXPECT_EQ(diagnosis("webhxxxks"), "typo");
  EXPECT_EQ(diagnosis("refund"), "answered_now");
  EXPECT_EQ(Find(report, "backoffice console")->diagnosis_text,
            "the words exist only in internal articles");
}

TEST_F(GapReportTest, TrendComparesWithThePreviousPeriod) {
  for (const char* s : {"a", "b", "c"}) Add("xylophone", s, 0, kNow - kDayMs);
  Add("xylophone", "d", 0, kNow - 10 * kDayMs);  // the week before
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].searches, 3);
  EXPECT_EQ(report.gaps[0].previous_searches, 1);
}

TEST_F(GapReportTest, AudienceSeparatesCustomersFromAgents) {
  for (const char* s : {"a", "b"}) Add("xylophone", s, 0, kNow - kDayMs, "", /*agent=*/true);
  for (const char* s : {"c", "d"}) Add("zither", s, 0);
  GapReportOptions customers;
  customers.since_ms = kNow - 7 * kDayMs;
  customers.until_ms = kNow;
  customers.audience = Audience::kCustomer;
  const GapReport report = Report(customers);
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].representative, "zither");
  EXPECT_EQ(Report().gaps.size(), 2u);
  EXPECT_EQ(Find(Report(), "xylophone")->agent_searches, 2);
}

TEST_F(GapReportTest, SupersededKeystrokesDoNotCount) {
  const std::string partial = Add("xylo", "a", 0);
  ASSERT_TRUE(log_->MarkSuperseded(partial).ok());
  Add("xylo", "b", 0);
  GapReportOptions one;
  one.since_ms = kNow - 7 * kDayMs;
  one.until_ms = kNow;
  one.min_sessions = 1;
  const GapReport report = Report(one);
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].searches, 1);
}

TEST_F(GapReportTest, ManyWordingsOfOneNeedAreOneGap) {
  Add("export notes to pdf", "s1", 0);
  Add("export notes to pdf", "s2", 0);
  Add("pdf export", "s3", 0);
  Add("how to export a page as PDF", "s4", 0);
  Add("export a notebook to pdf", "s5", 0);
  Add("dark mode", "s6", 0);
  Add("enable dark mode", "s7", 0);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 2u);
  const Gap* pdf = Find(report, "pdf export");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->searches, 5);
  EXPECT_EQ(pdf->sessions, 5);
  EXPECT_EQ(pdf->representative, "export notes to pdf");
  ASSERT_EQ(pdf->queries.size(), 4u);
  EXPECT_EQ(pdf->queries[0].text, "export notes to pdf");
  EXPECT_EQ(pdf->queries[0].searches, 2);
  EXPECT_EQ(Find(report, "enable dark mode"), Find(report, "dark mode"));
}

TEST_F(GapReportTest, NeedsThatShareOnlyACommonWordAreNotMerged) {
  for (const char* s : {"a", "b"}) Add("delete my account", s, 0);
  for (const char* s : {"c", "d"}) Add("delete a notebook", s, 0);
  for (const char* s : {"e", "f"}) Add("export to csv", s, 0);
  for (const char* s : {"g", "h"}) Add("export to pdf", s, 0);
  EXPECT_EQ(Report().gaps.size(), 4u);
}

TEST_F(GapReportTest, AGapKeepsItsIdAndStatusAsNewWordingsArrive) {
  Add("export notes to pdf", "s1", 0, kNow - 3 * kDayMs);
  Add("export notes to pdf", "s2", 0, kNow - 3 * kDayMs);
  const GapReport first = Report();
  ASSERT_EQ(first.gaps.size(), 1u);
  const std::string id = first.gaps[0].id;
  ASSERT_TRUE(log_->SetGapStatus(id, GapState::kPlanned, "Ana writes it", kNow).ok());
  // New wordings, and a newer one that is now the most frequent.
  for (const char* s : {"s3", "s4", "s5"}) Add("pdf export", s, 0, kNow - kDayMs);
  Add("how to export a page as pdf", "s6", 0, kNow - kDayMs);
  const GapReport second = Report();
  ASSERT_EQ(second.gaps.size(), 1u);
  EXPECT_EQ(second.gaps[0].id, id);
  EXPECT_EQ(second.gaps[0].status.state, GapState::kPlanned);
  EXPECT_EQ(second.gaps[0].representative, "pdf export");
  EXPECT_EQ(second.gaps[0].queries.size(), 3u);
  // And in a report of the last day only, which no longer holds the first wording.
  GapReportOptions day;
  day.since_ms = kNow - 2 * kDayMs;
  day.until_ms = kNow;
  const GapReport recent = Report(day);
  ASSERT_EQ(recent.gaps.size(), 1u);
  EXPECT_EQ(recent.gaps[0].id, id);
}

TEST_F(GapReportTest, ResultsNobodyOpenedRankBelowFindingNothing) {
  for (const char* s : {"a", "b", "c"})
    Add("xylophone tuning", s, 2, kNow - kDayMs, "", false, {"refunds"});
  for (const char* s : {"d", "e"}) Add("zither strings", s, 0);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 2u);
  EXPECT_EQ(report.gaps[0].representative, "zither strings");  // 2 × 1 beats 3 × ½
  EXPECT_EQ(report.gaps[1].diagnosis, Diagnosis::kNoArticle);  // "xylophone" is in no article
  EXPECT_NE(report.gaps[1].diagnosis_text.find("'xylophone'"), std::string::npos)
      << report.gaps[1].diagnosis_text;
}

TEST_F(GapReportTest, AnAnsweredGapIsWatchedUntilItIsMissedAgain) {
  for (const char* s : {"a", "b"}) Add("xylophone", s, 0, kNow - 3 * kDayMs);
  const std::string id = Report().gaps.at(0).id;
  ASSERT_TRUE(log_->SetGapAnswered(id, "refunds", "g2", kNow - 2 * kDayMs).ok());
  GapReport report = Report();
  EXPECT_TRUE(report.gaps.empty());
  ASSERT_EQ(report.watching.size(), 1u);
  EXPECT_EQ(report.watching[0].id, id);
  EXPECT_TRUE(report.watching[0].watching);
  // Two more sessions miss after the answer: it did not help, and the gap is open again.
  for (const char* s : {"c", "d"}) Add("xylophone", s, 0, kNow - kDayMs);
  report = Report();
  EXPECT_TRUE(report.watching.empty());
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].misses_since_answer, 2);
  EXPECT_EQ(report.gaps[0].status.answered_by, "refunds");
}

TEST_F(GapReportTest, ADismissedGapLeavesTheList) {
  for (const char* s : {"a", "b"}) Add("xylophone", s, 0);
  for (const char* s : {"c", "d"}) Add("zither", s, 0);
  const std::string id = Find(Report(), "xylophone")->id;
  ASSERT_TRUE(log_->SetGapStatus(id, GapState::kDismissed, "", kNow).ok());
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].representative, "zither");
  EXPECT_EQ(report.dismissed, 1);
}

TEST_F(GapReportTest, WhatReadersWroteIsShownWithTheGap) {
  for (const char* s : {"a", "b"}) {
    const std::string id = Add("webhook retries", s, 2);
    Event(id, EventType::kClick, "webhooks");
    ASSERT_TRUE(log_->InsertEvent({kNow - kDayMs + 5, id, EventType::kNotHelpful, "webhooks", s,
                                   std::string("no word on retries from ") + s})
                    .ok());
  }
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].reasons,
            (std::vector<std::string>{"no word on retries from b", "no word on retries from a"}));
}

TEST_F(GapReportTest, AStopwordOfAnotherLanguageIsNoMatchThere) {
  // "my" is no English content word; in another language's analysis it is an ordinary word,
  // which some article there may hold. Nothing about teleporting hamsters is filtered out.
  for (const char* s : {"a", "b"}) Add("teleport my hamster", s, 0);
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].diagnosis, Diagnosis::kNoArticle) << report.gaps[0].diagnosis_text;
}

TEST_F(GapReportTest, ReformulationsThatFoundAnArticleSuggestSynonyms) {
  for (const char* s : {"a", "b", "c"}) {
    Add("pw reset", s, 0, kNow - kDayMs);
    Event(Add("reset password", s, 3, kNow - kDayMs + 20000), EventType::kClick, "reset-password");
  }
  const GapReport report = Report();
  ASSERT_EQ(report.synonym_suggestions.size(), 1u);
  const SynonymSuggestion& suggestion = report.synonym_suggestions[0];
  EXPECT_EQ(suggestion.line, "pw: [password]");
  EXPECT_EQ(suggestion.sessions, 3);
  ASSERT_EQ(suggestion.examples.size(), 1u);
  EXPECT_EQ(suggestion.examples[0],
            std::make_pair(std::string("pw reset"), std::string("reset password")));
  // A miss made good by the next search weighs least.
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].recovered, 3);
  // Once dismissed, it is not suggested again.
  ASSERT_TRUE(log_->DismissSynonym("pw: [password]", kNow).ok());
  EXPECT_TRUE(Report().synonym_suggestions.empty());
}

TEST_F(GapReportTest, ReformulatedWordingsJoinOneGap) {
  // "acct" is in no article and no synonym; two sessions typed it and then "account locked".
  for (const char* s : {"a", "b"}) {
    Add("acct locked", s, 0, kNow - kDayMs);
    Add("account locked out", s, 0, kNow - kDayMs + 30000);
  }
  const GapReport report = Report();
  ASSERT_EQ(report.gaps.size(), 1u) << report.gaps[0].representative;
  EXPECT_EQ(report.gaps[0].queries.size(), 2u);
}

TEST_F(GapReportTest, ListsTheHighestImpactGapsUpToTheLimit) {
  for (const char* s : {"a", "b", "c"}) Add("xylophone", s, 0);
  for (const char* s : {"d", "e"}) Add("zither", s, 0);
  for (const char* s : {"f", "g"}) Add("theremin", s, 2);
  GapReportOptions two;
  two.since_ms = kNow - 7 * kDayMs;
  two.until_ms = kNow;
  two.limit = 2;
  const GapReport report = Report(two);
  EXPECT_EQ(report.total_gaps, 3);
  ASSERT_EQ(report.gaps.size(), 2u);
  EXPECT_EQ(report.gaps[0].representative, "xylophone");
  EXPECT_EQ(report.gaps[1].representative, "zither");
  EXPECT_FALSE(report.gaps[1].diagnosis_text.empty());
}

TEST_F(GapReportTest, CsvQuotesAndDefusesFormulas) {
  for (const char* s : {"a", "b"}) Add("=HYPERLINK(\"x\")", s, 0);
  const std::string csv = GapReportCsv(Report());
  EXPECT_EQ(csv.rfind("id,representative,searches,sessions,", 0), 0u);
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos) << csv;
}

}  // namespace
}  // namespace kb
