#include "server/search/related_articles.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/index_layout.h"
#include "core/schema.h"
#include "server/search/live_index.h"
#include "tests/support/fixture_index.h"

namespace kb {
namespace {

// On the sample help center, whose articles a person can judge.
class RelatedArticlesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(dir_->path(), std::string(KB_SOURCE_DIR) + "/articles");
    db_ = new Xapian::Database(*index_layout::OpenGeneration(
        dir_->path(), *index_layout::CurrentGeneration(dir_->path())));
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }

  static std::vector<std::string> Related(const std::string& slug, bool agent = false) {
    const std::string data = db_->get_metadata(schema::ArticleKey(slug));
    auto article = ParseArticleRecord(data);
    EXPECT_TRUE(article.ok()) << slug;
    std::vector<std::string> slugs;
    if (!article.ok()) return slugs;
    for (const ArticleLink& link : FindRelatedArticles(*db_, *article, agent, 5)) {
      slugs.push_back(link.slug);
    }
    return slugs;
  }
  static bool Contains(const std::vector<std::string>& slugs, const std::string& slug) {
    return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
  }

  static testing::TempDir* dir_;
  static Xapian::Database* db_;
};
testing::TempDir* RelatedArticlesTest::dir_ = nullptr;
Xapian::Database* RelatedArticlesTest::db_ = nullptr;

TEST_F(RelatedArticlesTest, FindsArticlesAboutTheSameThing) {
  const auto refund = Related("refund-policy");
  ASSERT_EQ(refund.size(), 5u);
  EXPECT_TRUE(Contains(refund, "cancel-your-subscription"));
  EXPECT_FALSE(Contains(refund, "refund-policy"));  // never itself
  const auto two_factor = Related("set-up-two-factor-authentication");
  EXPECT_TRUE(Contains(two_factor, "lost-2fa-device-backup-codes"));
  EXPECT_TRUE(Contains(two_factor, "require-2fa-for-workspace"));
  // Across categories: offline editing is about syncing, which troubleshooting covers.
  EXPECT_TRUE(Contains(Related("offline-changes-not-syncing"), "work-offline"));
}

TEST_F(RelatedArticlesTest, InternalArticlesOnlyForAgents) {
  const auto for_customers = Related("refund-policy");
  EXPECT_FALSE(Contains(for_customers, "issue-manual-refund"));
  EXPECT_TRUE(Contains(Related("refund-policy", /*agent=*/true), "issue-manual-refund"));
}

TEST_F(RelatedArticlesTest, StaysInTheArticlesLanguage) {
  const auto german = Related("rechnungen-herunterladen");
  ASSERT_FALSE(german.empty());
  for (const std::string& slug : german) {
    auto record = ParseArticleRecord(db_->get_metadata(schema::ArticleKey(slug)));
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->locale, "de") << slug;
  }
}

}  // namespace
}  // namespace kb
