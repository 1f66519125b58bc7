// The synonyms content owners maintain in ARTICLES_DIR/_synonyms.yaml, and the entries they become
// in the Xapian synonym table. The indexer writes the table from SynonymTableFor(); the server's
// query parser reads it (FLAG_AUTO_SYNONYMS | FLAG_AUTO_MULTIWORD_SYNONYMS), so both sides follow
// the key and value format documented here.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.h"

namespace kb {

// The file name, relative to the articles folder.
inline constexpr std::string_view kSynonymsFile = "_synonyms.yaml";

// Limits, so one file cannot bloat every query.
inline constexpr std::size_t kMaxSynonymRules = 2000;
inline constexpr std::size_t kMaxSynonymPhraseWords = 6;
inline constexpr std::size_t kMaxSynonymPhraseBytes = 100;

// One group (`equivalent`) or one expansion (`one_way`). Phrases are the entry's words as Xapian's
// tokenizer splits them, lower case, joined by single spaces ("Two-Factor" -> "two factor").
struct SynonymRule {
  std::string locale;             // "" = every locale of the index; else one locale ("de")
  std::vector<std::string> from;  // searching any of these...
  std::vector<std::string> to;    // ...also finds these (for a group, from == to)
};

struct SynonymFile {
  std::vector<SynonymRule> rules;
};

// Parses the text of _synonyms.yaml (an empty file has no rules). On failure returns every problem
// found, each at its line and column, and no rules: a file is used whole or not at all.
std::variant<SynonymFile, std::vector<Diagnostic>> ParseSynonyms(const std::string& text);

// The synonym table for an index holding `locales`, keyed the way Xapian 1.4's QueryParser looks
// entries up (verified in core/synonyms_test.cc and server/search/synonym_query_test.cc):
//   - a single word is looked up first as typed (lower case, "refund") and, when that has no
//     entry and the word is stemmed (STEM_SOME: not capitalised), as "Z" + its stem ("Zrefund"),
//     so both keys are written, the stem once per stemmer of the rule's locales;
//   - a phrase is looked up as its lower-case words joined by single spaces ("money back");
//   - a value is used as a query term as is: a word becomes "Z" + its stem, matching every form
//     of it; a phrase stays "two factor", which matches no term by itself and which the server
//     turns into a phrase query (PhraseSynonyms in server/search/synonym_query.h).
// Rules without a locale use every locale in `locales` (the default locale when it is empty).
std::map<std::string, std::set<std::string>> SynonymTableFor(
    const SynonymFile& file, const std::vector<std::string>& locales);

}  // namespace kb
