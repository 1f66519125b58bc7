#include "core/synonyms.h"

#include <xapian.h>

#include <algorithm>

#include "core/language.h"
#include "core/yaml_reader.h"

namespace kb {
namespace {

constexpr const char* kSectionKeys = "equivalent, one_way";

// The words of `entry` as Xapian's tokenizer (the indexer's and the query parser's) splits them,
// lower case, in order.
std::vector<std::string> Words(const std::string& entry) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  generator.index_text(entry);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      by_position[*pos] = *term;
    }
  }
  std::vector<std::string> words;
  for (auto& [pos, word] : by_position) words.push_back(word);
  return words;
}

// Collects the rules of one file and every problem in it.
class Reader {
 public:
  std::vector<Diagnostic> errors;
  SynonymFile file;

  void Section(const YAML::Node& node, const std::string& locale, const std::string& where) {
    if (!node.IsMap()) {
      errors.push_back(yaml::At(node, where + " must be a mapping with " + kSectionKeys));
      return;
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "equivalent") {
        Equivalent(entry.second, locale);
      } else if (key == "one_way") {
        OneWay(entry.second, locale);
      } else {
        errors.push_back(yaml::At(
            entry.first, "unknown key '" + key + "' in " + where + "; expected " + kSectionKeys));
      }
    }
  }

  void Equivalent(const YAML::Node& node, const std::string& locale) {
    if (!node.IsSequence()) {
      errors.push_back(yaml::At(
          node, "'equivalent' must be a list of groups, each a list such as [refund, money back]"));
      return;
    }
    for (const YAML::Node& group : node) {
      if (!group.IsSequence()) {
        errors.push_back(yaml::At(group,
                                  "each 'equivalent' group must be a list of two or more "
                                  "words or phrases, such as [refund, money back]"));
        continue;
      }
      SynonymRule rule{locale, {}, {}};
      const std::size_t errors_before = errors.size();
      for (const YAML::Node& item : group) {
        std::string phrase = Phrase(item, "equivalent");
        if (phrase.empty()) continue;
        if (std::find(rule.from.begin(), rule.from.end(), phrase) != rule.from.end()) {
          errors.push_back(yaml::At(item, "'" + phrase + "' appears twice in this group"));
          continue;
        }
        rule.from.push_back(phrase);
      }
      if (errors.size() != errors_before) continue;
      if (rule.from.size() < 2) {
        errors.push_back(yaml::At(group,
                                  "a group needs at least two entries; add one or remove "
                                  "the group"));
        continue;
      }
      rule.to = rule.from;
      Add(std::move(rule), group);
    }
  }

  void OneWay(const YAML::Node& node, const std::string& locale) {
    if (!node.IsMap()) {
      errors.push_back(yaml::At(node,
                                "'one_way' must be a mapping such as 'money back: refund' "
                                "(searching the left also finds the right)"));
      return;
    }
    for (const auto& entry : node) {
      SynonymRule rule{locale, {}, {}};
      std::string from = Phrase(entry.first, "one_way");
      const std::size_t errors_before = errors.size();
      for (const auto& [text, item] : yaml::TextOrList(entry.second, "one_way", errors)) {
        std::string to = Phrase(item, "one_way");
        if (to.empty()) continue;
        if (to == from) {
          errors.push_back(yaml::At(item, "'" + to + "' expands to itself; remove it"));
          continue;
        }
        rule.to.push_back(to);
      }
      if (from.empty() || errors.size() != errors_before) continue;
      rule.from.push_back(from);
      Add(std::move(rule), entry.first);
    }
  }

 private:
  // "money back" for the entry "Money  back", or "" after reporting why it cannot be used.
  std::string Phrase(const YAML::Node& node, const std::string& what) {
    auto text = yaml::Text(node, what, errors);
    if (!text) return "";
    const std::vector<std::string> words = Words(*text);
    if (words.empty()) {
      errors.push_back(yaml::At(node, "'" + *text + "' has no words to search for"));
      return "";
    }
    if (words.size() > kMaxSynonymPhraseWords || text->size() > kMaxSynonymPhraseBytes) {
      errors.push_back(yaml::At(node, "'" + *text + "' is too long; a synonym may have up to " +
                                          std::to_string(kMaxSynonymPhraseWords) + " words and " +
                                          std::to_string(kMaxSynonymPhraseBytes) + " bytes"));
      return "";
    }
    std::string phrase;
    for (const std::string& word : words) phrase += (phrase.empty() ? "" : " ") + word;
    return phrase;
  }

  void Add(SynonymRule rule, const YAML::Node& node) {
    if (file.rules.size() >= kMaxSynonymRules) {
      errors.push_back(yaml::At(node, "more than " + std::to_string(kMaxSynonymRules) +
                                          " synonym rules; split or trim the file"));
      return;
    }
    file.rules.push_back(std::move(rule));
  }
};

}  // namespace

