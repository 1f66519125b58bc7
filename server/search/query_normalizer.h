// The normalized form of a query: what two differently typed queries share when they mean the
// same thing. "How to Cancel my Subscriptions" -> "cancel subscript".
#pragma once

#include <string>
#include <string_view>

#include "core/language.h"

namespace kb {

// Lower-cases `query`, drops `language`'s stopwords, stems what is left with its stemmer, and
// returns the distinct stems sorted and joined by single spaces. Uses the same tokenizer as the
// indexer. A query made only of stopwords keeps them (lower-cased), so it is never empty unless
// `query` holds no word at all.
std::string NormalizeQuery(std::string_view query, const Language& language);

}  // namespace kb
