// Curation at search time: the rules of articles/_rules.yaml (stored in each index generation, see
// core/curation_rules.h) pin articles to the top of the results for given queries, or hide them.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/status.h"
#include "server/search/query_builder.h"

namespace kb {

// What the rules say about one query.
struct Curation {
  std::vector<std::string> pinned;  // shown first, in this order, each once
  std::vector<std::string> hidden;  // never shown

  // The articles the ranked results must leave out: hidden ones, and pinned ones, which are
  // already on top.
  std::vector<std::string> Excluded() const;
};

// The rules stored in `db` that apply to `query`: those with a query of the same normalized form
// (lower case, stopwords dropped, stemmed, order ignored; server/query_normalizer.h) in any of
// `locales`, so "Invoices" and "invoice" both match "invoices". Matching rules apply in file
// order; a slug both pinned and hidden by matching rules is hidden. Fails only when the stored
// rules cannot be read.
Result<Curation> CurationFor(const Xapian::Database& db, const std::string& query,
                             const std::vector<std::string>& locales);

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
