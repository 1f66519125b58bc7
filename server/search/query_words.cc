#include "server/search/query_words.h"

#include <xapian.h>

namespace kb {

std::vector<std::string> QueryWords(const std::string& text) {
  // A bare QueryParser: the same word splitting and case folding as the TermGenerator.
  Xapian::QueryParser parser;
  Xapian::Query parsed;
  try {
    parsed = parser.parse_query(text, 0);
  } catch (const Xapian::QueryParserError&) {
    return {};
  }
  std::vector<std::string> words;
  for (auto it = parsed.get_terms_begin(); it != parsed.get_terms_end(); ++it) {
    words.push_back(*it);
  }
  return words;
}

}  // namespace kb
