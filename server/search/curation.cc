#include "server/search/curation.h"

#include <algorithm>
#include <set>

#include "core/index_records.h"
#include "core/language.h"
#include "core/schema.h"
#include "server/search/query_normalizer.h"

namespace kb {

std::vector<std::string> Curation::Excluded() const {
  std::vector<std::string> excluded = hidden;
  excluded.insert(excluded.end(), pinned.begin(), pinned.end());
  return excluded;
}

namespace {

// The stored rules with each of their queries normalized in each locale searched.
struct MatchableRules {
  std::string key;  // the stored rules and the locales they were normalized for
  std::vector<CurationRule> rules;
  std::vector<std::set<std::string>> forms;  // per rule: "<locale index> <normalized query>"
};

std::string Form(std::size_t locale_index, const std::string& normalized) {
  return std::to_string(locale_index) + " " + normalized;
}

// Normalizing every rule's queries (a TermGenerator run each) on every search would repeat the
// same work; rules only change with the index, so each thread keeps the last set it normalized.
Result<const MatchableRules*> Matchable(const std::string& stored,
                                        const std::vector<Language>& languages) {
  thread_local MatchableRules cache;
  std::string key = stored;
  for (const Language& language : languages) key += "\n" + language.locale;
  if (cache.key == key) return &cache;
  auto rules = ParseCurationRecord(stored);
  if (!rules.ok()) return rules.status();
  MatchableRules fresh;
  fresh.key = std::move(key);
  for (const CurationRule& rule : *rules) {
    std::set<std::string>& forms = fresh.forms.emplace_back();
    for (const std::string& query : rule.queries) {
      for (std::size_t i = 0; i < languages.size(); ++i) {
        forms.insert(Form(i, NormalizeQuery(query, languages[i])));
      }
    }
  }
  fresh.rules = std::move(*rules);
  cache = std::move(fresh);
  return &cache;
}

}  // namespace

Result<Curation> CurationFor(const Xapian::Database& db, const std::string& query,
                             const std::vector<std::string>& locales) {
  Curation curation;
  const std::string stored = db.get_metadata(std::string(schema::kMetaCurationRules));
  if (stored.empty()) return curation;

  std::vector<Language> languages;
  for (const std::string& locale : locales) {
    if (auto language = LanguageForLocale(locale); language.ok()) languages.push_back(*language);
  }
  if (languages.empty()) languages.push_back(*LanguageForLocale(kDefaultLocale));
  auto matchable = Matchable(stored, languages);
  if (!matchable.ok()) return matchable.status();
  const MatchableRules& rules = **matchable;

  std::vector<std::string> forms;
  for (std::size_t i = 0; i < languages.size(); ++i) {
    const std::string normalized = NormalizeQuery(query, languages[i]);
    if (!normalized.empty()) forms.push_back(Form(i, normalized));
  }
  std::set<std::string> hidden;
  for (std::size_t r = 0; r < rules.rules.size(); ++r) {
    const bool matches = std::any_of(forms.begin(), forms.end(), [&](const std::string& form) {
      return rules.forms[r].count(form) > 0;
    });
    if (!matches) continue;
    for (const SlugRef& ref : rules.rules[r].hide) hidden.insert(ref.slug);
    for (const SlugRef& ref : rules.rules[r].pin) {
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