std::variant<SynonymFile, std::vector<Diagnostic>> ParseSynonyms(const std::string& text) {
  auto loaded = yaml::Load(text);
  if (auto* error = std::get_if<Diagnostic>(&loaded)) return std::vector<Diagnostic>{*error};
  const YAML::Node& root = std::get<YAML::Node>(loaded);
  Reader reader;
  if (root.IsNull()) return reader.file;
  if (!root.IsMap()) {
    return std::vector<Diagnostic>{
        yaml::At(root, "expected a mapping with 'equivalent', 'one_way' and optionally 'locales'")};
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key == "equivalent") {
      reader.Equivalent(entry.second, "");
    } else if (key == "one_way") {
      reader.OneWay(entry.second, "");
    } else if (key == "locales") {
      if (!entry.second.IsMap()) {
        reader.errors.push_back(
            yaml::At(entry.second,
                     "'locales' must map a locale to its own rules, such as 'de: {equivalent: "
                     "[[rechnung, beleg]]}'"));
        continue;
      }
      for (const auto& locale_entry : entry.second) {
        auto tag = yaml::Text(locale_entry.first, "locales", reader.errors);
        if (!tag) continue;
        auto language = LanguageForLocale(*tag);
        if (!language.ok()) {
          reader.errors.push_back(yaml::At(locale_entry.first, language.status().message()));
          continue;
        }
        reader.Section(locale_entry.second, language->locale,
                       "'locales: " + language->locale + "'");
      }
    } else {
      reader.errors.push_back(yaml::At(
          entry.first, "unknown key '" + key + "'; expected equivalent, one_way or locales"));
    }
  }
  if (!reader.errors.empty()) return reader.errors;
  return reader.file;
}

std::map<std::string, std::set<std::string>> SynonymTableFor(
    const SynonymFile& file, const std::vector<std::string>& locales) {
  std::map<std::string, std::set<std::string>> table;
  for (const SynonymRule& rule : file.rules) {
    std::vector<std::string> rule_locales{rule.locale};
    if (rule.locale.empty()) rule_locales = locales;
    if (rule_locales.empty()) rule_locales = {std::string(kDefaultLocale)};
    for (const std::string& locale : rule_locales) {
      auto language = LanguageForLocale(locale);
      if (!language.ok()) continue;  // the index only holds locales that parsed
      const Xapian::Stem& stem = language->stemmer;
      auto value = [&](const std::string& phrase) {
        return phrase.find(' ') == std::string::npos ? "Z" + stem(phrase) : phrase;
      };
      for (const std::string& from : rule.from) {
        std::vector<std::string> keys{from};
        if (from.find(' ') == std::string::npos) keys.push_back("Z" + stem(from));
        for (const std::string& to : rule.to) {
          if (to == from) continue;
          for (const std::string& key : keys) table[key].insert(value(to));
        }
      }
    }
  }
  return table;
}

}  // namespace kb
