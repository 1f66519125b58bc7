#include "server/search/curation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/schema.h"
#include "server/search/curation_rules_index.h"
#include "tests/support/analysed_query.h"
#include "tests/support/fixture_searcher.h"

namespace kb {
namespace {

using testing::FixtureSearcher;

TEST(SplitPageTest, PinsComeFirstAndRankedResultsFollow) {
  PageSplit page = SplitPage(2, 0, 10);
  EXPECT_EQ(page.first_pin, 0u);
  EXPECT_EQ(page.pins, 2u);
  EXPECT_EQ(page.ranked_offset, 0u);
  EXPECT_EQ(page.ranked_limit, 8u);
  page = SplitPage(2, 1, 1);  // the second pin alone
  EXPECT_EQ(page.first_pin, 1u);
  EXPECT_EQ(page.pins, 1u);
  EXPECT_EQ(page.ranked_limit, 0u);
  page = SplitPage(2, 5, 10);  // past the pins: ranked results 3..12
  EXPECT_EQ(page.pins, 0u);
  EXPECT_EQ(page.ranked_offset, 3u);
  EXPECT_EQ(page.ranked_limit, 10u);
  page = SplitPage(0, 5, 10);
  EXPECT_EQ(page.ranked_offset, 5u);
  EXPECT_EQ(page.ranked_limit, 10u);
}

// The fixture's _rules.yaml, loaded by the real indexer, applied by the Searcher.
class CurationSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture_ = new FixtureSearcher(); }
  static void TearDownTestSuite() { delete fixture_; }

  static SearchResult Search(const std::string& q, bool agent = false,
                             SearchFeatures features = {}) {
    SearchRequest request;
    request.query = q;
    request.include_internal = agent;
    return fixture_->Search(request, features);
  }
  static std::vector<bool> Pinned(const SearchResult& r) {
    std::vector<bool> pinned;
    for (const SearchHit& hit : r.hits) pinned.push_back(hit.pinned);
    return pinned;
  }

  static FixtureSearcher* fixture_;
};
FixtureSearcher* CurationSearchTest::fixture_ = nullptr;

TEST_F(CurationSearchTest, PinsGoFirstInTheRulesOrderForEveryFormOfTheQuery) {
  for (const std::string q : {"receipts ", "Receipts", "receipt ", "RECEIPT", "the receipts"}) {
    const SearchResult r = Search(q);
    const auto slugs = FixtureSearcher::Slugs(r);
    ASSERT_GE(slugs.size(), 2u) << q;
    EXPECT_EQ(slugs[0], "refunds") << q;
    EXPECT_EQ(slugs[1], "invoices") << q;
    EXPECT_TRUE(r.hits[0].pinned && r.hits[1].pinned) << q;
    // Shown once: the ranked results after the pins leave them out.
    EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "invoices"), 1) << q;
    for (std::size_t i = 2; i < r.hits.size(); ++i) EXPECT_FALSE(r.hits[i].pinned) << q;
    EXPECT_EQ(r.total, slugs.size()) << q;
  }
  // The refund policy never says "receipt": it is shown by its introduction, with no score.
  const SearchHit refunds = Search("receipts ").hits.at(0);
  EXPECT_EQ(refunds.anchor, "");
  EXPECT_EQ(refunds.score, 0);
}

TEST_F(CurationSearchTest, APinnedArticleTheQueryDoesNotMatchShowsItsIntroduction) {
  // No word of "charged twice" is in the invoices article.
  const SearchResult r = Search("charged twice ");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "invoices");
  EXPECT_TRUE(r.hits[0].pinned);
  EXPECT_EQ(r.hits[0].anchor, "");  // the introduction
  EXPECT_EQ(r.hits[0].url, "/articles/invoices");
  EXPECT_EQ(r.hits[0].snippet, "Every payment has an invoice in PDF.");
}

