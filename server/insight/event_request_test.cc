#include "server/insight/event_request.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

std::string ReasonOf(const std::string& body) {
  auto r = ParseEventRequest(body);
  return r.ok() ? "(ok)" : r.status().reason();
}

TEST(EventRequestTest, ParsesAValidEvent) {
  auto e = ParseEventRequest(
      R"({"type":"not_helpful","search_id":"0123456789abcdef","slug":"refund-policy",)"
      R"("session":"s-1","reason":"out of date","extra":1})");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->type, EventType::kNotHelpful);
  EXPECT_EQ(e->search_id, "0123456789abcdef");
  EXPECT_EQ(e->slug, "refund-policy");
  EXPECT_EQ(e->session, "s-1");
  EXPECT_EQ(e->reason, "out of date");
}

TEST(EventRequestTest, PageFeedbackNeedsNoSearch) {
  EXPECT_EQ(ReasonOf(R"({"type":"helpful","slug":"refund-policy"})"), "(ok)");
  EXPECT_EQ(ReasonOf(R"({"type":"not_helpful","slug":"refund-policy","reason":"old"})"), "(ok)");
  EXPECT_EQ(ReasonOf(R"({"type":"click","slug":"refund-policy"})"), "invalid_search_id");
}

TEST(EventRequestTest, ContactNeedsNoSlug) {
  EXPECT_EQ(ReasonOf(R"({"type":"contact","search_id":"0123456789abcdef"})"), "(ok)");
  EXPECT_EQ(ReasonOf(R"({"type":"click","search_id":"0123456789abcdef"})"), "missing_slug");
}

TEST(EventRequestTest, RejectsWhatCannotBeUsed) {
  EXPECT_EQ(ReasonOf(""), "invalid_json");
  EXPECT_EQ(ReasonOf("not json"), "invalid_json");
  EXPECT_EQ(ReasonOf("[1,2]"), "invalid_json");
  EXPECT_EQ(ReasonOf(R"({"type":"like","search_id":"0123456789abcdef","slug":"a"})"),
            "invalid_type");
  EXPECT_EQ(ReasonOf(R"({"type":5,"search_id":"0123456789abcdef"})"), "invalid_type");
  EXPECT_EQ(ReasonOf(R"({"type":"click","search_id":"xyz","slug":"a"})"), "invalid_search_id");
  EXPECT_EQ(ReasonOf(R"({"type":"click","search_id":"0123456789abcdef","slug":"../x"})"),
            "invalid_slug");
  EXPECT_EQ(
      ReasonOf(R"({"type":"click","search_id":"0123456789abcdef","slug":"a","session":"a b"})"),
      "invalid_session");
  EXPECT_EQ(ReasonOf(R"({"type":"contact","search_id":"0123456789abcdef","reason":")" +
                     std::string(501, 'x') + "\"}"),
            "reason_too_long");
  EXPECT_EQ(ReasonOf(std::string(5000, ' ')), "body_too_large");
  EXPECT_EQ(
      ReasonOf("{\"type\":\"contact\",\"search_id\":\"0123456789abcdef\",\"reason\":\"\xff\"}"),
      "invalid_utf8");
}

}  // namespace
}  // namespace kb
