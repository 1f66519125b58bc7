#include "server/search/query_normalizer.h"

#include <gtest/gtest.h>

namespace kb {
namespace {

std::string En(const std::string& q) { return NormalizeQuery(q, *LanguageForLocale("en")); }

TEST(QueryNormalizerTest, SameMeaningSameForm) {
  EXPECT_EQ(En("cancel my subscription"), "cancel subscript");
  EXPECT_EQ(En("Cancelling  SUBSCRIPTIONS"), "cancel subscript");
  EXPECT_EQ(En("subscription cancel"), "cancel subscript");  // order does not matter
  EXPECT_EQ(En("how to cancel the subscription?"), "cancel subscript");
}

TEST(QueryNormalizerTest, UsesTheLocaleStemmerAndStopwords) {
  const Language de = *LanguageForLocale("de");
  EXPECT_EQ(NormalizeQuery("Wie kann ich mein Abonnement kündigen", de),
            NormalizeQuery("abonnement kündigen", de));
}

TEST(QueryNormalizerTest, OnlyStopwordsAreKept) {
  EXPECT_EQ(En("how to"), "how to");
  EXPECT_EQ(En("?!"), "");
}

TEST(QueryNormalizerTest, KeepsPlaceholdersAndNumbers) {
  EXPECT_EQ(En("error 404 for <email>"), "404 email error");
}

}  // namespace
}  // namespace kb
