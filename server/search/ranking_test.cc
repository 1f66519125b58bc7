// The ranking boosts through the Searcher, on articles built so that only the boost decides.
#include "server/search/ranking.h"

#include <gtest/gtest.h>

#include "indexer/index_builder.h"
#include "server/search/live_index.h"
#include "server/search/searcher.h"
#include "tests/support/analysed_query.h"
#include "tests/support/fixture_searcher.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class RankingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    MemorySource source;
    // Same words, same length; only their order differs. Written first, so that on a tie it
    // would rank first.
    source.Put("a/scattered.md",
               "# Account help\n\nA link to reset it arrives when your password expired.\n");
    source.Put("a/phrase.md",
               "# Account tips\n\nUse the password reset link when it expired, it arrives.\n");
    // The word in a title against the same word repeated in a body.
    source.Put("b/mentions.md",
               "# Workspace guide\n\nArchive pages. Archive folders. Archive anything you "
               "archive, archive it often, archive it well.\n");
    source.Put("b/about.md", "# Archive pages\n\nMove old pages out of the way.\n");
    // A long explanation and a one-line list of links: every section carries the title's words.
    source.Put("c/rename.md",
               "# Rename your workspace\n\nA new name shows everywhere at once.\n\n## Rename a "
               "workspace\n\nOpen Settings and choose General. Type the new name in the Name "
               "field and save. Members see the new name the next time they open the app; links "
               "keep working because they use the workspace's id, not its name. Only owners and "
               "admins can change it.\n\n## Related articles\n\n- [Workspace settings](/articles/"
               "settings)\n");
    ASSERT_TRUE(BuildIndex(source, dir_->path(), {}, [](const std::string&) {}).ok());
    index_ = LiveIndex::Open(dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  static SearchResult Search(const std::string& q, SearchFeatures features) {
    return testing::SearchIndex(*index_, q, features);
  }
  static std::string Top(const std::string& q, SearchFeatures features) {
    const SearchResult result = Search(q, features);
    return result.hits.empty() ? "(none)" : result.hits[0].slug;
  }

  static testing::TempDir* dir_;
  static LiveIndex* index_;
};
testing::TempDir* RankingTest::dir_ = nullptr;
LiveIndex* RankingTest::index_ = nullptr;

TEST_F(RankingTest, APhraseBeatsScatteredWords) {
  EXPECT_EQ(Top("password reset link ", SearchFeatures{}), "phrase");
  EXPECT_EQ(Top("password reset link ", SearchFeatures::Plain()), "scattered");  // a tie
}

TEST_F(RankingTest, AnArticleAboutTheWordBeatsOneThatRepeatsIt) {
  EXPECT_EQ(Top("archive ", SearchFeatures{}), "about");
}

TEST_F(RankingTest, TheSectionShownIsTheOneThatExplainsNotAListOfLinks) {
  const SearchResult r = Search("rename workspace ", SearchFeatures{});
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "rename");
  EXPECT_EQ(r.hits[0].heading, "Rename a workspace");
}

TEST(RankingBoostsTest, LeaveOutTheWordBeingTypedAndStopwords) {
  auto language = LanguageForLocale("en");
  ASSERT_TRUE(language.ok());
  RankingParams params = RankingParams::Tuned();
  EXPECT_EQ(RankingBoosts(testing::Analysed("how do i reset my passw"), *language, params)
                .get_description(),
            "Query(0.5 * ZSreset)");
  EXPECT_TRUE(
      RankingBoosts(testing::Analysed("reset passw"), *language, RankingParams::Plain()).empty());
}

}  // namespace
}  // namespace kb
