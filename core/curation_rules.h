// Curation: the rules content owners write in ARTICLES_DIR/_rules.yaml to pin articles to the top
// of the results for given queries, or hide them from those results.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.h"

namespace kb {

// The file name, relative to the articles folder.
inline constexpr std::string_view kCurationRulesFile = "_rules.yaml";

inline constexpr std::size_t kMaxCurationRules = 1000;
inline constexpr std::size_t kMaxPinsPerRule = 10;

// An article slug as written in the file, with where, so a slug that names no article can be
// reported at its place.
struct SlugRef {
  std::string slug;
  int line = 1;
  int column = 1;
};

struct CurationRule {
  std::vector<std::string> queries;  // as written; matched on their normalized form
  std::vector<SlugRef> pin;          // shown first, in this order
  std::vector<SlugRef> hide;         // never shown for these queries
};

// Parses the text of _rules.yaml: a list of rules, each `query` (a string or a list of strings)
// with `pin` and/or `hide` (a slug or a list of slugs). An empty file has no rules. On failure
// returns every problem found, each at its line and column, and no rules.
std::variant<std::vector<CurationRule>, std::vector<Diagnostic>> ParseCurationRules(
    const std::string& text);

// One warning per slug in `rules` for which `is_article` is false, at the slug's position.
std::vector<Diagnostic> UnknownArticles(const std::vector<CurationRule>& rules,
                                        const std::function<bool(const std::string&)>& is_article);

}  // namespace kb
