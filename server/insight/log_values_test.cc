#include "server/insight/log_values.h"

#include <gtest/gtest.h>

#include <set>

namespace kb {
namespace {

// The spellings are the log's on-disk format and the JSON API: these lists pin them.
TEST(LogValuesTest, SpellingsAreTheStoredAndApiText) {
  EXPECT_EQ(SpellingList(kEventTypes, ", "), "click, helpful, not_helpful, contact");
  EXPECT_EQ(SpellingList(kGapStates, " or "), "open, planned or dismissed");
  EXPECT_EQ(SpellingList(kAudiences, " or "), "customer, agent or all");
  EXPECT_EQ(
      SpellingList(kDiagnoses, ", "),
      "no_article, internal_only, filtered, typo, not_helpful_results, not_opened, answered_now");
  EXPECT_EQ(SpellingList(kEmergingWindows, " or "), "hour or day");
  EXPECT_EQ(SpellingList(kAlertStates, ", "), "pending, sent, failed");
}

template <typename Enum, std::size_t N, typename Parse>
void ExpectRoundTrip(const Enum (&values)[N], Parse parse) {
  std::set<std::string_view> spellings;
  for (Enum value : values) {
    EXPECT_TRUE(spellings.insert(ToString(value)).second) << ToString(value);
    EXPECT_EQ(parse(ToString(value)), value) << ToString(value);
  }
  EXPECT_EQ(parse(""), std::nullopt);
  EXPECT_EQ(parse("unknown"), std::nullopt);
}

TEST(LogValuesTest, EachValueParsesBackFromItsSpelling) {
  ExpectRoundTrip(kEventTypes, ParseEventType);
  ExpectRoundTrip(kGapStates, ParseGapState);
  ExpectRoundTrip(kDiagnoses, ParseDiagnosis);
  ExpectRoundTrip(kAudiences, ParseAudience);
  ExpectRoundTrip(kEmergingWindows, ParseEmergingWindow);
  ExpectRoundTrip(kAlertStates, ParseAlertState);
}

TEST(LogValuesTest, ParsingIsExact) {
  EXPECT_EQ(ParseEventType("Click"), std::nullopt);
  EXPECT_EQ(ParseEventType("click "), std::nullopt);
  EXPECT_EQ(ParseEventType("not-helpful"), std::nullopt);
  EXPECT_EQ(ParseGapState("OPEN"), std::nullopt);
  EXPECT_EQ(ParseAudience("customers"), std::nullopt);
}

TEST(LogValuesTest, TagsAreStoredJoinedByCommas) {
  EXPECT_EQ(EncodeTags({}), "");
  EXPECT_EQ(EncodeTags({"billing"}), "billing");
  EXPECT_EQ(EncodeTags({"billing", "urgent"}), "billing,urgent");
  EXPECT_EQ(DecodeTags(""), std::vector<std::string>{});
  EXPECT_EQ(DecodeTags("billing,urgent"), (std::vector<std::string>{"billing", "urgent"}));
  // As the gap report always read them: empty pieces are no tags.
  EXPECT_EQ(DecodeTags(",billing,,urgent,"), (std::vector<std::string>{"billing", "urgent"}));
  EXPECT_EQ(DecodeTags(EncodeTags({"a b", "ü"})), (std::vector<std::string>{"a b", "ü"}));
}

TEST(LogValuesTest, TopSlugsAreStoredJoinedBySpaces) {
  EXPECT_EQ(EncodeTopSlugs({}), "");
  EXPECT_EQ(EncodeTopSlugs({"refunds", "invoices", "cancel-subscription"}),
            "refunds invoices cancel-subscription");
  EXPECT_EQ(DecodeTopSlugs(""), std::vector<std::string>{});
  EXPECT_EQ(DecodeTopSlugs("refunds invoices"), (std::vector<std::string>{"refunds", "invoices"}));
  EXPECT_EQ(DecodeTopSlugs(" refunds  invoices "),
            (std::vector<std::string>{"refunds", "invoices"}));
}

}  // namespace
}  // namespace kb
