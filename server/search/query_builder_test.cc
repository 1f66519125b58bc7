#include "server/search/query_builder.h"

#include <gtest/gtest.h>

#include "core/index_layout.h"
#include "indexer/index_builder.h"
#include "tests/support/analysed_query.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class QueryBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    MemorySource source;
    source.Put("account/reset-password.md",
               "# Reset your password\n\nUse the password reset link. Passwords expire.\n");
    source.Put("billing/refunds.md", "# Refund policy\n\nRefunds within 14 days.\n");
    source.Put("billing/de/rechnung.md",
               "---\ntitle: Rechnungen herunterladen\nlocale: de\n---\nAlle Rechnungen als PDF.\n");
    ASSERT_TRUE(BuildIndex(source, dir_->path(), {}, [](const std::string&) {}).ok());
    db_ = new Xapian::Database(*index_layout::OpenGeneration(
        dir_->path(), *index_layout::CurrentGeneration(dir_->path())));
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }

  static std::string Describe(const std::string& text, QueryFilters filters = English()) {
    return BuildQuery(*db_, testing::Analysed(text, filters.locales), filters)
        .query.get_description();
  }
  static QueryFilters English() {
    QueryFilters filters;
    filters.locales = {"en"};
    return filters;
  }

  static testing::TempDir* dir_;
  static Xapian::Database* db_;
};
testing::TempDir* QueryBuilderTest::dir_ = nullptr;
Xapian::Database* QueryBuilderTest::db_ = nullptr;

TEST_F(QueryBuilderTest, LastWordIsAPrefixWhileTyping) {
  EXPECT_EQ(Describe("passw"), "Query(((WILDCARD SYNONYM passw OR Zpassw@1) FILTER XAUDpublic))");
  // A trailing space means the word is complete.
  EXPECT_EQ(Describe("password "), "Query((Zpassword@1 FILTER XAUDpublic))");
}

TEST_F(QueryBuilderTest, StopwordsAreDroppedAndWordsStemmed) {
  EXPECT_EQ(Describe("how do i reset my passwords "),
            "Query(((Zreset@4 OR Zpassword@6) FILTER XAUDpublic))");
}

TEST_F(QueryBuilderTest, FieldAndFilterSyntaxComeFromTheSchema) {
  EXPECT_EQ(Describe("title:refund "), "Query((ZSrefund@1 FILTER XAUDpublic))");
  EXPECT_EQ(Describe("refund category:billing "),
            "Query(((Zrefund@1 FILTER XCATbilling) FILTER XAUDpublic))");
  EXPECT_EQ(Describe("\"reset link\""), "Query(((reset@1 PHRASE 2 link@2) FILTER XAUDpublic))");
}

TEST_F(QueryBuilderTest, FiltersAreBooleanAndInternalIsHiddenByDefault) {
  QueryFilters filters = English();
  filters.locale_requested = true;
  filters.category = "Billing";
  filters.tags = {"Refunds", "annual"};
  EXPECT_EQ(
      Describe("refund ", filters),
      "Query((Zrefund@1 FILTER (Len AND XCATbilling AND Krefunds AND Kannual AND XAUDpublic)))");
  filters = English();
  filters.include_internal = true;
  EXPECT_EQ(Describe("refund ", filters), "Query(Zrefund@1)");
}

TEST_F(QueryBuilderTest, EachLocaleIsParsedWithItsOwnStemmer) {
  QueryFilters both;
  both.locales = {"de", "en"};
  EXPECT_EQ(Describe("rechnungen ", both),
            "Query((((Zrechnung@1 FILTER Lde) OR (Zrechnungen@1 FILTER Len)) FILTER XAUDpublic))");
}

TEST_F(QueryBuilderTest, TypoToleranceComesFromTheIndexsSpellingData) {
  auto typos = TypoIndex::Build(*db_);
  QueryFeatures features;
  features.typos = typos.get();
  const BuiltQuery built =
      BuildQuery(*db_, testing::Analysed("pasword resett "), English(), features);
  EXPECT_EQ(built.typo_rewrite, "password reset");
  // Each corrected word is its own OP_SYNONYM of candidates (one candidate each here), at half
  // weight, beside the words as typed.
  EXPECT_EQ(
      built.query.get_description(),
      "Query((((Zpasword@1 OR Zresett@2) OR 0.5 * (Zpassword OR Zreset)) FILTER XAUDpublic))");
  // Known words are left alone; without the feature nothing is added.
  EXPECT_EQ(BuildQuery(*db_, testing::Analysed("reset link "), English(), features).typo_rewrite,
            "");
  EXPECT_EQ(BuildQuery(*db_, testing::Analysed("pasword "), English()).query.get_description(),
            "Query((Zpasword@1 FILTER XAUDpublic))");
}

TEST_F(QueryBuilderTest, UnbalancedSyntaxStillSearchesTheWords) {
  EXPECT_NE(Describe("\"reset (password").find("password"), std::string::npos);
  EXPECT_NO_THROW(Describe("AND OR NOT"));
  EXPECT_NO_THROW(Describe("*"));
}

}  // namespace
}  // namespace kb
