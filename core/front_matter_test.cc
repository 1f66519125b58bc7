#include "core/front_matter.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

std::string ErrorOf(const std::string& text) {
  auto result = ParseFrontMatter(text);
  if (auto* d = std::get_if<Diagnostic>(&result)) return d->Format("a.md");
  return "(no error)";
}

TEST(FrontMatterTest, ParsesAllFields) {
  const std::string text =
      "---\n"
      "title: Reset your password\n"
      "slug: reset-password\n"
      "category: account\n"
      "tags: [Login, password, login]\n"
      "locale: de\n"
      "audience: internal\n"
      "keywords: [forgot password]\n"
      "summary: How to get back in.\n"
      "updated: 2026-09-14\n"
      "---\n"
      "Body starts here.\n";
  auto result = ParseFrontMatter(text);
  ASSERT_TRUE(std::holds_alternative<SplitFrontMatter>(result));
  const auto& split = std::get<SplitFrontMatter>(result);
  EXPECT_EQ(split.fields.title, "Reset your password");
  EXPECT_EQ(split.fields.slug, "reset-password");
  EXPECT_EQ(split.fields.category, "account");
  EXPECT_EQ(split.fields.tags, (std::vector<std::string>{"login", "password"}));
  EXPECT_EQ(split.fields.locale, "de");
  EXPECT_EQ(split.fields.audience, "internal");
  EXPECT_EQ(split.fields.keywords, std::vector<std::string>{"forgot password"});
  EXPECT_EQ(split.fields.updated, "2026-09-14");
  EXPECT_EQ(split.body, "Body starts here.\n");
  EXPECT_EQ(split.body_line, 12);
  EXPECT_TRUE(split.warnings.empty());
}

TEST(FrontMatterTest, NoFrontMatterMeansWholeTextIsBody) {
  auto result = ParseFrontMatter("# Title\n\nText\n");
  const auto& split = std::get<SplitFrontMatter>(result);
  EXPECT_EQ(split.body, "# Title\n\nText\n");
  EXPECT_FALSE(split.fields.title);
}

TEST(FrontMatterTest, EmptyFrontMatterIsFine) {
  auto result = ParseFrontMatter("---\n---\nText\n");
  ASSERT_TRUE(std::holds_alternative<SplitFrontMatter>(result));
  EXPECT_EQ(std::get<SplitFrontMatter>(result).body, "Text\n");
}

TEST(FrontMatterTest, ErrorsReadLikeACompilers) {
  EXPECT_EQ(ErrorOf("---\ntitle: x\ntags: billing\n---\n"),
            "a.md:3:7: front matter: 'tags' must be a list of strings");
  EXPECT_EQ(ErrorOf("---\ntitle: x\ntags: [a, [b]]\n---\n"),
            "a.md:3:11: front matter: 'tags' must be a list of strings");
  EXPECT_EQ(ErrorOf("---\ntitle: [a]\n---\n"), "a.md:2:8: front matter: 'title' must be a string");
  EXPECT_EQ(ErrorOf("---\naudience: everyone\n---\n"),
            "a.md:2:11: front matter: 'audience' must be 'public' or 'internal', not 'everyone'");
  EXPECT_EQ(ErrorOf("---\nupdated: 2026-02-30\n---\n"),
            "a.md:2:10: front matter: 'updated' must be a date like 2026-09-14, not '2026-02-30'");
  EXPECT_EQ(ErrorOf("---\ntitle: x\n"),
            "a.md:1:1: front matter: the opening '---' has no closing '---' line");
  EXPECT_EQ(ErrorOf("---\n- just\n- a list\n---\n"),
            "a.md:2:1: front matter: expected 'field: value' lines (a YAML mapping)");
}

TEST(FrontMatterTest, BadYamlSyntaxIsPositioned) {
  const std::string error = ErrorOf("---\ntitle: x\ntags: [a, b\n---\n");
  EXPECT_EQ(error.rfind("a.md:", 0), 0u) << error;
  EXPECT_NE(error.find("front matter: "), std::string::npos) << error;
}

TEST(FrontMatterTest, ValidatesSlugAndLocaleAtTheirPosition) {
  EXPECT_EQ(ErrorOf("---\nslug: Not Valid\n---\n").substr(0, 19), "a.md:2:7: front mat");
  EXPECT_NE(ErrorOf("---\nlocale: klingon\n---\n").find("a.md:2:9: front matter: 'klingon'"),
            std::string::npos);
}

TEST(FrontMatterTest, UnknownFieldIsAWarning) {
  auto result = ParseFrontMatter("---\ntitel: Oops\n---\n");
  const auto& split = std::get<SplitFrontMatter>(result);
  ASSERT_EQ(split.warnings.size(), 1u);
  EXPECT_EQ(split.warnings[0].line, 2);
  EXPECT_NE(split.warnings[0].message.find("unknown field 'titel'"), std::string::npos);
}

TEST(FrontMatterTest, EnforcesLimits) {
  std::string tags = "---\ntags: [";
  for (int i = 0; i < 21; ++i) tags += "t" + std::to_string(i) + ",";
  tags += "x]\n---\n";
  EXPECT_NE(ErrorOf(tags).find("the limit is 20"), std::string::npos);
  EXPECT_NE(ErrorOf("---\ntitle: " + std::string(300, 'a') + "\n---\n").find("limit is 200"),
            std::string::npos);
}

}  // namespace
}  // namespace kb
