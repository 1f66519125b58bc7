#include "indexer/index_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/index_layout.h"
#include "core/index_records.h"
#include "core/schema.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

class IndexBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_.Put("billing/refunds.md",
                "---\ntitle: Refund policy\ntags: [refunds]\n---\nMoney back within 14 days.\n\n"
                "## Annual plans\n\nFull refund.\n\n## Monthly plans\n\nNo refund.\n");
    source_.Put("account/reset-password.md", "# Reset your password\n\nUse the reset link.\n");
    source_.Put("internal/manual-refund.md",
                "---\ntitle: Issue a manual refund\naudience: internal\n---\n"
                "Open the zorblatt console.\n");
  }

  IndexSummary Build(IndexerOptions options = {}) {
    diagnostics_.clear();
    auto summary = BuildIndex(source_, dir_.path(), options,
                              [&](const std::string& line) { diagnostics_.push_back(line); });
    EXPECT_TRUE(summary.ok()) << summary.status().message();
    return summary.ok() ? *summary : IndexSummary{};
  }

  Xapian::Database Live() {
    auto generation = index_layout::CurrentGeneration(dir_.path());
    EXPECT_TRUE(generation.ok());
    auto db = index_layout::OpenGeneration(dir_.path(), *generation);
    EXPECT_TRUE(db.ok()) << db.status().message();
    return *db;
  }

  std::string Generation() { return *index_layout::CurrentGeneration(dir_.path()); }

  static bool HasTerm(const Xapian::Database& db, const std::string& term) {
    return db.term_exists(term);
  }

  MemorySource source_;
  testing::TempDir dir_;
  std::vector<std::string> diagnostics_;
};

TEST_F(IndexBuilderTest, BuildsOneDocumentPerSection) {
  const IndexSummary summary = Build();
  EXPECT_TRUE(summary.published);
  EXPECT_EQ(summary.articles, 3);
  EXPECT_EQ(summary.sections, 5);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.added, 3);
  EXPECT_TRUE(diagnostics_.empty());
  EXPECT_EQ(summary.Line().rfind("indexed 3 articles (5 sections), 0 failed, ", 0), 0u)
      << summary.Line();

  Xapian::Database db = Live();
  EXPECT_EQ(db.get_doccount(), 5u);
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kVersion));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaLocales)), "en");
  auto article = ParseArticleRecord(db.get_metadata(schema::ArticleKey("refunds")));
  ASSERT_TRUE(article.ok());
  ASSERT_EQ(article->sections.size(), 2u);
  EXPECT_EQ(article->sections[0].anchor, "annual-plans");
  EXPECT_NE(article->html.find("<h2 id=\"annual-plans\">"), std::string::npos);
}

TEST_F(IndexBuilderTest, UnchangedFolderRewritesNothing) {
  Build();
  const std::string generation = Generation();
  const IndexSummary again = Build();
  EXPECT_FALSE(again.published);
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(again.articles, 3);
  EXPECT_EQ(Generation(), generation);
  EXPECT_NE(again.Line().find("index unchanged"), std::string::npos);
}

TEST_F(IndexBuilderTest, EditedArticleIsReplacedAndDeletedOneDisappears) {
  Build();
  source_.Put("billing/refunds.md", "---\ntitle: Refund policy\n---\nReimbursement rules.\n");
  source_.Remove("account/reset-password.md");
  const IndexSummary summary = Build();
  EXPECT_TRUE(summary.published);
  EXPECT_EQ(summary.updated, 1);
  EXPECT_EQ(summary.deleted, 1);
  EXPECT_EQ(summary.unchanged, 1);
  EXPECT_EQ(summary.articles, 2);
  EXPECT_EQ(summary.sections, 2);

  Xapian::Database db = Live();
  EXPECT_TRUE(HasTerm(db, "reimbursement"));
  EXPECT_FALSE(HasTerm(db, "annual"));  // the removed sections are gone
  EXPECT_FALSE(HasTerm(db, "XARTreset-password"));
  EXPECT_EQ(db.get_metadata(schema::ArticleKey("reset-password")), "");
}

TEST_F(IndexBuilderTest, BrokenArticleIsReportedAndTheRestIndexed) {
  source_.Put("billing/broken.md", "---\ntitle: Broken\ntags: billing\n---\nText\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.articles, 3);
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0],
            "articles/billing/broken.md:3:7: front matter: 'tags' must be a list of strings");
}

TEST_F(IndexBuilderTest, UnreadableFileIsReportedAndTheRestIndexed) {
  source_.PutUnreadable("billing/locked.md");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.articles, 3);
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0],
            "articles/billing/locked.md:1:1: cannot read the file: Permission denied");
}

TEST_F(IndexBuilderTest, PreviouslyIndexedVersionOfABrokenArticleStaysLive) {
  Build();
  source_.Put("billing/refunds.md", "---\ntitle: [oops\n---\nbroken\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.articles, 3);
  EXPECT_TRUE(HasTerm(Live(), "XARTrefunds"));
  ASSERT_EQ(diagnostics_.size(), 2u);
  EXPECT_NE(diagnostics_[1].find("previously indexed version stays live"), std::string::npos);
}

TEST_F(IndexBuilderTest, DuplicateSlugKeepsTheFirstAndReportsTheSecond) {
  source_.Put("zzz/other.md", "---\ntitle: Other\nslug: refunds\n---\nText\n");
  const IndexSummary summary = Build();
  EXPECT_EQ(summary.failed, 1);
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0],
            "articles/zzz/other.md:3:1: duplicate slug 'refunds': articles/billing/refunds.md "
            "already uses it; set a different 'slug:'");
  auto article = ParseArticleRecord(Live().get_metadata(schema::ArticleKey("refunds")));
  EXPECT_EQ(article->title, "Refund policy");
}

