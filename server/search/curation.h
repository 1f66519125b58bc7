// Curation on the page: the articles that the rules of articles/_rules.yaml pin for a query
// (curation_rules_index.h says which) take the first places, each shown by its best section.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "server/search/query_builder.h"

namespace kb {

// How one page of results is split between `pins` pinned articles, which come first, and the
// ranked results after them.
struct PageSplit {
  std::size_t first_pin = 0;  // the pinned articles on this page: [first_pin, first_pin + pins)
  std::size_t pins = 0;
  Xapian::doccount ranked_offset = 0;  // the ranked results on this page
  Xapian::doccount ranked_limit = 0;
};
PageSplit SplitPage(std::size_t pins, Xapian::doccount offset, Xapian::doccount limit);

// The section of `slug` to show when it is pinned: among its sections that `filters` let through
// (their exclusions aside), the one `text_query` ranks best, else the introduction. An empty MSet
// when the filters let no section of it through (an internal article for a customer, another
// locale or category).
Xapian::MSet PinnedSection(const Xapian::Database& db, const std::string& slug,
                           const Xapian::Query& text_query, QueryFilters filters);

}  // namespace kb
