// A query, analysed once per request: which locales it is searched in, with which language, its
// words, and its normalized form in each. Every later step of a search (curation, the query
// parser's companions: ranking boosts and typo expansion, popularity) and the log read it from
// here instead of splitting, stemming and looking up the language again. (The query parser still
// reads the text itself: it is the one tokenizer Xapian offers for queries.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/language.h"
#include "server/search/index_info.h"
#include "server/search/search_request.h"

namespace kb {

// The query in one of the locales searched.
struct LocaleAnalysis {
  std::string locale;
  // This thread's language of the locale (ThisThreadsLanguage): on the thread that analysed the
  // query only. Another thread (the log's writer) reads the locale and the normalized form.
  const Language* language = nullptr;
  // NormalizeQuery of the query in this language: stopwords dropped, stemmed, sorted. What
  // curation rules and popularity match, and what the gap report groups by.
  std::string normalized;
};

struct QueryAnalysis {
  std::string text;                // as the client sent it
  std::vector<std::string> words;  // QueryWords(text): lower case, in order, unstemmed
  bool last_word_partial = false;  // the last word is still being typed (no trailing space)
  std::string locale;              // what the response reports: one locale, or kAllLocales
  // Restrict results to the one locale searched (every search but kAllLocales, which searches
  // each locale with its own language and keeps them all).
  bool locale_requested = true;
  std::optional<std::string> locale_fallback_from;  // a requested locale the index lacks
  std::vector<LocaleAnalysis> locales;  // one per locale searched, in the index's order; never
                                        // empty

  // The analysis in `locale`, or null when it was not searched.
  const LocaleAnalysis* In(const std::string& locale) const;
  // The locale that speaks for the query when one form is needed (popularity, the log): the
  // locale searched, or the default one when every locale was.
  const LocaleAnalysis& Primary() const;
};

// `text` analysed in each of `languages` (this thread's, ThisThreadsLanguage; the default
// language when there is none). The locale is the first language's, as if requested.
QueryAnalysis AnalyseText(const std::string& text, const std::vector<const Language*>& languages);

// Resolves the request's locale against the index's (exact, else its language, else the default
// locale; kAllLocales: all of them) and analyses `request.query` in each.
QueryAnalysis AnalyseQuery(const SearchRequest& request, const IndexInfo& info);

}  // namespace kb
