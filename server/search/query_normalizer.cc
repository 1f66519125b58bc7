#include "server/search/query_normalizer.h"

#include <xapian.h>

namespace kb {
namespace {

std::string Terms(std::string_view query, const Language& language, bool drop_stopwords) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_stemmer(language.stemmer);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  if (drop_stopwords) {
    generator.set_stopper(language.stopper.get());
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  }
  generator.index_text(std::string(query));
  std::string normalized;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {  // sorted, distinct
    if (!normalized.empty()) normalized += ' ';
    normalized += *it;
  }
  return normalized;
}

}  // namespace

std::string NormalizeQuery(std::string_view query, const Language& language) {
  std::string normalized = Terms(query, language, /*drop_stopwords=*/true);
  if (normalized.empty()) normalized = Terms(query, language, /*drop_stopwords=*/false);
  return normalized;
}

}  // namespace kb
