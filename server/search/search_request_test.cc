#include "server/search/search_request.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

Result<SearchRequest> Parse(QueryParams params) { return ParseSearchRequest(params, {}); }

std::string ReasonOf(QueryParams params) {
  auto r = Parse(std::move(params));
  return r.ok() ? "(ok)" : r.status().reason();
}

TEST(SearchRequestTest, AppliesDefaults) {
  auto r = Parse({{"q", "reset password"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->query, "reset password");
  EXPECT_EQ(r->limit, 10);
  EXPECT_EQ(r->offset, 0);
  EXPECT_EQ(r->locale, "");
  EXPECT_FALSE(r->include_internal);
}

TEST(SearchRequestTest, ReadsEveryParameter) {
  auto r = Parse({{"q", "  refund "},
                  {"limit", "50"},
                  {"offset", "20"},
                  {"locale", "de-AT"},
                  {"category", "billing"},
                  {"tag", "Refunds"},
                  {"tag", "annual"},
                  {"session", "k3J-9_x"},
                  {"unknown", "ignored"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->query, "refund ");  // the trailing space means "last word complete"
  EXPECT_EQ(r->limit, 50);
  EXPECT_EQ(r->offset, 20);
  EXPECT_EQ(r->locale, "de-at");
  EXPECT_EQ(r->category, "billing");
  EXPECT_EQ(r->tags, (std::vector<std::string>{"refunds", "annual"}));  // repeatable
  EXPECT_EQ(r->session, "k3J-9_x");
}

TEST(SearchRequestTest, RejectsWhatCannotBeUsed) {
  EXPECT_EQ(ReasonOf({}), "missing_query");
  EXPECT_EQ(ReasonOf({{"q", ""}}), "missing_query");
  EXPECT_EQ(ReasonOf({{"q", "   "}}), "missing_query");
  EXPECT_EQ(ReasonOf({{"q", std::string(257, 'a')}}), "query_too_long");
  EXPECT_EQ(ReasonOf({{"q", std::string(256, 'a')}}), "(ok)");
  EXPECT_EQ(ReasonOf({{"q", "bad \xff"}}), "invalid_utf8");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"q", "b"}}), "repeated_parameter");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"limit", "0"}}), "invalid_limit");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"limit", "51"}}), "invalid_limit");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"limit", "ten"}}), "invalid_limit");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"limit", "5x"}}), "invalid_limit");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"limit", "99999999999999"}}), "invalid_limit");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"offset", "-1"}}), "invalid_offset");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"offset", "1001"}}), "invalid_offset");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"locale", "english!"}}), "invalid_locale");
  // A well-formed locale is accepted even without a stemmer: the search falls back and says so.
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"locale", "pl"}}), "(ok)");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"locale", "all"}}), "(ok)");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"category", std::string(101, 'c')}}), "invalid_category");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"tag", "\xc3"}}), "invalid_tag");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"tag", std::string(101, 't')}}), "invalid_tag");
  QueryParams many{{"q", "a"}};
  for (int i = 0; i < 11; ++i) many.emplace("tag", "t" + std::to_string(i));
  EXPECT_EQ(ReasonOf(many), "invalid_tag");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"session", "has space"}}), "invalid_session");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"facets", "yes"}}), "invalid_facets");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"facets", "true"}}), "(ok)");
  EXPECT_EQ(ReasonOf({{"q", "a"}, {"session", std::string(65, 's')}}), "invalid_session");
}

TEST(SearchRequestTest, MessagesSayHowToFix) {
  auto r = Parse({{"q", "a"}, {"limit", "100"}});
  EXPECT_EQ(r.status().message(), "'limit' is 100; it must be in 1..50");
  auto missing = Parse({});
  EXPECT_NE(missing.status().message().find("/api/search?q="), std::string::npos);
}

}  // namespace
}  // namespace kb
