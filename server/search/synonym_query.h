// Applying the index's synonym table (articles/_synonyms.yaml, see core/synonyms.h) to a query.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace kb {

// Parses `text` into a query: `parse` must parse its first argument with the query parser set
// up for one locale, adding its second argument to the parser flags. The result is the query as
// typed, OR the query read with the synonym table at half weight, so that exact words keep
// ranking first and synonyms add matches:
//   - Xapian's parser expands each word and each run of words that has entries in the table
//     (FLAG_AUTO_SYNONYMS | FLAG_AUTO_MULTIWORD_SYNONYMS) into one OP_SYNONYM;
//   - it expands nothing for the word still being typed (no trailing space), a prefix, so the
//     synonyms are read from the text as if it were complete: "money back" finds "refund"
//     before the space is typed;
//   - a phrase in the table ("two factor") becomes a phrase query, since Xapian 1.4 uses a
//     synonym as one term. See PhraseSynonyms().
// When the table has nothing for `text`, returns the query as typed alone. `words` are the
// query's words (QueryAnalysis::words) and `stemmer` the locale's: when no synonym key starts
// with any of them, as typed or stemmed, the text is parsed once, without the table.
Xapian::Query ParseWithSynonyms(
    const Xapian::Database& db, const std::string& text, const std::vector<std::string>& words,
    const Xapian::Stem& stemmer,
    const std::function<Xapian::Query(const std::string&, unsigned)>& parse);

// `query` with every term that holds a space (a phrase from the synonym table, which matches no
// indexed term) replaced by the phrase query of its words. Only the operators the query parser
// puts above a synonym are rebuilt; anything else is returned as it is.
Xapian::Query PhraseSynonyms(const Xapian::Query& query);

}  // namespace kb
