#include "server/search/result_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace kb {
namespace {

SearchRequest Request(const std::string& query) {
  SearchRequest request;
  request.query = query;
  return request;
}

SearchResult ResultWithTotal(Xapian::doccount total) {
  SearchResult result;
  result.total = total;
  return result;
}

TEST(ResultCacheTest, AStoredResultIsFoundUnderTheSameKey) {
  ResultCache cache(100);
  const std::string key = ResultCache::KeyFor("gen-000001", Request("refund"));
  EXPECT_EQ(cache.Get(key), nullptr);
  cache.Put(key, ResultWithTotal(7));
  auto found = cache.Get(key);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->total, 7u);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(ResultCacheTest, ANewIndexGenerationNeverGetsAnOldAnswer) {
  ResultCache cache(100);
  cache.Put(ResultCache::KeyFor("gen-000001", Request("refund")), ResultWithTotal(7));
  EXPECT_EQ(cache.Get(ResultCache::KeyFor("gen-000002", Request("refund"))), nullptr);
}

TEST(ResultCacheTest, EveryFieldThatChangesResultsIsPartOfTheKey) {
  const SearchRequest base = Request("refund");
  std::vector<SearchRequest> variants(9, base);
  variants[0].query = "refunds";
  variants[1].limit = 20;
  variants[2].offset = 10;
  variants[3].locale = "de";
  variants[4].category = "billing";
  variants[5].tags = {"billing"};
  variants[6].include_internal = true;
  variants[7].tags = {"billing", "refund"};
  variants[8].facets = true;
  const std::string base_key = ResultCache::KeyFor("gen-000001", base);
  for (const SearchRequest& variant : variants) {
    EXPECT_NE(ResultCache::KeyFor("gen-000001", variant), base_key);
  }
  // Fields do not run into each other: "a" + "b" is not "ab" + "".
  SearchRequest left = base;
  left.category = "ab";
  SearchRequest right = base;
  right.category = "a";
  right.tags = {"b"};
  EXPECT_NE(ResultCache::KeyFor("g", left), ResultCache::KeyFor("g", right));
  SearchRequest two_tags = base;
  two_tags.tags = {"a", "b"};
  SearchRequest one_tag = base;
  one_tag.tags = {"ab"};
  EXPECT_NE(ResultCache::KeyFor("g", two_tags), ResultCache::KeyFor("g", one_tag));
}

TEST(ResultCacheTest, TheSessionDoesNotChangeTheKey) {
  SearchRequest one = Request("refund");
  one.session = "visitor-1";
  SearchRequest other = Request("refund");
  other.session = "visitor-2";
  EXPECT_EQ(ResultCache::KeyFor("g", one), ResultCache::KeyFor("g", other));
}

TEST(ResultCacheTest, HoldsNoMoreThanItsCapacityAndDropsTheLeastRecentlyUsed) {
  ResultCache cache(16);
  const std::string first = ResultCache::KeyFor("g", Request("first"));
  cache.Put(first, ResultWithTotal(1));
  for (int i = 0; i < 1000; ++i) {
    cache.Put(ResultCache::KeyFor("g", Request("query " + std::to_string(i))), ResultWithTotal(2));
    ASSERT_NE(cache.Get(first), nullptr) << "used after every insertion, so never the oldest";
  }
  EXPECT_LE(cache.stats().entries, 16u);
  EXPECT_EQ(cache.Get(ResultCache::KeyFor("g", Request("query 0"))), nullptr);
}

TEST(ResultCacheTest, CapacityZeroStoresNothing) {
  ResultCache cache(0);
  const std::string key = ResultCache::KeyFor("g", Request("refund"));
  cache.Put(key, ResultWithTotal(7));
  EXPECT_EQ(cache.Get(key), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

// Every worker thread shares one cache. Under ThreadSanitizer (scripts/test.sh) this is the test
// that checks the claim; in the ordinary build it checks that the counts add up.
TEST(ResultCacheTest, ManyThreadsGetAndPutAtOnce) {
  ResultCache cache(64);
  constexpr int kThreads = 4;
  constexpr int kLookups = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < kLookups; ++i) {
        // A few keys shared by every thread (so shards are contended), some of its own.
        const std::string query = i % 2 ? "shared " + std::to_string(i % 10)
                                        : "own " + std::to_string(t) + " " + std::to_string(i);
        const std::string key = ResultCache::KeyFor("g", Request(query));
        if (auto found = cache.Get(key)) {
          EXPECT_EQ(found->total, query.size());
        } else {
          cache.Put(key, ResultWithTotal(query.size()));
        }
        if (i % 100 == 0) (void)cache.stats();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const ResultCacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits + stats.misses, std::uint64_t{kThreads} * kLookups);
  EXPECT_GT(stats.hits, 0u);
  EXPECT_LE(stats.entries, 64u);
}

}  // namespace
}  // namespace kb
