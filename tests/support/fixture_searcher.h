// The fixture help center (tests/fixtures/articles, with its _synonyms.yaml and _rules.yaml)
// indexed once per test suite and searched through the same LiveIndex and Searcher the server
// uses. For tests only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "server/search/live_index.h"
#include "server/search/searcher.h"
#include "tests/support/fixture_index.h"

namespace kb::testing {

// Searches `index` the way the server does, with `features` and, optionally, a popularity table.
// A failed search is a test failure and an empty result.
inline SearchResult SearchIndex(LiveIndex& index, const SearchRequest& request,
                                SearchFeatures features = {},
                                const PopularityTable* popularity = nullptr) {
  const Searcher searcher{ArticleUrls(), features};
  auto result =
      index.WithDatabase<SearchResult>([&](const Xapian::Database& db, const IndexInfo& info) {
        return searcher.Search(db, info, request, popularity);
      });
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : SearchResult{};
}
inline SearchResult SearchIndex(LiveIndex& index, const std::string& query,
                                SearchFeatures features = {},
                                const PopularityTable* popularity = nullptr) {
  SearchRequest request;
  request.query = query;
  return SearchIndex(index, request, features, popularity);
}

class FixtureSearcher {
 public:
  FixtureSearcher() {
    BuildFixtureIndex(dir_.path());
    auto live = LiveIndex::Open(dir_.path());
    EXPECT_TRUE(live.ok()) << live.status().message();
    if (live.ok()) index_ = std::move(*live);
  }

  SearchResult Search(const SearchRequest& request, SearchFeatures features = {}) const {
    return SearchIndex(*index_, request, features);
  }
  SearchResult Search(const std::string& query, SearchFeatures features = {}) const {
    return SearchIndex(*index_, query, features);
  }

  // Runs `fn(db)` on the live generation.
  template <typename Fn>
  void WithDatabase(Fn fn) const {
    auto done = index_->WithDatabase<bool>([&](const Xapian::Database& db, const IndexInfo&) {
      fn(db);
      return true;
    });
    EXPECT_TRUE(done.ok());
  }

  static std::vector<std::string> Slugs(const SearchResult& result) {
    std::vector<std::string> slugs;
    for (const SearchHit& hit : result.hits) slugs.push_back(hit.slug);
    return slugs;
  }

 private:
  TempDir dir_;
  std::unique_ptr<LiveIndex> index_;
};

}  // namespace kb::testing
