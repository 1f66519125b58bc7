// Typo tolerance through the Searcher, on a small index built for the purpose.
#include <gtest/gtest.h>

#include <algorithm>

#include "indexer/index_builder.h"
#include "server/search/live_index.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_searcher.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class TypoSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    MemorySource source;
    std::string grammar = "# Grammar checker\n\nThe grammar checker marks mistakes.\n";
    for (int i = 1; i <= 12; ++i) {
      grammar += "\n## Rule " + std::to_string(i) + "\n\nGrammar rule " + std::to_string(i) +
                 " can be turned off.\n";
    }
    source.Put("a/grammar.md", grammar);
    // "grammer" is a typo in an article: known to the index, but rare next to "grammar".
    source.Put("a/style.md", "# Style guide\n\nOur grammer and tone for release notes.\n");
    source.Put("a/subscription.md",
               "# Cancel your subscription\n\nCancel the subscription from Billing.\n");
    source.Put("a/notifications.md",
               "# Notification settings\n\nChoose which notifications you receive.\n");
    ASSERT_TRUE(BuildIndex(source, dir_->path(), {}, [](const std::string&) {}).ok());
    index_ = LiveIndex::Open(dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  static SearchResult Search(const std::string& q, SearchFeatures features = {}) {
    return testing::SearchIndex(*index_, q, features);
  }
  static std::vector<std::string> Slugs(const SearchResult& r) {
    return testing::FixtureSearcher::Slugs(r);
  }

  static testing::TempDir* dir_;
  static LiveIndex* index_;
};
testing::TempDir* TypoSearchTest::dir_ = nullptr;
LiveIndex* TypoSearchTest::index_ = nullptr;

TEST_F(TypoSearchTest, AMisspelledWordMatchesTheWordsNearIt) {
  // "subscripton" is unknown; "cancel" is spelled right, so the query is not rewritten.
  const SearchResult r = Search("cancel subscripton ");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "subscription");
  EXPECT_NE(r.hits[0].snippet.find("<mark>"), std::string::npos);
  EXPECT_FALSE(r.corrected.has_value());
  // A word mistyped twice is corrected when it is long enough (9+ letters)...
  EXPECT_EQ(Slugs(Search("notifcatoins ")), std::vector<std::string>{"notifications"});
  // ...but not a short one, where two edits reach too many words.
  EXPECT_TRUE(Search("cancl subscrption ").hits.size() >= 1);  // "subscrption": one edit
  EXPECT_TRUE(Search("cnacl ").hits.empty());                  // 5 letters, two edits
}

TEST_F(TypoSearchTest, TheWholeQueryRewrittenIsReportedAsCorrected) {
  const SearchResult r = Search("cancle subscripton ");
  EXPECT_EQ(r.corrected, "cancel subscription");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].slug, "subscription");
}

TEST_F(TypoSearchTest, AnExactMatchOutranksACorrectedOne) {
  // Both articles match "grammer": style.md has the word itself, grammar.md only its correction
  // (many times over, and in its title).
  EXPECT_EQ(Slugs(Search("grammer ")), (std::vector<std::string>{"style", "grammar"}));
}

TEST_F(TypoSearchTest, AWordBeingTypedIsNotCorrectedWhileItIsAPrefix) {
  // "notif" is the start of an indexed word: it is a prefix, not a typo.
  EXPECT_EQ(Slugs(Search("notif")), std::vector<std::string>{"notifications"});
  // "subscirpt" starts no indexed word; as a 9-letter word it may be two edits off.
  EXPECT_EQ(Slugs(Search("cancel subscirptoin")), std::vector<std::string>{"subscription"});
}

TEST_F(TypoSearchTest, PlainSearchHasNoTypoTolerance) {
  EXPECT_EQ(Slugs(Search("grammer ", SearchFeatures::Plain())), std::vector<std::string>{"style"});
  EXPECT_EQ(Slugs(Search("release subscripton ", SearchFeatures::Plain())),
            std::vector<std::string>{"style"});
  auto found = Slugs(Search("release subscripton "));
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"style", "subscription"}));
}

}  // namespace
}  // namespace kb
