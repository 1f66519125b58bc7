#include "core/synonyms.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

SynonymFile Parse(const std::string& text) {
  auto result = ParseSynonyms(text);
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&result)) {
    ADD_FAILURE() << errors->front().Format("_synonyms.yaml");
    return {};
  }
  return std::get<SynonymFile>(result);
}

// Every error, formatted as kb-index prints them.
std::vector<std::string> Errors(const std::string& text) {
  auto result = ParseSynonyms(text);
  std::vector<std::string> lines;
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&result)) {
    for (const Diagnostic& d : *errors) lines.push_back(d.Format("_synonyms.yaml"));
  }
  return lines;
}

TEST(SynonymsTest, ParsesGroupsOneWayAndLocales) {
  const SynonymFile file = Parse(
      "# comment\n"
      "equivalent:\n"
      "  - [Refund, money  back, reimbursement]\n"
      "one_way:\n"
      "  2fa: [Two-Factor authentication, two factor]\n"
      "  cancel: unsubscribe\n"
      "locales:\n"
      "  DE:\n"
      "    equivalent:\n"
      "      - [rechnung, beleg]\n");
  ASSERT_EQ(file.rules.size(), 4u);
  EXPECT_EQ(file.rules[0].locale, "");
  EXPECT_EQ(file.rules[0].from,
            (std::vector<std::string>{"refund", "money back", "reimbursement"}));
  EXPECT_EQ(file.rules[0].to, file.rules[0].from);
  EXPECT_EQ(file.rules[1].from, std::vector<std::string>{"2fa"});
  EXPECT_EQ(file.rules[1].to,
            (std::vector<std::string>{"two factor authentication", "two factor"}));
  EXPECT_EQ(file.rules[2].to, std::vector<std::string>{"unsubscribe"});
  EXPECT_EQ(file.rules[3].locale, "de");
  EXPECT_EQ(file.rules[3].from, (std::vector<std::string>{"rechnung", "beleg"}));
}

TEST(SynonymsTest, EmptyFileHasNoRules) {
  EXPECT_TRUE(Parse("").rules.empty());
  EXPECT_TRUE(Parse("# nothing yet\n").rules.empty());
}

TEST(SynonymsTest, ReportsEachProblemAtItsPlace) {
  EXPECT_EQ(Errors("equivalent:\n  - [refund, \"\"]\nonwayy:\n  a: b\n"),
            (std::vector<std::string>{
                "_synonyms.yaml:2:14: 'equivalent' must not be empty",
                "_synonyms.yaml:3:1: unknown key 'onwayy'; expected equivalent, one_way or locales",
            }));
  EXPECT_EQ(Errors("equivalent:\n  - [refund]\n"),
            std::vector<std::string>{"_synonyms.yaml:2:5: a group needs at least two entries; "
                                     "add one or remove the group"});
  EXPECT_EQ(Errors("equivalent:\n  - refund\n"),
            std::vector<std::string>{"_synonyms.yaml:2:5: each 'equivalent' group must be a list "
                                     "of two or more words or phrases, such as [refund, money "
                                     "back]"});
  EXPECT_EQ(Errors("equivalent:\n  - [erase, Erase]\n"),
            std::vector<std::string>{"_synonyms.yaml:2:13: 'erase' appears twice in this group"});
  EXPECT_EQ(Errors("one_way:\n  - money back\n"),
            std::vector<std::string>{
                "_synonyms.yaml:2:3: 'one_way' must be a mapping such as 'money back: refund' "
                "(searching the left also finds the right)"});
  EXPECT_EQ(Errors("one_way:\n  refund: [refunds, {a: b}]\n"),
            std::vector<std::string>{"_synonyms.yaml:2:21: 'one_way' must be a string"});
  EXPECT_EQ(Errors("one_way:\n  refund: '!!'\n"),
            std::vector<std::string>{"_synonyms.yaml:2:11: '!!' has no words to search for"});
  EXPECT_EQ(Errors("locales:\n  xx-1234567890: {}\n"),
            std::vector<std::string>{"_synonyms.yaml:2:3: 'xx-1234567890' is not a locale tag; "
                                     "use a language code such as 'en', 'de' or 'pt-BR'"});
  EXPECT_EQ(Errors("locales:\n  de:\n    same: [a, b]\n"),
            std::vector<std::string>{"_synonyms.yaml:3:5: unknown key 'same' in 'locales: de'; "
                                     "expected equivalent, one_way"});
  EXPECT_EQ(Errors("- [a, b]\n"),
            std::vector<std::string>{"_synonyms.yaml:1:1: expected a mapping with 'equivalent', "
                                     "'one_way' and optionally 'locales'"});
}

TEST(SynonymsTest, SyntaxErrorsHaveAPosition) {
  const auto errors = Errors("equivalent:\n  - [refund, money back\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("_synonyms.yaml:3:1: not valid YAML: ", 0), 0u) << errors[0];
}

TEST(SynonymsTest, TableIsKeyedTheWayTheQueryParserLooksUp) {
  const SynonymFile file = Parse(
      "equivalent:\n  - [refunds, money back]\n"
      "one_way:\n  2fa: two factor\n"
      "locales:\n  de:\n    equivalent:\n      - [rechnungen, beleg]\n");
  const auto table = SynonymTableFor(file, {"de", "en"});
  using Values = std::set<std::string>;
  // A word: as typed and as "Z" + stem; values are stemmed terms.
  EXPECT_EQ(table.at("refunds"), (Values{"money back"}));
  EXPECT_EQ(table.at("Zrefund"), (Values{"money back"}));
  // A phrase: its words joined by a space.
  EXPECT_EQ(table.at("money back"), (Values{"Zrefund"}));
  // One way: no entry from the right back to the left.
  EXPECT_EQ(table.at("2fa"), (Values{"two factor"}));
  EXPECT_EQ(table.count("two factor"), 0u);
  // A locale's own rules use only its stemmer: German strips "-en", English does not.
  EXPECT_EQ(table.at("beleg"), (Values{"Zrechnung"}));
  EXPECT_EQ(table.at("Zrechnung"), (Values{"Zbeleg"}));
  EXPECT_EQ(table.count("Zrechnungen"), 0u);
}

TEST(SynonymsTest, TableUsesTheDefaultLocaleForAnEmptyIndex) {
  const auto table = SynonymTableFor(Parse("equivalent:\n  - [erase, deleting]\n"), {});
  EXPECT_EQ(table.at("Zeras"), (std::set<std::string>{"Zdelet"}));
}

}  // namespace
}  // namespace kb
