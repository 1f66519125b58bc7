#include "core/article.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

SourceFile File(std::string path, std::string bytes) {
  SourceFile file;
  file.path = path;
  file.display_path = "articles/" + path;
  file.bytes = std::move(bytes);
  file.mtime_seconds = 1789000000;  // 2026-09-10
  return file;
}

TEST(ArticleTest, AppliesDefaults) {
  const auto parsed = ParseArticle(File("billing/faq/Refund Policy.md", "# Refunds\n\nText.\n"));
  ASSERT_TRUE(parsed.ok());
  const Article& a = parsed.article;
  EXPECT_EQ(a.title, "Refunds");
  EXPECT_EQ(a.slug, "refund-policy");
  EXPECT_EQ(a.category, "billing");
  EXPECT_EQ(a.locale, "en");
  EXPECT_EQ(a.audience, "public");
  EXPECT_EQ(a.updated, "2026-09-10");
  ASSERT_EQ(a.sections.size(), 1u);
  EXPECT_EQ(a.sections[0].heading, "Refunds");  // the introduction is headed by the title
}

TEST(ArticleTest, FrontMatterOverridesDefaults) {
  const auto parsed = ParseArticle(File("top.md",
                                        "---\ntitle: Kündigen\nslug: kuendigen\ncategory: Billing "
                                        "And Plans\nlocale: de\nupdated: 2026-01-02\n---\nText\n"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.article.title, "Kündigen");
  EXPECT_EQ(parsed.article.slug, "kuendigen");
  EXPECT_EQ(parsed.article.category, "billing-and-plans");
  EXPECT_EQ(parsed.article.locale, "de");
  EXPECT_EQ(parsed.article.updated, "2026-01-02");
}

TEST(ArticleTest, ArticleAtTheRootIsInGeneral) {
  const auto parsed = ParseArticle(File("welcome.md", "---\ntitle: Welcome\n---\nHi\n"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.article.category, "general");
}

TEST(ArticleTest, MissingTitleIsAnError) {
  const auto parsed = ParseArticle(File("a/b.md", "---\ntags: [x]\n---\nNo heading here.\n"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.errors[0].Format("articles/a/b.md"),
            "articles/a/b.md:4:1: article has no title: add 'title:' to the front matter or "
            "start the body with a '# Title' line");
}

TEST(ArticleTest, InvalidUtf8IsPositioned) {
  const auto parsed = ParseArticle(File("a/b.md", "# T\n\nab\xff\n"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.errors[0].Format("x"), "x:3:3: invalid UTF-8: save the file as UTF-8");
}

TEST(ArticleTest, OversizedFileIsRejected) {
  const auto parsed = ParseArticle(File("a/b.md", "# T\n" + std::string(kMaxArticleBytes, 'a')));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.errors[0].message.find("limited to"), std::string::npos);
}

TEST(ArticleTest, ByteOrderMarkIsIgnored) {
  const auto parsed = ParseArticle(File("a/b.md", "\xEF\xBB\xBF---\ntitle: T\n---\nx\n"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.article.title, "T");
}

TEST(ArticleTest, FileNameThatMakesNoSlugIsAnError) {
  const auto parsed = ParseArticle(File("a/!!!.md", "# T\n"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.errors[0].message.find("valid slug"), std::string::npos);
}

}  // namespace
}  // namespace kb
