#include "server/search/curation_rules_index.h"

#include <algorithm>

#include "core/index_records.h"
#include "core/schema.h"
#include "server/search/query_analysis.h"
#include "server/search/query_normalizer.h"

namespace kb {
namespace {

std::string Form(const std::string& locale, const std::string& normalized) {
  return locale + " " + normalized;
}

}  // namespace

std::vector<std::string> Curation::Excluded() const {
  std::vector<std::string> excluded = hidden;
  excluded.insert(excluded.end(), pinned.begin(), pinned.end());
  return excluded;
}

Result<std::shared_ptr<const CurationRulesIndex>> CurationRulesIndex::Build(
    const Xapian::Database& db, const std::vector<std::string>& locales) {
  auto index = std::make_shared<CurationRulesIndex>();
  const std::string stored = db.get_metadata(std::string(schema::kMetaCurationRules));
  if (stored.empty()) return std::shared_ptr<const CurationRulesIndex>(std::move(index));
  auto rules = ParseCurationRecord(stored);
  if (!rules.ok()) return rules.status();
  std::vector<const Language*> languages;
  for (const std::string& locale : locales) {
    if (const Language* language = ThisThreadsLanguage(locale)) languages.push_back(language);
  }
  languages.push_back(ThisThreadsLanguage(kDefaultLocale));
  for (const CurationRule& rule : *rules) {
    std::set<std::string>& forms = index->forms_.emplace_back();
    for (const std::string& query : rule.queries) {
      for (const Language* language : languages) {
        forms.insert(Form(language->locale, NormalizeQuery(query, *language)));
      }
    }
  }
  index->rules_ = std::move(*rules);
  return std::shared_ptr<const CurationRulesIndex>(std::move(index));
}

Curation CurationRulesIndex::For(const QueryAnalysis& query) const {
  Curation curation;
  if (rules_.empty()) return curation;
  std::vector<std::string> forms;
  for (const LocaleAnalysis& in : query.locales) {
    if (!in.normalized.empty()) forms.push_back(Form(in.locale, in.normalized));
  }
  std::set<std::string> hidden;
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const bool matches = std::any_of(forms.begin(), forms.end(), [&](const std::string& form) {
      return forms_[r].count(form) > 0;
    });
    if (!matches) continue;
    for (const SlugRef& ref : rules_[r].hide) hidden.insert(ref.slug);
    for (const SlugRef& ref : rules_[r].pin) {
      if (std::find(curation.pinned.begin(), curation.pinned.end(), ref.slug) ==
          curation.pinned.end()) {
        curation.pinned.push_back(ref.slug);
      }
    }
  }
  curation.hidden.assign(hidden.begin(), hidden.end());
  curation.pinned.erase(std::remove_if(curation.pinned.begin(), curation.pinned.end(),
                                       [&](const std::string& slug) { return hidden.count(slug); }),
                        curation.pinned.end());
  return curation;
}

}  // namespace kb
