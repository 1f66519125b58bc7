#include <gtest/gtest.h>

#include "server/insight/popularity_refresher.h"
#include "server/search/live_index.h"
#include "server/search/query_normalizer.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_index.h"
#include "tests/support/fixture_searcher.h"
#include "tests/support/temp_dir.h"

namespace kb {
namespace {

constexpr std::int64_t kNow = 1800000000000LL;

OutcomeSignal Signal(EventType type, const std::string& session, std::int64_t time_ms = kNow,
                     const std::string& slug = "refunds") {
  return {"money refund", slug, type, session, time_ms};
}

TEST(PopularityTableTest, HelpfulResultsRiseWithinABound) {
  auto none = PopularityFromSignals({}, kNow);
  EXPECT_EQ(none->Boost("money refund", "refunds"), 1.0);
  auto some = PopularityFromSignals(
      {Signal(EventType::kClick, "a"), Signal(EventType::kHelpful, "a")}, kNow);
  auto more =
      PopularityFromSignals({Signal(EventType::kClick, "a"), Signal(EventType::kHelpful, "a"),
                             Signal(EventType::kClick, "b"), Signal(EventType::kHelpful, "b"),
                             Signal(EventType::kClick, "c"), Signal(EventType::kHelpful, "c")},
                            kNow);
  EXPECT_GT(some->Boost("money refund", "refunds"), 1.0);
  EXPECT_GT(more->Boost("money refund", "refunds"), some->Boost("money refund", "refunds"));
  // However many sessions, never more than the bound.
  std::vector<OutcomeSignal> crowd;
  for (int i = 0; i < 1000; ++i)
    crowd.push_back(Signal(EventType::kHelpful, "s" + std::to_string(i)));
  const double crowd_boost = PopularityFromSignals(crowd, kNow)->Boost("money refund", "refunds");
  EXPECT_LE(crowd_boost, 1 + kMaxPopularityBoost);
  EXPECT_GT(crowd_boost, 1 + kMaxPopularityBoost * 0.99);
  // Only for that kind of query, only for that article.
  EXPECT_EQ(more->Boost("cancel subscript", "refunds"), 1.0);
  EXPECT_EQ(more->Boost("money refund", "invoices"), 1.0);
}

TEST(PopularityTableTest, OneSessionCountsOnce) {
  std::vector<OutcomeSignal> repeated;
  for (int i = 0; i < 50; ++i) repeated.push_back(Signal(EventType::kHelpful, "same", kNow - i));
  EXPECT_EQ(PopularityFromSignals(repeated, kNow)->Boost("money refund", "refunds"),
            PopularityFromSignals({Signal(EventType::kHelpful, "same")}, kNow)
                ->Boost("money refund", "refunds"));
}

TEST(PopularityTableTest, NotHelpfulCountsAgainstAndOldSignalsFade) {
  auto mixed =
      PopularityFromSignals({Signal(EventType::kClick, "a"), Signal(EventType::kNotHelpful, "a"),
                             Signal(EventType::kClick, "b")},
                            kNow);
  auto clicks =
      PopularityFromSignals({Signal(EventType::kClick, "a"), Signal(EventType::kClick, "b")}, kNow);
  EXPECT_LT(mixed->Boost("money refund", "refunds"), clicks->Boost("money refund", "refunds"));
  auto old = PopularityFromSignals({Signal(EventType::kHelpful, "a", kNow - 90 * kDayMs),
                                    Signal(EventType::kHelpful, "b", kNow - 90 * kDayMs)},
                                   kNow);
  auto fresh = PopularityFromSignals(
      {Signal(EventType::kHelpful, "a"), Signal(EventType::kHelpful, "b")}, kNow);
  EXPECT_LT(old->Boost("money refund", "refunds") - 1,
            (fresh->Boost("money refund", "refunds") - 1) / 4);  // three half-lives
}

TEST(PopularityRefresherTest, ReadsCustomerOutcomesFromTheLog) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/log.sqlite";
  {
    auto log = LogDatabase::Open(path);
    ASSERT_TRUE(log.ok());
    for (const bool agent : {false, true}) {
      StoredSearch s;
      s.id = agent ? "agentsearch00001" : "customersearch01";
      s.time_ms = kNow;
      s.query = agent ? "manual refund" : "money back";
      s.normalized = agent ? "manual refund" : "back money";
      s.agent = agent;
      ASSERT_TRUE((*log)->InsertSearch(s).ok());
      for (const EventType type : {EventType::kClick, EventType::kHelpful}) {
        StoredEvent e{kNow, s.id, type, "refunds", "session-1", ""};
        ASSERT_TRUE((*log)->InsertEvent(e).ok());
      }
    }
  }
  FakeClock clock(kNow);
  PopularityRefresher refresher(path, std::chrono::hours(1), clock);
  EXPECT_GT(refresher.Current()->Boost("back money", "refunds"), 1.0);
  EXPECT_FALSE(refresher.Current()->Knows("manual refund"));  // agents do not count
}

// Through the Searcher, on the fixture help center, with the boost's bound computed from the
// real scores so the test holds whatever the ranking.
class PopularSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(dir_->path());
    index_ = LiveIndex::Open(dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }
  static SearchResult Search(const std::string& q, const PopularityTable* table,
                             SearchFeatures features = {}) {
    return testing::SearchIndex(*index_, q, features, table);
  }
  static std::shared_ptr<const PopularityTable> Loved(const std::string& normalized,
                                                      const std::vector<std::string>& slugs) {
    std::vector<OutcomeSignal> signals;
    for (const std::string& slug : slugs) {
      for (int i = 0; i < 100; ++i) {
        signals.push_back({normalized, slug, EventType::kHelpful, "s" + std::to_string(i), kNow});
      }
    }
    return PopularityFromSignals(signals, kNow);
  }
  static std::size_t Rank(const SearchResult& r, const std::string& slug) {
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
      if (r.hits[i].slug == slug) return i + 1;
    }
    return 0;
  }

  static testing::TempDir* dir_;
  static LiveIndex* index_;
};
testing::TempDir* PopularSearchTest::dir_ = nullptr;
LiveIndex* PopularSearchTest::index_ = nullptr;

