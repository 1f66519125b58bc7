// Typo tolerance at query time: the words of a query that the index does not know (or knows far
// less than a near spelling) also match the indexed words within the allowed edit distance,
// with a lower weight, so that an exact match always ranks above a corrected one.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

#include "core/language.h"
#include "server/search/query_analysis.h"
#include "server/search/typo_index.h"

namespace kb {

// How much a corrected word counts against the word it stands for. Low enough that a section
// with the exact word outranks one with a correction of it, other things being equal; high
// enough that a correction still ranks a section above one matching none of the query's words.
inline constexpr double kTypoWeight = 0.5;

// The most indexed words one query word may be corrected to.
inline constexpr std::size_t kMaxTypoCandidates = 4;

// A word is corrected when it is not in the index, or when a near spelling is this many times
// more frequent in the spelling data (the word itself is then most likely a typo in an article).
inline constexpr Xapian::doccount kRareWordRatio = 10;

// Letters as typo tolerance counts them (AllowedTypos): the code points of `word`.
std::size_t Letters(const std::string& word);

// Whether typo tolerance may correct `word` at all: it has no digit (a version, an error code) and
// is long enough for AllowedTypos to allow an edit. The gap report groups by the same rule.
bool MayBeCorrected(const std::string& word);

struct TypoExpansion {
  // OR of one OP_SYNONYM per corrected word over its candidates' stemmed terms, already scaled
  // by kTypoWeight; empty when no word needed correcting.
  Xapian::Query query;
  // `text` with each corrected word replaced by its best candidate, when every word that
  // carries meaning (not a stopword) was unknown and corrected: the query was rewritten as a
  // whole, which the response reports. Otherwise empty.
  std::string rewritten;
};

// The typo expansion of `query`'s words in `language`. A last word still being typed is only
// corrected when no indexed term starts with it.
TypoExpansion ExpandTypos(const Xapian::Database& db, const QueryAnalysis& query,
                          const Language& language, const TypoIndex& typos);

}  // namespace kb
