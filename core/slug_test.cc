#include "core/slug.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(SlugifyTest, LowercasesAndHyphenates) {
  EXPECT_EQ(Slugify("Cancel your Pro plan (annual)"), "cancel-your-pro-plan-annual");
  EXPECT_EQ(Slugify("  Step 1: Sign in  "), "step-1-sign-in");
  EXPECT_EQ(Slugify("Can't sign in?"), "cant-sign-in");
  EXPECT_EQ(Slugify("Über uns & Datenschutz"), "über-uns-datenschutz");
  EXPECT_EQ(Slugify("snake_case name"), "snake-case-name");
  EXPECT_EQ(Slugify("!!!"), "");
}

TEST(SlugifyTest, ArticleSlugRules) {
  EXPECT_TRUE(IsValidArticleSlug("reset-password"));
  EXPECT_TRUE(IsValidArticleSlug("2fa_backup-codes"));
  EXPECT_FALSE(IsValidArticleSlug(""));
  EXPECT_FALSE(IsValidArticleSlug("-leading"));
  EXPECT_FALSE(IsValidArticleSlug("Upper"));
  EXPECT_FALSE(IsValidArticleSlug("has space"));
  EXPECT_FALSE(IsValidArticleSlug("../etc/passwd"));
  EXPECT_FALSE(IsValidArticleSlug(std::string(101, 'a')));
}

TEST(AnchorAllocatorTest, DeduplicatesLikeGitHub) {
  AnchorAllocator anchors;
  EXPECT_EQ(anchors.Allocate("Setup"), "setup");
  EXPECT_EQ(anchors.Allocate("Setup"), "setup-1");
  EXPECT_EQ(anchors.Allocate("Setup 2"), "setup-2");
  EXPECT_EQ(anchors.Allocate("Setup"), "setup-3");  // "setup-2" is taken by a real heading
  EXPECT_EQ(anchors.Allocate("***"), "section");
  EXPECT_EQ(anchors.Allocate(""), "section-1");
}

}  // namespace
}  // namespace kb
