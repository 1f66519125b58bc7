#include "server/search/query_analysis.h"

#include <algorithm>

#include "server/search/query_normalizer.h"
#include "server/search/query_words.h"

namespace kb {
namespace {

bool Has(const std::vector<std::string>& locales, const std::string& locale) {
  return std::find(locales.begin(), locales.end(), locale) != locales.end();
}

// The index locale a requested one maps to: exact ("pt-br"), else its language ("pt"), else
// nothing.
std::optional<std::string> ResolveLocale(const std::string& requested,
                                         const std::vector<std::string>& present) {
  if (Has(present, requested)) return requested;
  const std::string language = requested.substr(0, requested.find('-'));
  if (Has(present, language)) return language;
  return std::nullopt;
}

// The locale searched when the request names none or one the index lacks: kDefaultLocale, or,
// in an index without articles in it, the first locale the index has.
std::string DefaultLocale(const std::vector<std::string>& present) {
  const std::string fallback(kDefaultLocale);
  return present.empty() || Has(present, fallback) ? fallback : present.front();
}

LocaleAnalysis AnalyseIn(const QueryAnalysis& query, const Language* language) {
  LocaleAnalysis analysis;
  analysis.locale = language->locale;
  analysis.language = language;
  analysis.normalized = NormalizeQuery(query.text, *language);
  return analysis;
}

}  // namespace

const LocaleAnalysis* QueryAnalysis::In(const std::string& wanted) const {
  for (const LocaleAnalysis& analysis : locales) {
    if (analysis.locale == wanted) return &analysis;
  }
  return nullptr;
}

const LocaleAnalysis& QueryAnalysis::Primary() const {
  if (const LocaleAnalysis* searched = In(locale)) return *searched;
  if (const LocaleAnalysis* fallback = In(std::string(kDefaultLocale))) return *fallback;
  return locales.front();
}

QueryAnalysis AnalyseText(const std::string& text, const std::vector<const Language*>& languages) {
  QueryAnalysis analysis;
  analysis.text = text;
  analysis.words = QueryWords(text);
  analysis.last_word_partial = !text.empty() && text.back() != ' ';
  for (const Language* language : languages) {
    analysis.locales.push_back(AnalyseIn(analysis, language));
  }
  if (analysis.locales.empty()) {
    analysis.locales.push_back(AnalyseIn(analysis, ThisThreadsLanguage(kDefaultLocale)));
  }
  analysis.locale = analysis.locales.front().locale;
  return analysis;
}

QueryAnalysis AnalyseQuery(const SearchRequest& request, const IndexInfo& info) {
  std::vector<std::string> searched;
  std::string reported;
  std::optional<std::string> fallback_from;
  if (request.locale == kAllLocales) {
    searched = info.locales;
    if (searched.empty()) searched = {std::string(kDefaultLocale)};
    reported = kAllLocales;
  } else {
    std::optional<std::string> resolved;
    if (!request.locale.empty()) {
      resolved = ResolveLocale(request.locale, info.locales);
      if (!resolved) fallback_from = request.locale;
    }
    reported = resolved ? *resolved : DefaultLocale(info.locales);
    searched = {reported};
  }
  std::vector<const Language*> languages;
  for (const std::string& locale : searched) {
    // The index only holds locales that had a language when they were indexed.
    if (const Language* language = info.LanguageOf(locale)) languages.push_back(language);
  }
  QueryAnalysis analysis = AnalyseText(request.query, languages);
  analysis.locale = reported;
  analysis.locale_requested = request.locale != kAllLocales;
  analysis.locale_fallback_from = std::move(fallback_from);
  return analysis;
}

}  // namespace kb
