// "Related articles" for an article page: the articles that share the most distinctive terms
// with it, found by Xapian's relevance-set expansion (the article's sections are the relevant
// set; the expansion picks the terms that best tell them apart from the rest of the index).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/index_records.h"

namespace kb {

struct ArticleLink {
  std::string slug;
  std::string title;
};

// The most terms of the article that the search for related ones uses.
inline constexpr Xapian::termcount kRelatedExpandTerms = 30;

// Up to `limit` other articles of `article`'s locale, most related first. Internal articles are
// only ever considered when `include_internal` (agents). Throws Xapian::Error.
std::vector<ArticleLink> FindRelatedArticles(const Xapian::Database& db,
                                             const ArticleRecord& article, bool include_internal,
                                             std::size_t limit);

}  // namespace kb
