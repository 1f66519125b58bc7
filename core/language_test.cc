#include "core/language.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(LanguageTest, PicksStemmerAndStopwordsByLocale) {
  auto en = LanguageForLocale("en");
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->stemmer("refunds"), "refund");
  EXPECT_TRUE((*en->stopper)("the"));
  EXPECT_FALSE((*en->stopper)("out"));  // "sign out" must keep its meaning

  auto de = LanguageForLocale("de");
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(de->stemmer("rechnungen"), de->stemmer("rechnung"));
  EXPECT_TRUE((*de->stopper)("und"));
}

TEST(LanguageTest, NormalizesRegionTags) {
  auto pt = LanguageForLocale("pt-BR");
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(pt->locale, "pt-br");
}

TEST(LanguageTest, RejectsMalformedAndUnsupported) {
  auto bad = LanguageForLocale("english!");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "invalid_locale");
  auto unsupported = LanguageForLocale("xx");
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.status().reason(), "unsupported_locale");
  EXPECT_NE(unsupported.status().message().find("german"), std::string::npos);
}

}  // namespace
}  // namespace kb
