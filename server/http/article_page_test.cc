#include "server/http/article_page.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(ArticlePageTest, RendersTitleSectionsBodyAndRelated) {
  ArticleRecord a;
  a.slug = "refund-policy";
  a.title = "Refund policy";
  a.category = "billing";
  a.locale = "en";
  a.audience = "public";
  a.updated = "2026-09-14";
  a.html = "<p>Intro</p>\n<h2 id=\"annual\">Annual</h2>\n";
  a.sections = {{"Annual", "annual"}, {"Monthly", "monthly"}};
  const std::string page = RenderArticlePage(a, {{"cancel", "Cancel your plan"}});
  EXPECT_TRUE(Contains(page, "<html lang=\"en\">"));
  EXPECT_TRUE(Contains(page, "<h1>Refund policy</h1>"));
  EXPECT_TRUE(Contains(page, "<a href=\"#annual\">Annual</a>"));
  EXPECT_TRUE(Contains(page, "<h2 id=\"annual\">Annual</h2>"));
  EXPECT_TRUE(Contains(page, "<a href=\"/articles/cancel\">Cancel your plan</a>"));
  EXPECT_TRUE(Contains(page, "Was this helpful?"));
  EXPECT_FALSE(Contains(page, "Internal"));
}

TEST(ArticlePageTest, EscapesEverythingButTheRenderedBody) {
  ArticleRecord a;
  a.slug = "x";
  a.title = "<script>alert(1)</script>";
  a.category = "\"><img src=x>";
  a.locale = "en\"";
  a.audience = "internal";
  a.sections = {{"<b>h</b>", "a\"b"}, {"two", "two"}};
  const std::string page = RenderArticlePage(a, {{"y", "<i>related</i>"}});
  EXPECT_FALSE(Contains(page, "<script>alert"));
  EXPECT_FALSE(Contains(page, "<img"));
  EXPECT_FALSE(Contains(page, "<b>h</b>"));
  EXPECT_FALSE(Contains(page, "<i>related"));
  EXPECT_TRUE(Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Contains(page, "href=\"#a&quot;b\""));
  EXPECT_TRUE(Contains(page, "Internal: agents only"));
}

}  // namespace
}  // namespace kb
