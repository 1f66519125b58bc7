#include "core/markdown.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(MarkdownTest, SplitsSectionsAtLevelTwoAndThreeHeadings) {
  const auto r = RenderMarkdown(
      "# Refunds\n\nIntro text.\n\n## Annual plans\n\nFull refund.\n\n#### Detail\n\nStill annual."
      "\n\n### Monthly plans\n\nNo refund.\n");
  ASSERT_EQ(r.leading_title, "Refunds");
  ASSERT_EQ(r.sections.size(), 3u);
  EXPECT_EQ(r.sections[0].level, 0);
  EXPECT_EQ(r.sections[0].text, "Intro text.");
  EXPECT_EQ(r.sections[1].heading, "Annual plans");
  EXPECT_EQ(r.sections[1].anchor, "annual-plans");
  EXPECT_EQ(r.sections[1].level, 2);
  EXPECT_EQ(r.sections[1].text, "Full refund.\nDetail\nStill annual.");
  EXPECT_EQ(r.sections[2].heading, "Monthly plans");
  EXPECT_EQ(r.sections[2].level, 3);
  EXPECT_FALSE(Contains(r.html, "<h1"));  // the leading title is not repeated in the body
}

TEST(MarkdownTest, EveryHeadingGetsAUniqueId) {
  const auto r = RenderMarkdown("## Setup\n\n### Setup\n\n#### Notes on *setup*\n");
  EXPECT_TRUE(Contains(r.html, "<h2 id=\"setup\">Setup</h2>"));
  EXPECT_TRUE(Contains(r.html, "<h3 id=\"setup-1\">Setup</h3>"));
  EXPECT_TRUE(Contains(r.html, "<h4 id=\"notes-on-setup\">Notes on <em>setup</em></h4>"));
}

TEST(MarkdownTest, NestedHeadingsGetIdsInDocumentOrder) {
  const auto r = RenderMarkdown("> ## Quoted\n\n## Real\n\ntext\n");
  EXPECT_TRUE(Contains(r.html, "<h2 id=\"quoted\">Quoted</h2>"));
  EXPECT_TRUE(Contains(r.html, "<h2 id=\"real\">Real</h2>"));
  ASSERT_EQ(r.sections.size(), 2u);  // a quoted heading does not start a section
  EXPECT_EQ(r.sections[1].anchor, "real");
}

TEST(MarkdownTest, RendersGithubExtensions) {
  const auto r = RenderMarkdown(
      "| Plan | Price |\n|---|---|\n| Pro | $8 |\n\n~~old~~ and https://example.com\n");
  EXPECT_TRUE(Contains(r.html, "<table>"));
  EXPECT_TRUE(Contains(r.html, "<del>old</del>"));
  EXPECT_TRUE(Contains(r.html, "<a href=\"https://example.com\">"));
  EXPECT_TRUE(Contains(r.sections[0].text, "Pro | $8"));
}

TEST(MarkdownTest, RawHtmlNeverReachesTheOutput) {
  const auto r = RenderMarkdown(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and "
      "<iframe src=\"https://evil\"></iframe>\n\n<div onclick=\"x()\">block</div>\n");
  EXPECT_FALSE(Contains(r.html, "<script"));
  EXPECT_FALSE(Contains(r.html, "<img"));
  EXPECT_FALSE(Contains(r.html, "<iframe"));
  EXPECT_FALSE(Contains(r.html, "onclick"));
  EXPECT_FALSE(Contains(r.sections[0].text, "alert"));
}

TEST(MarkdownTest, DangerousUrlsAreEmptied) {
  const char* cases[] = {
      "[x](javascript:alert(1))",      "[x](JavaScript:alert(1))",
      "[x](jav&#x61;script:alert(1))", "[x](<java\tscript:alert(1)>)",
      "[x](vbscript:msgbox)",          "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "![x](javascript:alert(1))",     "<javascript:alert(1)>",
  };
  for (const char* markdown : cases) {
    const auto r = RenderMarkdown(markdown);
    // The link text may stay; no attribute may carry the URL.
    EXPECT_FALSE(Contains(r.html, "=\"jav")) << markdown << " -> " << r.html;
    EXPECT_FALSE(Contains(r.html, "=\"vbscript")) << markdown << " -> " << r.html;
    EXPECT_FALSE(Contains(r.html, "=\"data:")) << markdown << " -> " << r.html;
  }
}

TEST(MarkdownTest, SafeUrlsSurvive) {
  EXPECT_TRUE(IsSafeUrl("https://example.com/a?b#c"));
  EXPECT_TRUE(IsSafeUrl("/articles/refund-policy"));
  EXPECT_TRUE(IsSafeUrl("#section"));
  EXPECT_TRUE(IsSafeUrl("mailto:support@example.com"));
  EXPECT_TRUE(IsSafeUrl("relative/path:with-colon"));
  EXPECT_FALSE(IsSafeUrl(" javascript:alert(1)"));
  EXPECT_FALSE(IsSafeUrl("file:///etc/passwd"));
  const auto r = RenderMarkdown("[refunds](/articles/refund-policy#annual)");
  EXPECT_TRUE(Contains(r.html, "href=\"/articles/refund-policy#annual\""));
}

TEST(MarkdownTest, TextKeepsCodeButNotUrls) {
  const auto r = RenderMarkdown(
      "Run `kb-index` then see [the docs](https://example.com/secret-url).\n\n"
      "```bash\ncurl -H 'Authorization: Bearer qp_x'\n```\n");
  EXPECT_TRUE(Contains(r.sections[0].text, "kb-index"));
  EXPECT_TRUE(Contains(r.sections[0].text, "the docs"));
  EXPECT_TRUE(Contains(r.sections[0].text, "Authorization: Bearer"));
  EXPECT_FALSE(Contains(r.sections[0].text, "secret-url"));
}

TEST(MarkdownTest, HeadingLikeTextInCodeIsNotTouched) {
  const auto r = RenderMarkdown("```html\n<h2>not a heading</h2>\n```\n\n## Real\n");
  EXPECT_TRUE(Contains(r.html, "&lt;h2&gt;not a heading"));
  EXPECT_TRUE(Contains(r.html, "<h2 id=\"real\">"));
}

}  // namespace
}  // namespace kb
