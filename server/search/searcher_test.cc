#include "server/search/searcher.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "server/search/live_index.h"
#include "tests/support/fixture_index.h"

namespace kb {
namespace {

// Searches the fixture help center through the same LiveIndex the server uses.
class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(dir_->path());
    auto live = LiveIndex::Open(dir_->path());
    ASSERT_TRUE(live.ok()) << live.status().message();
    index_ = live->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  static SearchResult Search(SearchRequest request) {
    const Searcher searcher{ArticleUrls()};
    auto result =
        index_->WithDatabase<SearchResult>([&](const Xapian::Database& db, const IndexInfo& info) {
          return searcher.Search(db, info, request);
        });
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? *result : SearchResult{};
  }
  static SearchResult Search(const std::string& q) {
    SearchRequest request;
    request.query = q;
    return Search(request);
  }
  static std::vector<std::string> Slugs(const SearchResult& result) {
    std::vector<std::string> slugs;
    for (const SearchHit& hit : result.hits) slugs.push_back(hit.slug);
    return slugs;
  }
  static std::string Top(const std::string& q) {
    const SearchResult r = Search(q);
    return r.hits.empty() ? "(none)" : r.hits[0].slug;
  }

  static testing::TempDir* dir_;
  static LiveIndex* index_;
};
testing::TempDir* SearcherTest::dir_ = nullptr;
LiveIndex* SearcherTest::index_ = nullptr;

TEST_F(SearcherTest, RanksTheArticleThatAnswersFirst) {
  EXPECT_EQ(Top("refund "), "refunds");
  EXPECT_EQ(Top("how do I reset my password "), "reset-password");
  EXPECT_EQ(Top("cancel subscription "), "cancel-subscription");
  EXPECT_EQ(Top("money back "), "refunds");  // a keyword from the front matter
  EXPECT_EQ(Top("2fa "), "two-factor");
  EXPECT_EQ(Top("hmac signature "), "webhooks");
}

TEST_F(SearcherTest, LastWordMatchesAsAPrefix) {
  EXPECT_EQ(Top("invoi"), "invoices");
  EXPECT_EQ(Top("authenticat"), "two-factor");
}

TEST_F(SearcherTest, ResultsAreCollapsedPerArticleWithMoreSections) {
  const SearchResult r = Search("desktop sync ");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "sync");
  std::set<std::string> unique;
  for (const auto& slug : Slugs(r)) EXPECT_TRUE(unique.insert(slug).second) << slug;
  // Both "Desktop" sections match; one is the hit, the other is listed under it.
  EXPECT_EQ(r.hits[0].heading, "Desktop");
  ASSERT_FALSE(r.hits[0].more_sections.empty());
  EXPECT_EQ(r.hits[0].more_sections[0].heading, "Desktop");
  EXPECT_NE(r.hits[0].more_sections[0].anchor, r.hits[0].anchor);
  EXPECT_LE(r.hits[0].more_sections.size(), kMaxMoreSections);
}

TEST_F(SearcherTest, HitLinksToTheBestSection) {
  const SearchResult r = Search("backup codes ");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "two-factor");
  EXPECT_EQ(r.hits[0].heading, "Backup codes");
  EXPECT_EQ(r.hits[0].url, "/articles/two-factor#backup-codes");
  EXPECT_EQ(r.hits[0].title, "Set up two-factor authentication");
  EXPECT_EQ(r.hits[0].category, "account");
}

TEST_F(SearcherTest, SnippetMarksMatchesAndEscapesEverythingElse) {
  const SearchResult r = Search("script banner ");
  ASSERT_FALSE(r.hits.empty());
  const std::string& snippet = r.hits[0].snippet;
  EXPECT_NE(snippet.find("&lt;<mark>script</mark>&gt;"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>banner</mark>"), std::string::npos) << snippet;
  // Once <mark> and </mark> are removed no '<' may remain.
  std::string rest = snippet;
  for (const std::string tag : {"<mark>", "</mark>"}) {
    for (auto p = rest.find(tag); p != std::string::npos; p = rest.find(tag))
      rest.erase(p, tag.size());
  }
  EXPECT_EQ(rest.find('<'), std::string::npos) << snippet;
}

TEST_F(SearcherTest, PrefixMatchesAreHighlighted) {
  const SearchResult r = Search("reimburs");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "refunds");
}

TEST_F(SearcherTest, TypoIsCorrectedWhenNothingMatches) {
  const SearchResult r = Search("refnud polcy ");
  EXPECT_EQ(r.corrected, "refund policy");  // without the trailing space
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "refunds");
  // The word still being typed is corrected too.
  const SearchResult typing = Search("subscripton cancle");
  EXPECT_EQ(typing.corrected, "subscription cancel");
  // A query that finds something is left alone.
  EXPECT_FALSE(Search("refund ").corrected.has_value());
}