TEST_F(IndexBuilderTest, SpellingComesFromPublicArticlesOnly) {
  Build();
  Xapian::Database db = Live();
  EXPECT_EQ(db.get_spelling_suggestion("refnud"), "refund");
  EXPECT_EQ(db.get_spelling_suggestion("zorblat"), "");  // only in an internal article

  source_.Remove("billing/refunds.md");
  Build();
  // "refund" now appears only in the internal article, which does not feed spelling.
  EXPECT_EQ(Live().get_spelling_suggestion("refnud"), "");
}

TEST_F(IndexBuilderTest, SchemaMismatchRebuildsFromScratch) {
  Build();
  {
    const std::string path = index_layout::GenerationPath(dir_.path(), Generation());
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "0");
    db.commit();
  }
  const IndexSummary summary = Build();
  EXPECT_TRUE(summary.published);
  EXPECT_EQ(summary.added, 3);
  ASSERT_FALSE(diagnostics_.empty());
  EXPECT_NE(diagnostics_[0].find("rebuilding"), std::string::npos);
  EXPECT_EQ(Live().get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kVersion));
}

TEST_F(IndexBuilderTest, FullRebuildReindexesEverything) {
  Build();
  IndexerOptions options;
  options.full_rebuild = true;
  const IndexSummary summary = Build(options);
  EXPECT_TRUE(summary.published);
  EXPECT_EQ(summary.added, 3);
  EXPECT_EQ(summary.articles, 3);
}

TEST_F(IndexBuilderTest, OldGenerationsAreRemovedButRecentOnesKept) {
  for (int i = 0; i < 5; ++i) {
    source_.Put("billing/refunds.md", "# Refunds v" + std::to_string(i) + "\n\nText\n");
    Build();
  }
  int generations = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    if (entry.path().filename().string().rfind("gen-", 0) == 0) ++generations;
  }
  EXPECT_EQ(generations, 3);  // the live one and two previous
}

TEST_F(IndexBuilderTest, LeftoverOfAnInterruptedRunIsIgnoredAndCleaned) {
  Build();
  const std::string live = Generation();
  // A run that died after creating its generation but before publishing it.
  const std::string orphan = index_layout::NextGenerationName(dir_.path());
  std::filesystem::create_directories(index_layout::GenerationPath(dir_.path(), orphan));
  std::ofstream(index_layout::GenerationPath(dir_.path(), orphan) + "/junk") << "partial";
  EXPECT_EQ(Generation(), live);
  source_.Put("billing/new.md", "# New\n\ntext\n");
  Build();
  EXPECT_NE(Generation(), live);
  EXPECT_EQ(Live().get_doccount(), 6u);
}

TEST_F(IndexBuilderTest, ConcurrentRunIsRefused) {
  auto lock = index_layout::WriterLock::Acquire(dir_.path());
  ASSERT_TRUE(lock.ok());
  auto summary = BuildIndex(source_, dir_.path(), {}, [](const std::string&) {});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().reason(), "index_locked");
}

}  // namespace
}  // namespace kb

namespace kb {
namespace {

// Everything a database holds that a search or a later run reads, document by document.
std::vector<std::string> Contents(const Xapian::Database& db) {
  std::vector<std::string> contents;
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const Xapian::Document doc = db.get_document(*id);
    std::string line = std::to_string(*id) + " " + doc.get_data();
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      line += " " + *term + ":" + std::to_string(term.get_wdf());
      for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
        line += "," + std::to_string(*pos);
      }
    }
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) line += " " + *value;
    contents.push_back(line);
  }
  for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
    if (*key != schema::kMetaBuiltAt) contents.push_back(*key + "=" + db.get_metadata(*key));
  }
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
    contents.push_back("spelling " + *word + ":" + std::to_string(word.get_termfreq()));
  }
  return contents;
}

TEST(IndexBuilderThreadsTest, SeveralThreadsBuildTheSameIndexAsOne) {
  MemorySource source;
  // Enough articles for several shares, with words shared across shares (the spelling
  // frequencies must add up) and an internal one in each share.
  for (int i = 0; i < 450; ++i) {
    source.Put("topic-" + std::to_string(i % 7) + "/article-" + std::to_string(i) + ".md",
               "---\ntitle: Article " + std::to_string(i) + " about refunds\n" +
                   (i % 150 == 3 ? "audience: internal\n" : "") + "---\nWord" +
                   std::to_string(i % 13) + " and refunds.\n\n## Section\n\nMore text " +
                   std::to_string(i) + ".\n");
  }
  std::vector<std::vector<std::string>> built;
  for (int threads : {1, 3}) {
    testing::TempDir dir;
    IndexerOptions options;
    options.threads = threads;
    auto summary = BuildIndex(source, dir.path(), options, [](const std::string&) {});
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->articles, 450);
    auto generation = index_layout::CurrentGeneration(dir.path());
    ASSERT_TRUE(generation.ok());
    auto db = index_layout::OpenGeneration(dir.path(), *generation);
    ASSERT_TRUE(db.ok());
    built.push_back(Contents(*db));
    // No share is left behind in the served generation.
    for (const auto& entry : std::filesystem::directory_iterator(
             index_layout::GenerationPath(dir.path(), *generation))) {
      EXPECT_FALSE(entry.is_directory()) << entry.path();
    }
  }
  EXPECT_EQ(built[0].size(), built[1].size());
  EXPECT_EQ(built[0], built[1]);
}

}  // namespace
}  // namespace kb
