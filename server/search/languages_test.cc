// Every language Xapian 1.4 can stem works end to end: an article written in it is indexed with
// its stemmer, and a query asking for that locale finds it through the same stemmer.
#include <gtest/gtest.h>

#include "indexer/index_builder.h"
#include "server/search/live_index.h"
#include "server/search/searcher.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

// Xapian 1.4's stemmers by language code, with a word in two inflected forms the stemmer joins
// (or, where none was checked, the same word twice).
struct Sample {
  const char* locale;
  const char* indexed;
  const char* searched;
};
constexpr Sample kSamples[] = {
    {"ar", "الفواتير", "الفواتير"},       {"ca", "factures", "factura"},
    {"da", "fakturaer", "faktura"},       {"de", "Rechnungen", "rechnung"},
    {"en", "invoices", "invoice"},        {"es", "facturas", "factura"},
    {"eu", "fakturak", "fakturak"},       {"fi", "laskut", "laskut"},
    {"fr", "factures", "facture"},        {"ga", "sonraisc", "sonraisc"},
    {"hu", "számlák", "számlák"},         {"hy", "հաշիվներ", "հաշիվներ"},
    {"id", "tagihan", "tagihan"},         {"it", "fatture", "fattura"},
    {"lt", "sąskaitos", "sąskaitos"},     {"ne", "बिलहरू", "बिलहरू"},
    {"nl", "facturen", "factuur"},        {"no", "fakturaer", "fakturaer"},
    {"pt", "faturas", "fatura"},          {"ro", "facturile", "facturile"},
    {"ru", "счетами", "счета"},           {"sv", "fakturor", "fakturor"},
    {"ta", "விலைப்பட்டியல்", "விலைப்பட்டியல்"}, {"tr", "faturalar", "faturalar"},
};

TEST(LanguagesTest, EveryXapianStemmerWorksInArticlesAndQueries) {
  testing::TempDir dir;
  MemorySource source;
  for (const Sample& s : kSamples) {
    source.Put(std::string("docs/") + s.locale + ".md", std::string("---\ntitle: Help ") +
                                                            s.locale + "\nlocale: " + s.locale +
                                                            "\n---\nSee " + s.indexed + " here.\n");
  }
  std::vector<std::string> problems;
  ASSERT_TRUE(BuildIndex(source, dir.path(), {}, [&](const std::string& p) {
                problems.push_back(p);
              }).ok());
  EXPECT_TRUE(problems.empty()) << problems.front();
  auto live = LiveIndex::Open(dir.path());
  ASSERT_TRUE(live.ok());
  EXPECT_EQ((*live)->info().locales.size(), std::size(kSamples));
  const Searcher searcher{ArticleUrls()};
  for (const Sample& s : kSamples) {
    SearchRequest request;
    request.query = std::string(s.searched) + " ";
    request.locale = s.locale;
    auto result =
        (*live)->WithDatabase<SearchResult>([&](const Xapian::Database& db, const IndexInfo& info) {
          return searcher.Search(db, info, request);
        });
    ASSERT_TRUE(result.ok()) << s.locale;
    EXPECT_EQ(result->locale, s.locale);
    ASSERT_EQ(result->hits.size(), 1u) << s.locale << ": " << s.searched;
    EXPECT_EQ(result->hits[0].locale, s.locale);
  }
}

}  // namespace
}  // namespace kb