TEST_F(PopularSearchTest, LiftsACloseResult) {
  // Two articles match "account" about equally well.
  const SearchResult before = Search("account ", nullptr);
  ASSERT_EQ(before.hits.size(), 2u);
  ASSERT_LT(before.hits[0].score / before.hits[1].score, 1 + kMaxPopularityBoost / 2);
  const std::string second = before.hits[1].slug;
  const auto table = Loved("account", {second});
  EXPECT_EQ(Search("account ", table.get()).hits[0].slug, second);
  EXPECT_EQ(Search("Account", table.get()).hits[0].slug, second);  // the same kind of query
  // Off in the plain configuration.
  EXPECT_EQ(Search("account ", table.get(), SearchFeatures::Plain()).hits[0].slug,
            before.hits[0].slug);
}

TEST_F(PopularSearchTest, NeverLiftsAFarResultOrAddsAnUnrelatedOne) {
  const std::string query = "billing settings ";
  const SearchResult before = Search(query, nullptr);
  ASSERT_GE(before.hits.size(), 3u);
  const SearchHit& far = before.hits.back();
  ASSERT_GT(before.hits[0].score / far.score, 1 + kMaxPopularityBoost);
  const std::string unrelated = "webhooks";
  ASSERT_EQ(Rank(before, unrelated), 0u);

  const auto table = Loved("bill set", {far.slug, unrelated});
  ASSERT_EQ(NormalizeQuery(query, *LanguageForLocale("en")), "bill set");
  const SearchResult after = Search(query, table.get());
  EXPECT_GT(Rank(after, far.slug), 1u) << "a result more than the bound below stays below";
  EXPECT_EQ(Rank(after, unrelated), 0u) << "popularity never adds a match";
}

}  // namespace
}  // namespace kb
