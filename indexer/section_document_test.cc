#include "indexer/section_document.h"

#include <gtest/gtest.h>

#include "core/index_records.h"
#include "core/schema.h"

namespace kb {
namespace {

Article SampleArticle() {
  Article a;
  a.slug = "refund-policy";
  a.title = "Refund policy";
  a.category = "billing";
  a.locale = "en";
  a.audience = "public";
  a.updated = "2026-09-14";
  a.tags = {"refunds", "billing"};
  a.keywords = {"money back"};
  a.sections = {{0, "Refund policy", "", "Annual plans are refundable within 14 days."},
                {2, "Monthly plans", "monthly-plans", "Monthly plans are not refunded."}};
  return a;
}

Xapian::termcount Wdf(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return (it != doc.termlist_end() && *it == term) ? it.get_wdf() : 0;
}

TEST(SectionDocumentTest, IndexesFieldsWithSchemaWeights) {
  const Article article = SampleArticle();
  const Xapian::Document doc = MakeSectionDocument(article, 1, *LanguageForLocale("en"));
  // Title words weigh schema::kTitle.weight in the default field, body words 1 per occurrence.
  EXPECT_GT(Wdf(doc, "Zrefund"), schema::kTitle.weight);  // title, plus "refunded" in the body
  EXPECT_EQ(Wdf(doc, "Srefund"), schema::kTitle.weight + 0u);
  EXPECT_EQ(Wdf(doc, "XHmonthly"), schema::kHeading.weight + 0u);
  // "monthly" is in the heading and the body; "not" only in the body.
  EXPECT_EQ(Wdf(doc, "monthly"), schema::kHeading.weight + 1u);
  EXPECT_EQ(Wdf(doc, "not"), 1u);
  EXPECT_GT(Wdf(doc, "XKmoney"), 0u);
  EXPECT_GT(Wdf(doc, "money"), 0u);  // keywords also reach the default field
}

TEST(SectionDocumentTest, CarriesFilterTermsValuesAndRecord) {
  const Article article = SampleArticle();
  const Xapian::Document doc = MakeSectionDocument(article, 1, *LanguageForLocale("en"));
  EXPECT_EQ(Wdf(doc, "Qrefund-policy#1"), 0u);  // boolean terms have no wdf...
  auto has = [&](const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
  };
  EXPECT_TRUE(has("Qrefund-policy#1"));  // ...but are there
  EXPECT_TRUE(has("XARTrefund-policy"));
  EXPECT_TRUE(has("XCATbilling"));
  EXPECT_TRUE(has("Krefunds"));
  EXPECT_TRUE(has("Len"));
  EXPECT_TRUE(has("XAUDpublic"));
  EXPECT_EQ(doc.get_value(schema::kSlotArticle), "refund-policy");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotSection)), 1.0);
  auto record = ParseSectionRecord(doc.get_data());
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->anchor, "monthly-plans");
  EXPECT_EQ(record->heading, "Monthly plans");
}

TEST(SectionDocumentTest, SpellingWordsAreUnprefixedAndDigitFree) {
  EXPECT_TRUE(IsSpellingWord("refund"));
  EXPECT_FALSE(IsSpellingWord("Zrefund"));
  EXPECT_FALSE(IsSpellingWord("Srefund"));
  EXPECT_FALSE(IsSpellingWord("qp-1001"));
  EXPECT_FALSE(IsSpellingWord("a"));
}

}  // namespace
}  // namespace kb
