// Locale handling: which Xapian stemmer and stopword list a locale uses. Shared by the indexer
// (TermGenerator) and the server (QueryParser) so both sides always agree.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kb {

// Everything needed to analyse text of one locale. Cheap to copy.
struct Language {
  std::string locale;  // as written by the author, normalized to lower case: "en", "de", "pt-br"
  Xapian::Stem stemmer;
  std::shared_ptr<const Xapian::Stopper> stopper;  // never null; may stop nothing
};

// Validates `locale` (a BCP 47-like tag such as "en", "de", "pt-BR") and returns the language for
// it. Fails with a message naming the supported languages when Xapian has no stemmer for it.
Result<Language> LanguageForLocale(std::string_view locale);

// The language of `locale` for the calling thread, made once per thread and locale: a search
// looks its languages up here rather than making them again. Xapian::Stem is a handle to a
// stemmer that holds state and counts its references without atomics, so a Language must never
// be shared or copied between threads: the pointer is valid on this thread only, until it ends.
// Null when LanguageForLocale fails for `locale`. For the locales of an index and the default
// only: the cache is never emptied, so that the pointers stay valid.
const Language* ThisThreadsLanguage(std::string_view locale);

// True for a BCP 47-like tag: a 2-3 letter language, then optional subtags of 1-8 letters and
// digits ("en", "pt-BR", "zh-Hant"). Says nothing about whether Xapian can stem it.
bool IsValidLocaleTag(std::string_view tag);

// The default locale of articles that do not set one.
inline constexpr std::string_view kDefaultLocale = "en";

}  // namespace kb
