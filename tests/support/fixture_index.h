// Builds the test fixture articles (tests/fixtures/articles) into a fresh index with the real
// indexer. For tests only.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "indexer/index_builder.h"
#include "tests/support/temp_dir.h"

#ifndef KB_SOURCE_DIR
#error "KB_SOURCE_DIR must be defined by the build"
#endif

namespace kb::testing {

inline std::string FixtureArticlesDir() {
  return std::string(KB_SOURCE_DIR) + "/tests/fixtures/articles";
}

// Indexes `articles_dir` into `index_dir`; fails the current test on any error.
inline void BuildFixtureIndex(const std::string& index_dir,
                              const std::string& articles_dir = FixtureArticlesDir()) {
  DirectorySource source(articles_dir);
  std::string problems;
  auto summary =
      BuildIndex(source, index_dir, {}, [&](const std::string& line) { problems += line + "\n"; });
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->failed, 0) << problems;
}

}  // namespace kb::testing
