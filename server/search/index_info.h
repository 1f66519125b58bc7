// What the server knows about the index generation it searches, and what it derives from the
// generation once when it opens it, not once per search: the typo data and the curation rules.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/language.h"
#include "server/search/curation_rules_index.h"
#include "server/search/typo_index.h"

namespace kb {

struct IndexInfo {
  std::string generation;            // "gen-000007"
  std::vector<std::string> locales;  // locales present, sorted
  int articles = 0;
  int sections = 0;
  std::string built_at;                    // ISO 8601 UTC
  std::shared_ptr<const TypoIndex> typos;  // built from the generation's spelling data
  // articles/_rules.yaml as stored in the generation, with its queries normalized in each
  // language; never null once loaded.
  std::shared_ptr<const CurationRulesIndex> curation;

  // This thread's language of `locale` (ThisThreadsLanguage), when the index has the locale or
  // it is the default one; else null.
  const Language* LanguageOf(const std::string& locale) const;
};

}  // namespace kb
