#include "core/utf8.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(Utf8Test, AcceptsAsciiAndMultibyte) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Passwort zurücksetzen – ß € 𝄞"));
}

TEST(Utf8Test, ReportsOffsetOfFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("ok \xc3"), 3u);           // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xed\xa0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xe2\x82"), 0u);          // truncated at end
}

TEST(Utf8Test, PositionCountsLinesAndColumns) {
  const std::string text = "one\ntwo\nthree";
  EXPECT_EQ(PositionOf(text, 0).line, 1);
  EXPECT_EQ(PositionOf(text, 5).line, 2);
  EXPECT_EQ(PositionOf(text, 5).column, 2);
  EXPECT_EQ(PositionOf(text, 8).line, 3);
  EXPECT_EQ(PositionOf(text, 8).column, 1);
}

}  // namespace
}  // namespace kb
