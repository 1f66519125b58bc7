// Applying the index's synonym table (articles/_synonyms.yaml, see core/synonyms.h) to a query.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>

namespace kb {

// Parses `text` into a query: `parse` must parse its first argument with the query parser set
// up for one locale, adding its second argument to the parser flags. Xapian's parser expands
// each word and each run of words that has entries in the synonym table
// (FLAG_AUTO_SYNONYMS | FLAG_AUTO_MULTIWORD_SYNONYMS); on top of that:
//   - the word still being typed (no trailing space) is a prefix, for which Xapian expands no
//     synonym, so "money back" would miss "refund" until a space follows. When the text read as
//     complete expands to something else, each document is scored by the better of the two
//     readings (OP_MAX): search-as-you-type keeps its prefix matches and gains the synonyms;
//   - a phrase in the table ("two factor") becomes a phrase query, since Xapian 1.4 uses a
//     synonym as one term. See PhraseSynonyms().
// `parse` is called last for `text` itself, so the parser's corrected query string is for it.
Xapian::Query ParseWithSynonyms(const Xapian::Database& db, const std::string& text,
                                const std::function<Xapian::Query(const std::string&, unsigned)>& parse);

// `query` with every term that holds a space (a phrase from the synonym table, which matches no
// indexed term) replaced by the phrase query of its words. Only the operators the query parser
// puts above a synonym are rebuilt; anything else is returned as it is.
Xapian::Query PhraseSynonyms(const Xapian::Query& query);

}  // namespace kb
