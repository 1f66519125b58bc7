#include "server/search/synonym_query.h"

#include <optional>
#include <sstream>
#include <vector>

namespace kb {
namespace {

// How much the query read with synonyms adds to the query as typed. A word's synonyms join it in
// one OP_SYNONYM, whose weight is lower than the exact word's (a more frequent "term"); below 1,
// the exact words keep ranking first and the synonyms only add matches and a small boost.
constexpr double kSynonymWeight = 0.5;

constexpr unsigned kSynonymFlags =
    Xapian::QueryParser::FLAG_AUTO_SYNONYMS | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

bool Rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:  // phrases, NEAR, scaled weights, wildcards...: their parameters cannot be read back
      return false;
  }
}

// The rewritten query, or nullopt when nothing in `query` needed it.
std::optional<Xapian::Query> Rewrite(const Xapian::Query& query) {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    if (term.find(' ') == std::string::npos) return std::nullopt;
    std::vector<Xapian::Query> words;
    std::istringstream in(term);
    for (std::string word; in >> word;) words.emplace_back(word);
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
  }
  if (!Rebuildable(op)) return std::nullopt;
  std::vector<Xapian::Query> subqueries;
  bool changed = false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query subquery = query.get_subquery(i);
    std::optional<Xapian::Query> rewritten = Rewrite(subquery);
    changed = changed || rewritten.has_value();
    subqueries.push_back(rewritten ? *rewritten : subquery);
  }
  if (!changed) return std::nullopt;
  return Xapian::Query(op, subqueries.begin(), subqueries.end());
}

// Whether the parser expanded anything from the synonym table. Text read as complete yields no
// other OP_SYNONYM: a typed wildcard is an OP_WILDCARD, and only a partial word becomes a synonym
// of its completions.
bool HasSynonym(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::OP_SYNONYM) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HasSynonym(query.get_subquery(i))) return true;
  }
  return false;
}

// Whether the synonym table may have an entry for the query: a key that starts with one of its
// words as typed (a word or a phrase beginning with it) or with "Z" and its stem. A superset of
// the keys the query parser looks up, found with two B-tree seeks a word instead of a parse.
bool MayHaveSynonyms(const Xapian::Database& db, const std::vector<std::string>& words,
                     const Xapian::Stem& stemmer) {
  for (const std::string& word : words) {
    const std::string stemmed = "Z" + stemmer(word);
    if (db.synonym_keys_begin(word) != db.synonym_keys_end(word) ||
        db.synonym_keys_begin(stemmed) != db.synonym_keys_end(stemmed)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Xapian::Query PhraseSynonyms(const Xapian::Query& query) {
  std::optional<Xapian::Query> rewritten = Rewrite(query);
  return rewritten ? *rewritten : query;
}

Xapian::Query ParseWithSynonyms(
    const Xapian::Database& db, const std::string& text, const std::vector<std::string>& words,
    const Xapian::Stem& stemmer,
    const std::function<Xapian::Query(const std::string&, unsigned)>& parse) {
  if (!MayHaveSynonyms(db, words, stemmer)) return parse(text, 0);
  // Xapian expands no synonym for the word still being typed (it is a prefix), nor for a phrase
  // that ends with it: read the text as complete to find them.
  const std::string complete = !text.empty() && text.back() != ' ' ? text + " " : text;
  const Xapian::Query expanded = parse(complete, kSynonymFlags);
  const Xapian::Query query = parse(text, 0);
  if (!HasSynonym(expanded)) return query;
  return Xapian::Query(
      Xapian::Query::OP_OR, query,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, PhraseSynonyms(expanded), kSynonymWeight));
}

}  // namespace kb
