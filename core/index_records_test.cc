#include "core/index_records.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(IndexRecordsTest, SectionRecordRoundTrips) {
  SectionRecord in{"reset-password", "Reset",   "Steps", "steps",    2,
                   "account",        {"login"}, "en",    "internal", "Click <Forgot>"};
  auto out = ParseSectionRecord(Serialize(in));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->slug, in.slug);
  EXPECT_EQ(out->anchor, in.anchor);
  EXPECT_EQ(out->ordinal, 2);
  EXPECT_EQ(out->tags, in.tags);
  EXPECT_EQ(out->text, in.text);
  EXPECT_EQ(out->audience, "internal");
}

TEST(IndexRecordsTest, ArticleRecordRoundTrips) {
  ArticleRecord in;
  in.slug = "a";
  in.html = "<p>x</p>";
  in.sections = {{"One", "one"}, {"Two", "two"}};
  in.section_count = 3;
  auto out = ParseArticleRecord(Serialize(in));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->html, in.html);
  ASSERT_EQ(out->sections.size(), 2u);
  EXPECT_EQ(out->sections[1].anchor, "two");
  EXPECT_EQ(out->section_count, 3);
}

TEST(IndexRecordsTest, CorruptDataIsAnErrorNotACrash) {
  EXPECT_FALSE(ParseSectionRecord("not json").ok());
  EXPECT_FALSE(ParseArticleRecord("{}").ok());
  EXPECT_EQ(ParseSourceRecord("[1]").status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace kb
