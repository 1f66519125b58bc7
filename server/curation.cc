#include "server/curation.h"

#include <algorithm>
#include <set>

#include "core/index_records.h"
#include "core/language.h"
#include "core/schema.h"
#include "server/query_normalizer.h"

namespace kb {

std::vector<std::string> Curation::Excluded() const {
  std::vector<std::string> excluded = hidden;
  excluded.insert(excluded.end(), pinned.begin(), pinned.end());
  return excluded;
}

Result<Curation> CurationFor(const Xapian::Database& db, const std::string& query,
                             const std::vector<std::string>& locales) {
  Curation curation;
  const std::string stored = db.get_metadata(std::string(schema::kMetaCurationRules));
  if (stored.empty()) return curation;
  auto rules = ParseCurationRecord(stored);
  if (!rules.ok()) return rules.status();

  std::vector<Language> languages;
  for (const std::string& locale : locales) {
    if (auto language = LanguageForLocale(locale); language.ok()) languages.push_back(*language);
  }
  if (languages.empty()) languages.push_back(*LanguageForLocale(kDefaultLocale));
  std::vector<std::string> normalized;
  for (const Language& language : languages) normalized.push_back(NormalizeQuery(query, language));

  auto matches = [&](const CurationRule& rule) {
    for (const std::string& rule_query : rule.queries) {
      for (std::size_t i = 0; i < languages.size(); ++i) {
        if (!normalized[i].empty() && NormalizeQuery(rule_query, languages[i]) == normalized[i]) {
          return true;
        }
      }
    }
    return false;
  };
  std::set<std::string> hidden;
  for (const CurationRule& rule : *rules) {
    if (!matches(rule)) continue;
    for (const SlugRef& ref : rule.hide) hidden.insert(ref.slug);
    for (const SlugRef& ref : rule.pin) {
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

PageSplit SplitPage(std::size_t pins, Xapian::doccount offset, Xapian::doccount limit) {
  PageSplit split;
  split.first_pin = std::min<std::size_t>(offset, pins);
  split.pins = std::min<std::size_t>(pins - split.first_pin, limit);
  split.ranked_offset = offset > pins ? offset - static_cast<Xapian::doccount>(pins) : 0;
  split.ranked_limit = limit - static_cast<Xapian::doccount>(split.pins);
  return split;
}

Xapian::MSet PinnedSection(const Xapian::Database& db, const std::string& slug,
                           const Xapian::Query& text_query, QueryFilters filters) {
  filters.exclude_articles.clear();
  const Xapian::Query filter =
      ApplyFilters(Xapian::Query(schema::Term(schema::kArticle, slug)), filters);
  Xapian::Enquire enquire(db);
  // The article's sections that pass the filters match; the query only ranks them.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, filter, text_query));
  // Equal weights (no section matches the query) fall back to the first section: the intro.
  enquire.set_sort_by_relevance_then_value(schema::kSlotSection, false);
  return enquire.get_mset(0, 1);
}

}  // namespace kb
