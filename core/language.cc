#include "core/language.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

namespace kb {
namespace {

// Stopword lists after Snowball's, trimmed of words that carry meaning in help-center queries
// ("out" in "sign out", "up" in "set up", "off", "down").
constexpr std::string_view kEnglishStopwords =
    "a about above after again against all am an and any are aren't as at be because been before "
    "being below between both but by can't cannot could couldn't did didn't do does doesn't doing "
    "don't during each few for from further had hadn't has hasn't have haven't having he he'd "
    "he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in "
    "into is isn't it it's its itself let's me more most mustn't my myself nor of once only or "
    "other ought our ours ourselves own same shan't she she'd she'll she's should shouldn't so "
    "some such than that that's the their theirs them themselves then there there's these they "
    "they'd they'll they're they've this those through to too under until very was wasn't we "
    "we'd we'll we're we've were weren't what what's when when's where where's which while who "
    "who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours "
    "yourself yourselves";

constexpr std::string_view kGermanStopwords =
    "aber alle allem allen aller alles als also am an andere anderem anderen anderer anderes auch "
    "auf aus bei bin bis bist da damit dann das dass dein deine deinem deinen deiner deines dem "
    "den denn der derer des dessen dich die dies diese diesem diesen dieser dieses dir doch dort "
    "du durch ein eine einem einen einer eines einige einigem einigen einiger einiges er es etwas "
    "euch euer eure eurem euren eurer eures für gegen hab habe haben hat hatte hatten hier hin "
    "ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder "
    "jedes jene jenem jenen jener jenes jetzt kann man manche mein meine meinem meinen meiner "
    "meines mich mir mit muss musste nach noch nun nur ob oder sehr sein seine seinem seinen "
    "seiner seines sich sie sind so soll sollte sondern sonst um und uns unser unsere unserem "
    "unseren unseres unter vom von vor war waren was weil welche welchem welchen welcher welches "
    "wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur "
    "zwar zwischen";

constexpr std::string_view kFrenchStopwords =
    "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions "
    "aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci "
    "cela ces cet cette d dans de des du elle en es est et étaient étais était étant été êtes "
    "étiez étions eu eue eues eurent eus eut eux il ils j je l la le les leur leurs lui m ma mais "
    "me même mes moi mon n ne nos notre nous on ont ou par pour qu que quel quelle quelles quels "
    "qui s sa se sera serai seraient serais serait seras serez seriez serions serons seront ses "
    "soi soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos "
    "votre vous y à";

std::shared_ptr<const Xapian::Stopper> MakeStopper(std::string_view words) {
  auto stopper = std::make_shared<Xapian::SimpleStopper>();
  std::istringstream in{std::string(words)};
  std::string word;
  while (in >> word) stopper->add(word);
  return stopper;
}

std::shared_ptr<const Xapian::Stopper> StopperFor(const std::string& language) {
  // Built once per language and shared: Xapian stoppers are immutable after construction.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Xapian::Stopper>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(language);
  if (it != cache.end()) return it->second;
  std::string_view words;
  if (language == "en") words = kEnglishStopwords;
  if (language == "de") words = kGermanStopwords;
  if (language == "fr") words = kFrenchStopwords;
  return cache[language] = MakeStopper(words);
}

}  // namespace

bool IsValidLocaleTag(std::string_view tag) {
  // language (2-3 letters), then optional subtags of 1-8 alphanumerics: "en", "pt-BR", "zh-Hant".
  if (tag.empty() || tag.size() > 35) return false;
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view part = tag.substr(start, end - start);
    if (first ? (part.size() < 2 || part.size() > 3) : (part.empty() || part.size() > 8)) {
      return false;
    }
    for (char c : part) {
      if (first ? !std::isalpha(static_cast<unsigned char>(c))
                : !std::isalnum(static_cast<unsigned char>(c))) {
        return false;
      }
    }
    first = false;
    start = end + 1;
  }
  return true;
}

Result<Language> LanguageForLocale(std::string_view locale) {
  if (!IsValidLocaleTag(locale)) {
    return Status::InvalidArgument(
        "invalid_locale", "'" + std::string(locale) +
                              "' is not a locale tag; use a language code such as 'en', 'de' "
                              "or 'pt-BR'");
  }
  std::string normalized(locale);
  std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string language = normalized.substr(0, normalized.find('-'));
  Language result;
  result.locale = normalized;
  try {
    result.stemmer = Xapian::Stem(language);
  } catch (const Xapian::InvalidArgumentError&) {
    return Status::InvalidArgument(
        "unsupported_locale",
        "locale '" + std::string(locale) +
            "' has no stemmer; supported languages: " + Xapian::Stem::get_available_languages());
  }
  result.stopper = StopperFor(language);
  return result;
}

const Language* ThisThreadsLanguage(std::string_view locale) {
  // Never cleared, so that every pointer handed out stays valid: callers pass the locales of an
  // index (and the default), a set the articles bound, never one a request makes up.
  thread_local std::map<std::string, std::optional<Language>, std::less<>> languages;
  auto found = languages.find(locale);
  if (found == languages.end()) {
    auto language = LanguageForLocale(locale);
    found =
        languages
            .emplace(std::string(locale),
                     language.ok() ? std::optional<Language>(std::move(*language)) : std::nullopt)
            .first;
  }
  return found->second ? &*found->second : nullptr;
}

}  // namespace kb
