// _synonyms.yaml and _rules.yaml through BuildIndex, the path kb-index takes.
#include "indexer/settings_files.h"

#include <gtest/gtest.h>

#include "core/index_layout.h"
#include "core/index_records.h"
#include "core/schema.h"
#include "indexer/index_builder.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class SettingsFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_.Put("billing/refunds.md", "# Refund policy\n\nMoney back within 14 days.\n");
    source_.Put("billing/invoices.md", "# Download invoices\n\nEvery payment has an invoice.\n");
  }

  IndexSummary Build(IndexerOptions options = {}) {
    diagnostics_.clear();
    auto summary = BuildIndex(source_, dir_.path(), options,
                              [&](const std::string& line) { diagnostics_.push_back(line); });
    EXPECT_TRUE(summary.ok()) << summary.status().message();
    return summary.ok() ? *summary : IndexSummary{};
  }

  Xapian::Database Live() {
    auto db =
        index_layout::OpenGeneration(dir_.path(), *index_layout::CurrentGeneration(dir_.path()));
    EXPECT_TRUE(db.ok());
    return *db;
  }
  std::string Generation() { return *index_layout::CurrentGeneration(dir_.path()); }

  // "key: value value" for every entry of the live synonym table.
  std::vector<std::string> SynonymTable() {
    Xapian::Database db = Live();
    std::vector<std::string> lines;
    for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
      std::string line = *key + ":";
      for (auto v = db.synonyms_begin(*key); v != db.synonyms_end(*key); ++v) line += " " + *v;
      lines.push_back(line);
    }
    return lines;
  }

  MemorySource source_;
  testing::TempDir dir_;
  std::vector<std::string> diagnostics_;
};

TEST_F(SettingsFilesTest, FillsTheSynonymTable) {
  source_.Put("_synonyms.yaml",
              "equivalent:\n  - [refund, money back]\none_way:\n  bill: invoice\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.articles, 2);  // _synonyms.yaml is not an article
  EXPECT_TRUE(diagnostics_.empty());
  EXPECT_EQ(SynonymTable(), (std::vector<std::string>{
                                "Zbill: Zinvoic",
                                "Zrefund: money back",
                                "bill: Zinvoic",
                                "money back: Zrefund",
                                "refund: money back",
                            }));
}

TEST_F(SettingsFilesTest, FilesStartingWithAnUnderscoreAreNotArticles) {
  source_.Put("billing/_draft.md", "# Draft\n\nNot yet.\n");
  EXPECT_EQ(Build().articles, 2);
  EXPECT_TRUE(Live().get_metadata(schema::ArticleKey("_draft")).empty());
}

TEST_F(SettingsFilesTest, AChangedFileAloneMakesANewGeneration) {
  source_.Put("_synonyms.yaml", "equivalent:\n  - [refund, payback]\n");
  Build();
  const std::string first = Generation();
  EXPECT_FALSE(Build().published);  // unchanged: nothing written
  EXPECT_EQ(Generation(), first);

  source_.Put("_synonyms.yaml", "equivalent:\n  - [erase, delete]\n");
  const IndexSummary summary = Build();
  EXPECT_TRUE(summary.published);
  EXPECT_EQ(summary.unchanged, 2);
  EXPECT_NE(Generation(), first);
  EXPECT_EQ(SynonymTable(), (std::vector<std::string>{"Zdelet: Zeras", "Zeras: Zdelet",
                                                      "delete: Zeras", "erase: Zdelet"}));

  source_.Remove("_synonyms.yaml");  // deleting the file empties the table
  EXPECT_TRUE(Build().published);
  EXPECT_TRUE(SynonymTable().empty());
}

TEST_F(SettingsFilesTest, ABrokenFileKeepsThePreviousSynonymsAndIsReported) {
  source_.Put("_synonyms.yaml", "equivalent:\n  - [refund, payback]\n");
  Build();
  const std::vector<std::string> before = SynonymTable();
  ASSERT_FALSE(before.empty());

  source_.Put("_synonyms.yaml", "equivalent:\n  - [erase]\n");
  source_.Put("billing/refunds.md", "# Refund policy\n\nMoney back within 30 days.\n");
  IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.updated, 1);  // the articles are still indexed
  EXPECT_EQ(diagnostics_, (std::vector<std::string>{
                              "articles/_synonyms.yaml:2:5: a group needs at least two entries; "
                              "add one or remove the group",
                              "articles/_synonyms.yaml: the index keeps the previous version of "
                              "this file"}));
  EXPECT_EQ(SynonymTable(), before);

  // A full rebuild starts from an empty database and still keeps them.
  summary = Build({.full_rebuild = true});
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(SynonymTable(), before);
}

TEST_F(SettingsFilesTest, AnOversizedFileIsRefused) {
  source_.Put("_synonyms.yaml", "one_way:\n" + std::string(kMaxArticleBytes, '#') + "\n");
  EXPECT_EQ(Build().failed, 1);
  ASSERT_FALSE(diagnostics_.empty());
  EXPECT_EQ(diagnostics_[0],
            "articles/_synonyms.yaml:1:1: the file is larger than 1 MiB; split or trim it");
}

TEST_F(SettingsFilesTest, StoresRulesAndWarnsAboutUnknownArticles) {
  source_.Put("_rules.yaml", "- query: invoices\n  pin: [invoices, nope]\n  hide: refunds\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 0);  // a warning, not a failure: the article may come later
  EXPECT_EQ(diagnostics_,
            std::vector<std::string>{
                "articles/_rules.yaml:2:19: no article has the slug 'nope'; the rule does nothing "
                "for it until one does (check the spelling against the article's 'slug:' or file "
                "name) (warning)"});
  auto rules = ParseCurationRecord(Live().get_metadata(std::string(schema::kMetaCurationRules)));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].queries, std::vector<std::string>{"invoices"});
  EXPECT_EQ((*rules)[0].pin.size(), 2u);
  EXPECT_EQ((*rules)[0].hide[0].slug, "refunds");
}

TEST_F(SettingsFilesTest, BrokenRulesKeepThePreviousOnes) {
  source_.Put("_rules.yaml", "- query: invoices\n  pin: invoices\n");
  Build();
  const std::string stored = Live().get_metadata(std::string(schema::kMetaCurationRules));
  ASSERT_FALSE(stored.empty());
  source_.Put("_rules.yaml", "- query: invoices\n  pinned: invoices\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  ASSERT_FALSE(diagnostics_.empty());
  EXPECT_EQ(diagnostics_[0],
            "articles/_rules.yaml:2:3: unknown key 'pinned' in a rule; expected query, pin, hide");
  EXPECT_EQ(Live().get_metadata(std::string(schema::kMetaCurationRules)), stored);
}

}  // namespace
}  // namespace kb
