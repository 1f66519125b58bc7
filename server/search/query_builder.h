// Turns what a person typed into a Xapian query, following the schema table: the same prefixes,
// stemmers and stopwords the indexer used.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/language.h"
#include "server/search/query_analysis.h"
#include "server/search/ranking.h"
#include "server/search/typo_index.h"

namespace kb {

// The most terms one partially typed word (or explicit wildcard) may expand to. Expanding a
// one-letter prefix to every term in the index is the costliest thing a query can do; the most
// frequent matches are the ones worth keeping.
inline constexpr Xapian::termcount kMaxPrefixExpansion = 40;

struct QueryFilters {
  std::vector<std::string> locales;  // the locales searched (QueryAnalysis::locales)
  bool locale_requested = false;     // restrict to `locales` even when there is only one
  std::string category;              // "" = any
  std::vector<std::string> tags;     // all of them; empty = any
  bool include_internal = false;
  bool synonyms = false;                      // expand words with the index's synonym table
  std::vector<std::string> exclude_articles;  // slugs left out (curation: hidden or pinned)
};

// Query-time features that change what a query matches (the Searcher's SearchFeatures decide).
struct QueryFeatures {
  const TypoIndex* typos = nullptr;  // typo tolerance from this index's spelling data; null = off
  RankingParams ranking;             // phrase and title boosts
};

struct BuiltQuery {
  Xapian::Query query;
  // Set when typo tolerance corrected every meaningful word of the query (see ExpandTypos): the
  // query the results are really for.
  std::string typo_rewrite;
  // The parsed text alone, before the filters: what ranks the sections of a given article.
  Xapian::Query text_query;
};

// Parses `query` once per locale it is searched in (each restricted to its own locale's
// documents when there are several, so German articles are matched with the German stemmer),
// ORs the results and applies the filters. The last word matches as a prefix unless the text
// ends in a space. `db` supplies prefix expansions, synonyms and the words typo tolerance needs.
BuiltQuery BuildQuery(const Xapian::Database& db, const QueryAnalysis& query,
                      const QueryFilters& filters, const QueryFeatures& features = {});

// `query` restricted the way BuildQuery restricts results: a requested locale, category, tag,
// audience, and without the excluded articles.
Xapian::Query ApplyFilters(const Xapian::Query& query, const QueryFilters& filters);

}  // namespace kb