TEST_F(SearcherTest, LocalesUseTheirOwnStemmer) {
  SearchRequest request;
  request.query = "rechnung ";  // singular; the article says "Rechnungen"
  request.locale = "de";
  SearchResult r = Search(request);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "rechnungen");
  EXPECT_EQ(r.hits[0].locale, "de");
  EXPECT_EQ(r.locale, "de");
  EXPECT_FALSE(r.locale_fallback_from.has_value());
  // Without a locale the default locale is searched: English words quoted in German articles
  // do not pull them above English ones.
  EXPECT_EQ(Search("rechnung ").locale, "en");
  EXPECT_TRUE(Search("rechnung ").hits.empty());
  // "all" searches every locale, each with its own stemmer.
  request.locale = "all";
  request.query = "kündigen ";
  r = Search(request);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "abonnement-kuendigen");
  request.query = "rechnung ";
  EXPECT_EQ(Search(request).hits.at(0).slug, "rechnungen");
  // A regional tag falls back to its language.
  request.locale = "de-at";
  EXPECT_EQ(Search(request).hits.size(), 1u);
  EXPECT_EQ(Search(request).locale, "de");
}

TEST_F(SearcherTest, ALocaleWithoutArticlesFallsBackToTheDefaultAndSaysSo) {
  SearchRequest request;
  request.query = "refund ";
  for (const std::string locale : {"fr", "pl", "zh-hant"}) {  // stemmer, none, none
    request.locale = locale;
    const SearchResult r = Search(request);
    EXPECT_EQ(r.locale, "en") << locale;
    EXPECT_EQ(r.locale_fallback_from, locale);
    ASSERT_FALSE(r.hits.empty()) << locale;
    EXPECT_EQ(r.hits[0].slug, "refunds");
  }
}

TEST_F(SearcherTest, InternalArticlesAreInvisibleWithoutAgentAccess) {
  EXPECT_TRUE(Search("backoffice ").hits.empty());
  for (const auto& slug : Slugs(Search("refund "))) EXPECT_NE(slug, "manual-refund");
  SearchRequest request;
  request.query = "backoffice ";
  request.include_internal = true;
  const SearchResult r = Search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].slug, "manual-refund");
}

TEST_F(SearcherTest, CategoryAndTagFilter) {
  SearchRequest request;
  request.query = "billing ";
  request.category = "billing";
  for (const SearchHit& hit : Search(request).hits) EXPECT_EQ(hit.category, "billing");
  request.category = "account";
  EXPECT_TRUE(Search(request).hits.empty());
  request.category = "";
  request.tags = {"subscription"};
  EXPECT_EQ(Slugs(Search(request)), std::vector<std::string>{"cancel-subscription"});
  // Repeated tags narrow: an article must have every one.
  request.tags = {"subscription", "no-such-tag"};
  EXPECT_TRUE(Search(request).hits.empty());
}

TEST_F(SearcherTest, FacetsCountMatchingArticlesByCategoryAndTag) {
  EXPECT_TRUE(Search("billing ").facets.categories.empty());  // only when asked for
  SearchRequest asked;
  asked.query = "billing ";
  asked.facets = true;
  const SearchResult r = Search(asked);
  ASSERT_GE(r.hits.size(), 2u);
  EXPECT_TRUE(r.facets.exact);
  std::map<std::string, Xapian::doccount> categories, tags;
  for (const FacetCount& c : r.facets.categories) categories[c.value] = c.count;
  for (const FacetCount& t : r.facets.tags) tags[t.value] = t.count;
  // Counted per article, not per section: compare with the hits themselves.
  std::map<std::string, Xapian::doccount> expected_categories, expected_tags;
  for (const SearchHit& hit : r.hits) {
    ++expected_categories[hit.category];
    for (const std::string& tag : hit.tags) ++expected_tags[tag];
  }
  EXPECT_EQ(categories, expected_categories);
  EXPECT_EQ(tags, expected_tags);
  // Most frequent first.
  for (std::size_t i = 1; i < r.facets.categories.size(); ++i) {
    EXPECT_GE(r.facets.categories[i - 1].count, r.facets.categories[i].count);
  }
  // Facets describe the query, not one page of it: none on later pages.
  SearchRequest later = asked;
  later.offset = 1;
  EXPECT_TRUE(Search(later).facets.categories.empty());
}

TEST_F(SearcherTest, PagesThroughResults) {
  SearchRequest request;
  request.query = "settings billing ";
  const SearchResult all = Search(request);
  ASSERT_GE(all.hits.size(), 3u);
  request.limit = 1;
  request.offset = 1;
  const SearchResult page = Search(request);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.hits[0].slug, all.hits[1].slug);
  // On the last page the total is exact; before it, it is Xapian's estimate, which collapsing
  // makes loose but never smaller than what was seen.
  EXPECT_EQ(all.total, all.hits.size());
  EXPECT_GE(page.total, 2u);
}

TEST_F(SearcherTest, NothingFoundIsAnEmptyResultNotAnError) {
  const SearchResult r = Search("xylophone ");
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.total, 0u);
  EXPECT_FALSE(r.corrected.has_value());
}

}  // namespace
}  // namespace kb
