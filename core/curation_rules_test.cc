#include "core/curation_rules.h"

#include <gtest/gtest.h>

#include "core/index_records.h"

namespace kb {
namespace {

std::vector<std::string> Errors(const std::string& text) {
  auto result = ParseCurationRules(text);
  std::vector<std::string> lines;
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&result)) {
    for (const Diagnostic& d : *errors) lines.push_back(d.Format("_rules.yaml"));
  }
  return lines;
}

TEST(CurationRulesTest, ParsesRules) {
  auto result = ParseCurationRules(
      "# Pins and hides\n"
      "- query: invoices\n"
      "  pin: [download-invoices, billing-history]\n"
      "  hide: old-invoices\n"
      "- query: [refund, money back]\n"
      "  pin: refund-policy\n");
  ASSERT_TRUE(std::holds_alternative<std::vector<CurationRule>>(result));
  const auto& rules = std::get<std::vector<CurationRule>>(result);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].queries, std::vector<std::string>{"invoices"});
  ASSERT_EQ(rules[0].pin.size(), 2u);
  EXPECT_EQ(rules[0].pin[1].slug, "billing-history");
  EXPECT_EQ(rules[0].pin[1].line, 3);
  EXPECT_EQ(rules[0].pin[1].column, 28);
  ASSERT_EQ(rules[0].hide.size(), 1u);
  EXPECT_EQ(rules[0].hide[0].slug, "old-invoices");
  EXPECT_EQ(rules[1].queries, (std::vector<std::string>{"refund", "money back"}));
  EXPECT_TRUE(rules[1].hide.empty());

  // What the index stores and the server reads back.
  auto stored = ParseCurationRecord(Serialize(rules));
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].queries, rules[0].queries);
  EXPECT_EQ((*stored)[0].pin[0].slug, "download-invoices");
  EXPECT_EQ((*stored)[0].hide[0].slug, "old-invoices");
}

TEST(CurationRulesTest, EmptyFileHasNoRules) {
  auto result = ParseCurationRules("# none yet\n");
  ASSERT_TRUE(std::holds_alternative<std::vector<CurationRule>>(result));
  EXPECT_TRUE(std::get<std::vector<CurationRule>>(result).empty());
}

TEST(CurationRulesTest, ReportsEachProblemAtItsPlace) {
  EXPECT_EQ(Errors("query: invoices\n"),
            std::vector<std::string>{"_rules.yaml:1:1: expected a list of rules, such as '- "
                                     "query: invoices' and 'pin: [download-invoices]'"});
  EXPECT_EQ(Errors("- query: invoices\n  pinn: [a]\n"),
            (std::vector<std::string>{
                "_rules.yaml:2:3: unknown key 'pinn' in a rule; expected query, pin, hide",
                "_rules.yaml:1:3: this rule neither pins nor hides anything; add 'pin:' or "
                "'hide:' with article slugs"}));
  EXPECT_EQ(Errors("- pin: a\n"),
            std::vector<std::string>{"_rules.yaml:1:3: this rule has no 'query'; add the query "
                                     "(or a list of queries) it applies to"});
  EXPECT_EQ(Errors("- query: ''\n  pin: a\n"),
            std::vector<std::string>{"_rules.yaml:1:10: 'query' must not be empty"});
  EXPECT_EQ(Errors("- query: x\n  pin: []\n"),
            std::vector<std::string>{
                "_rules.yaml:2:8: 'pin' must be a string or a non-empty list of strings"});
  EXPECT_EQ(Errors("- query: x\n  hide: [Old Article]\n"),
            std::vector<std::string>{"_rules.yaml:2:10: 'Old Article' in 'hide' is not an article "
                                     "slug (a-z, 0-9, '-' and '_')"});
  EXPECT_EQ(Errors("- query: x\n  pin: a\n  hide: [b, a]\n"),
            std::vector<std::string>{
                "_rules.yaml:3:13: 'a' is both pinned and hidden by this rule; keep one"});
  EXPECT_EQ(Errors("- query: x\n  pin: [a\n")[0].rfind("_rules.yaml:3:1: not valid YAML: ", 0), 0u);
}

TEST(CurationRulesTest, ReportsSlugsThatNameNoArticle) {
  auto result = ParseCurationRules("- query: invoices\n  pin: [invoices, nope]\n  hide: gone\n");
  const auto& rules = std::get<std::vector<CurationRule>>(result);
  const auto warnings =
      UnknownArticles(rules, [](const std::string& slug) { return slug == "invoices"; });
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].Format("_rules.yaml"),
            "_rules.yaml:2:19: no article has the slug 'nope'; the rule does nothing for it until "
            "one does (check the spelling against the article's 'slug:' or file name)");
  EXPECT_EQ(warnings[1].line, 3);
  EXPECT_EQ(warnings[1].column, 9);
}

}  // namespace
}  // namespace kb
