// A query analysed the way a search analyses it, in the given locales: for tests that build
// queries or match rules without a whole search.
#pragma once

#include <string>
#include <vector>

#include "core/language.h"
#include "server/search/query_analysis.h"

namespace kb::testing {

inline QueryAnalysis Analysed(const std::string& text,
                              const std::vector<std::string>& locales = {"en"}) {
  std::vector<const Language*> languages;
  for (const std::string& locale : locales) languages.push_back(ThisThreadsLanguage(locale));
  return AnalyseText(text, languages);
}

}  // namespace kb::testing