TEST_F(CurationSearchTest, APinnedArticleShowsTheSectionTheQueryMatchesBest) {
  fixture_->WithDatabase([](const Xapian::Database& db) {
    QueryFilters filters;
    filters.locales = {"en"};
    filters.include_internal = true;
    const BuiltQuery built = BuildQuery(db, testing::Analysed("click refund "), filters);
    const Xapian::MSet pin = PinnedSection(db, "manual-refund", built.text_query, filters);
    ASSERT_EQ(pin.size(), 1u);
    EXPECT_EQ(pin.begin().get_document().get_value(schema::kSlotHeading), "Steps");
    // A customer's filters let no section of an internal article through.
    filters.include_internal = false;
    EXPECT_TRUE(PinnedSection(db, "manual-refund", built.text_query, filters).empty());
  });
}

TEST_F(CurationSearchTest, OtherQueriesAreNotCurated) {
  const SearchResult r = Search("invoices vat ");
  EXPECT_EQ(r.hits.at(0).slug, "invoices");
  for (const SearchHit& hit : r.hits) EXPECT_FALSE(hit.pinned);
}

TEST_F(CurationSearchTest, PinsArePagedLikeOtherResults) {
  SearchRequest request;
  request.query = "receipts ";
  request.limit = 1;
  request.offset = 1;
  SearchResult page = fixture_->Search(request);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.hits[0].slug, "invoices");
  EXPECT_TRUE(page.hits[0].pinned);
  const SearchResult all = Search("receipts ");
  request.offset = 2;
  page = fixture_->Search(request);
  if (all.hits.size() > 2) {
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].slug, all.hits[2].slug);
    EXPECT_FALSE(page.hits[0].pinned);
  } else {
    EXPECT_TRUE(page.hits.empty());
  }
}

TEST_F(CurationSearchTest, HiddenArticlesAreLeftOut) {
  const auto plain = FixtureSearcher::Slugs(Search("cancel ", false, SearchFeatures::Plain()));
  ASSERT_NE(std::find(plain.begin(), plain.end(), "refunds"), plain.end());
  const auto curated = FixtureSearcher::Slugs(Search("Cancel "));
  EXPECT_EQ(std::find(curated.begin(), curated.end(), "refunds"), curated.end());
  EXPECT_FALSE(curated.empty());
}

TEST_F(CurationSearchTest, AnInternalPinIsForAgentsOnly) {
  const SearchResult customer = Search("manual refund ");
  for (const SearchHit& hit : customer.hits) {
    EXPECT_NE(hit.slug, "manual-refund");
    EXPECT_FALSE(hit.pinned);
  }
  const SearchResult agent = Search("manual refund ", /*agent=*/true);
  ASSERT_FALSE(agent.hits.empty());
  EXPECT_EQ(agent.hits[0].slug, "manual-refund");
  EXPECT_TRUE(agent.hits[0].pinned);
  EXPECT_EQ(agent.hits[0].audience, "internal");
}

TEST_F(CurationSearchTest, PlainSearchAppliesNoRules) {
  const SearchResult r = Search("receipts ", false, SearchFeatures::Plain());
  EXPECT_EQ(r.hits.at(0).slug, "invoices");
  for (const SearchHit& hit : r.hits) EXPECT_FALSE(hit.pinned);
}

TEST_F(CurationSearchTest, ReadsTheRulesStoredInTheIndexOncePerGeneration) {
  fixture_->WithDatabase([](const Xapian::Database& db) {
    auto rules = CurationRulesIndex::Build(db, {"de", "en"});
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    Curation curation = (*rules)->For(testing::Analysed("Receipts", {"de", "en"}));
    EXPECT_EQ(curation.pinned, (std::vector<std::string>{"refunds", "invoices"}));
    EXPECT_TRUE(curation.hidden.empty());
    curation = (*rules)->For(testing::Analysed("cancel plan"));
    EXPECT_EQ(curation.hidden, std::vector<std::string>{"refunds"});
    EXPECT_TRUE((*rules)->For(testing::Analysed("plan")).pinned.empty());
  });
}

}  // namespace
}  // namespace kb
