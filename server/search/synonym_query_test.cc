#include "server/search/synonym_query.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "server/search/query_builder.h"
#include "tests/support/analysed_query.h"
#include "tests/support/fixture_searcher.h"

namespace kb {
namespace {

using testing::FixtureSearcher;

TEST(PhraseSynonymsTest, TurnsAPhraseTermIntoAPhraseQuery) {
  const Xapian::Query parsed(
      Xapian::Query::OP_OR, Xapian::Query("Zget"),
      Xapian::Query(Xapian::Query::OP_SYNONYM, Xapian::Query("mfa"), Xapian::Query("two factor")));
  EXPECT_EQ(PhraseSynonyms(parsed).get_description(),
            "Query((Zget OR (mfa SYNONYM (two PHRASE 2 factor))))");
}

TEST(PhraseSynonymsTest, LeavesEverythingElseAlone) {
  const Xapian::Query plain(Xapian::Query::OP_OR, Xapian::Query("Zget"), Xapian::Query("Zrefund"));
  EXPECT_EQ(PhraseSynonyms(plain).get_description(), plain.get_description());
  // A phrase the user typed is not rebuilt (its window cannot be read back).
  const std::vector<Xapian::Query> words{Xapian::Query("two"), Xapian::Query("factor")};
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
  EXPECT_EQ(PhraseSynonyms(phrase).get_description(), phrase.get_description());
}

// Queries built from the fixture index, whose _synonyms.yaml the real indexer loaded.
class SynonymSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture_ = new FixtureSearcher(); }
  static void TearDownTestSuite() { delete fixture_; }

  static std::string Describe(const std::string& text, bool synonyms = true) {
    std::string description;
    fixture_->WithDatabase([&](const Xapian::Database& db) {
      QueryFilters filters;
      filters.locales = {"en"};
      filters.include_internal = true;
      filters.synonyms = synonyms;
      description = BuildQuery(db, testing::Analysed(text), filters).query.get_description();
    });
    return description;
  }
  static std::vector<std::string> Slugs(const std::string& q, SearchFeatures features = {}) {
    return FixtureSearcher::Slugs(fixture_->Search(q, features));
  }
  static bool Finds(const std::string& q, const std::string& slug, SearchFeatures features = {}) {
    const auto slugs = Slugs(q, features);
    return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
  }

  static FixtureSearcher* fixture_;
};
FixtureSearcher* SynonymSearchTest::fixture_ = nullptr;

TEST_F(SynonymSearchTest, AQueryWithoutSynonymKeysIsParsedOnce) {
  fixture_->WithDatabase([](const Xapian::Database& db) {
    const Xapian::Stem english("en");
    auto parses = [&](const std::string& text) {
      int calls = 0;
      ParseWithSynonyms(db, text, testing::Analysed(text).words, english,
                        [&](const std::string& t, unsigned) {
                          ++calls;
                          return Xapian::Query(t);
                        });
      return calls;
    };
    EXPECT_EQ(parses("reset my password"), 1);
    // A key starting with a word (as typed, or its stem) needs the second reading.
    EXPECT_EQ(parses("refunds please"), 2);
    EXPECT_EQ(parses("how to stop pay"), 2);  // "stop paying" begins with "stop"
  });
}

TEST_F(SynonymSearchTest, TheParserFindsTheIndexedKeys) {
  // A word, looked up as typed ("payback"; the query term itself is its stem): the values are
  // stemmed terms.
  // The query as typed stays, and the query read with synonyms is added at half weight, so an
  // exact word outranks its synonyms.
  EXPECT_EQ(Describe("payback "), "Query((Zpayback@1 OR 0.5 * (Zpayback@1 SYNONYM Zrefund@1)))");
  // ...and by its stem when typed in another form.
  EXPECT_EQ(Describe("refunds "), "Query((Zrefund@1 OR 0.5 * (Zrefund@1 SYNONYM Zpayback@1)))");
  // A phrase key, and a phrase value that becomes a phrase query.
  EXPECT_EQ(Describe("stop paying "),
            "Query(((Zstop@1 OR Zpay@2) OR "
            "0.5 * ((Zstop@1 OR Zpay@2) SYNONYM (cancel PHRASE 2 subscription))))");
  EXPECT_EQ(Describe("mfa "), "Query((Zmfa@1 OR 0.5 * (Zmfa@1 SYNONYM (two PHRASE 2 factor))))");
  // One way: the right side does not expand to the left. The index holds German and English
  // articles, so a rule for every locale has the stems of both ("subscription" in German).
  EXPECT_EQ(Describe("renewal "),
            "Query((Zrenew@1 OR 0.5 * (Zrenew@1 SYNONYM Zsubscript@1 SYNONYM Zsubscription@1)))");
  EXPECT_EQ(Describe("subscription "), "Query(Zsubscript@1)");
  // Off: the query is what it always was.
  EXPECT_EQ(Describe("payback ", false), "Query(Zpayback@1)");
}

TEST_F(SynonymSearchTest, TheWordBeingTypedGetsItsSynonymsToo) {
  EXPECT_EQ(Describe("payback"),
            "Query(((WILDCARD SYNONYM payback OR Zpayback@1) OR "
            "0.5 * (Zpayback@1 SYNONYM Zrefund@1)))");
  // Without synonyms for it, the prefix query stays as it was.
  EXPECT_EQ(Describe("invoi"), "Query((WILDCARD SYNONYM invoi OR Zinvoi@1))");
}

TEST_F(SynonymSearchTest, AWordFindsTheArticleThatOnlyHasItsSynonym) {
  EXPECT_EQ(Slugs("payback "), std::vector<std::string>{"refunds"});
  EXPECT_EQ(Slugs("Payback "), std::vector<std::string>{"refunds"});
  EXPECT_EQ(Slugs("payback"), std::vector<std::string>{"refunds"});  // still typing
  EXPECT_TRUE(Slugs("payback ", SearchFeatures::Plain()).empty());
}

TEST_F(SynonymSearchTest, PhrasesWorkOnBothSides) {
  // The refund policy says "stops" itself, so it may rank above; the synonym adds the article
  // about cancelling, which has neither word.
  EXPECT_TRUE(Finds("stop paying ", "cancel-subscription"));
  EXPECT_TRUE(Finds("how do I stop paying", "cancel-subscription"));
  EXPECT_FALSE(Finds("stop paying ", "cancel-subscription", SearchFeatures::Plain()));
  EXPECT_EQ(Slugs("mfa "), std::vector<std::string>{"two-factor"});
  EXPECT_TRUE(Slugs("mfa ", SearchFeatures::Plain()).empty());
}

TEST_F(SynonymSearchTest, OneWayIsOneWay) {
  EXPECT_TRUE(Finds("renewal ", "refunds"));
  EXPECT_TRUE(Finds("renewal ", "cancel-subscription"));
  EXPECT_FALSE(Finds("renewal ", "cancel-subscription", SearchFeatures::Plain()));
  EXPECT_EQ(Slugs("subscription "), std::vector<std::string>{"cancel-subscription"});
}

TEST_F(SynonymSearchTest, LocaleRulesUseTheirOwnStemmer) {
  SearchRequest request;
  request.query = "beleg ";
  request.locale = "de";
  EXPECT_EQ(FixtureSearcher::Slugs(fixture_->Search(request)),
            std::vector<std::string>{"rechnungen"});
  EXPECT_TRUE(fixture_->Search(request, SearchFeatures::Plain()).hits.empty());
}

}  // namespace
}  // namespace kb
