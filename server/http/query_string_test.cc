#include "server/http/query_string.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(QueryStringTest, DecodesPlusAndPercentEscapes) {
  const QueryParams p = ParseQueryString("q=reset+my%20password&limit=5&tag=a%2Bb");
  EXPECT_EQ(p.find("q")->second, "reset my password");
  EXPECT_EQ(p.find("limit")->second, "5");
  EXPECT_EQ(p.find("tag")->second, "a+b");  // an encoded plus stays a plus
}

TEST(QueryStringTest, KeepsRepeatsAndEmptyValues) {
  const QueryParams p = ParseQueryString("q=a&q=b&flag&empty=&&");
  EXPECT_EQ(p.count("q"), 2u);
  EXPECT_EQ(p.find("flag")->second, "");
  EXPECT_EQ(p.find("empty")->second, "");
}

TEST(QueryStringTest, MalformedEscapesAreKeptLiterally) {
  EXPECT_EQ(ParseQueryString("q=100%").find("q")->second, "100%");
  EXPECT_EQ(ParseQueryString("q=%zz%4").find("q")->second, "%zz%4");
  EXPECT_EQ(ParseQueryString("q=%C3%BC").find("q")->second, "ü");
  EXPECT_EQ(ParseQueryString("q=%FF").find("q")->second, "\xff");
}

}  // namespace
}  // namespace kb
