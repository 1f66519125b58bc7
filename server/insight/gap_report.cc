#include "server/insight/gap_report.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <set>
#include <tuple>

#include "core/ascii_text.h"
#include "core/language.h"
#include "core/time_format.h"
#include "server/insight/redaction.h"
#include "server/search/typo_query.h"

namespace kb {
namespace {

// How much one affected session weighs in a gap's impact: a miss that ended in a request to
// support costs the company a ticket; one that ended in "not helpful" cost a reader's trust.
constexpr int kWeightContact = 3;
constexpr int kWeightNotHelpful = 2;
constexpr int kWeightOther = 1;

// A diagnosis needs to know whether a search finds anything, and the best of what it finds.
constexpr int kDiagnosisHits = 3;

// Search corrects a word by at most AllowedTypos edits (server/search/typo_index.h). A long word
// the index does not know, within this many edits of a word it does, is a typo beyond that
// reach. Three edits turn most short words into some other word, so only long words are judged.
constexpr std::size_t kTypoDiagnosisMinLetters = 8;
constexpr int kTypoDiagnosisMaxEdits = 3;

Language LanguageOrDefault(const std::string& locale) {
  auto language = LanguageForLocale(locale.empty() ? std::string(kDefaultLocale) : locale);
  return language.ok() ? *language : *LanguageForLocale(kDefaultLocale);
}

// The words of `query` that carry meaning: lower-cased, stopwords dropped, sorted, distinct.
std::vector<std::string> Words(const std::string& query, const Language& language) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_stopper(language.stopper.get());
  generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  generator.index_text(query);
  return {doc.termlist_begin(), doc.termlist_end()};
}

// The stem of a word, or of one of its one-word synonyms in the index: the same for all of them.
// Looked up as the query parser does (the word, else "Z" + its stem); the table's values are
// stemmed terms ("Z" + stem; core/synonyms.h), and phrases are skipped.
std::string CanonicalStem(const std::string& word, const Language& language,
                          const Xapian::Database& index) {
  std::string canonical = language.stemmer(word);
  std::string key = word;
  if (index.synonyms_begin(key) == index.synonyms_end(key)) key = "Z" + canonical;
  for (auto it = index.synonyms_begin(key); it != index.synonyms_end(key); ++it) {
    const std::string synonym = *it;
    if (synonym.find(' ') != std::string::npos) continue;
    const bool stemmed = !synonym.empty() && synonym[0] == 'Z';
    canonical = std::min(canonical, stemmed ? synonym.substr(1) : language.stemmer(synonym));
  }
  return canonical;
}

// 64 bits of hash, in hex: a collision between two gaps is out of reach.
constexpr std::size_t kGapIdDigits = 16;

std::string GapId(const std::string& key) {
  char hex[kGapIdDigits + 1];
  std::snprintf(hex, sizeof hex, "%0*llx", static_cast<int>(kGapIdDigits),
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return hex;
}

template <typename Map>
std::vector<std::string> MostFrequentFirst(const Map& counts, std::size_t limit) {
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [value, count] : counts) ranked.emplace_back(-count, value);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto& [count, value] : ranked) {
    if (out.size() == limit) break;
    out.push_back(value);
  }
  return out;
}

// The filters a search was made with: locale, category, tags.
using Filters = std::tuple<std::string, std::string, std::vector<std::string>>;

// Everything gathered about one gap while reading the log.
struct Accumulator {
  Gap gap;
  std::set<std::string> sessions;
  std::map<std::string, int> session_weight;
  std::map<std::string, int> typed;  // query as typed -> searches
  std::map<std::string, int> shown;  // slug -> searches that showed it
  std::map<Filters, int> filters;
  std::map<std::string, int> languages;
};

bool Counts(const StoredSearch& s, Audience audience) {
  // A keystroke superseded by a longer query of the same session does not count, unless the
  // person acted on its results.
  if (s.superseded && !s.clicked && !s.not_helpful && !s.contacted) return false;
  switch (audience) {
    case Audience::kCustomer:
      return !s.agent;
    case Audience::kAgent:
      return s.agent;
    case Audience::kAll:
      return true;
  }
  return true;
}

bool IsMiss(const StoredSearch& s) {
  return s.result_count == 0 || !s.clicked || s.not_helpful || s.contacted;
}

class Diagnoser {
 public:
  Diagnoser(const Xapian::Database& index, const IndexInfo& info, const Searcher& searcher)
      : index_(index), info_(info), searcher_(searcher) {}

  void Diagnose(const Accumulator& acc, Gap& gap) const {
    if (!MostlyFoundNothing(gap)) {
      gap.diagnosis = Diagnosis::kNotHelpfulResults;
      gap.diagnosis_text = "articles were found but did not help";
      return;
    }
    const auto& [locale, category, tags] = MostFrequentFilters(acc);
    const std::string language = MostFrequentFirst(acc.languages, 1).front();
    const std::string any_locale(kAllLocales);
    if (const auto now = Run(gap.representative, locale, category, tags, false); !now.empty()) {
      gap.diagnosis = Diagnosis::kAnsweredNow;
      gap.diagnosis_text = "the current index finds '" + now.front() + "' for it";
    } else if (!Run(gap.representative, any_locale, "", {}, false).empty()) {
      gap.diagnosis = Diagnosis::kFiltered;
      gap.diagnosis_text = "a filter or locale excluded the matches";
    } else if (!Run(gap.representative, any_locale, "", {}, true).empty()) {
      gap.diagnosis = Diagnosis::kInternalOnly;
      gap.diagnosis_text = "the words exist only in internal articles";
    } else if (LooksLikeUncorrectableTypo(gap.representative, language)) {
      gap.diagnosis = Diagnosis::kTypo;
      gap.diagnosis_text = "the query was a typo that correction could not fix";
    } else {
      gap.diagnosis = Diagnosis::kNoArticle;
      gap.diagnosis_text = "no article uses these words";
    }
  }

 private:
  static Filters MostFrequentFilters(const Accumulator& acc) {
    Filters best;
    int best_count = -1;
    for (const auto& [filters, count] : acc.filters) {
      if (count > best_count) best = filters, best_count = count;
    }
    return best;
  }

  std::vector<std::string> Run(const std::string& query, const std::string& locale,
                               const std::string& category, const std::vector<std::string>& tags,
                               bool include_internal) const {
    SearchRequest request;
    request.query = WithoutPlaceholders(query) + " ";  // as settled on: the last word is complete
    request.locale = locale;
    request.category = category;
    request.tags = tags;
    request.limit = kDiagnosisHits;
    request.include_internal = include_internal;
    auto result = searcher_.Search(index_, info_, request);
    std::vector<std::string> slugs;
    if (result.ok()) {
      for (const SearchHit& hit : result->hits) slugs.push_back(hit.slug);
    }
    return slugs;
  }

  // A long word of `query` that the index does not know, within kTypoDiagnosisMaxEdits of a word
  // in the spelling data (what the typo index is built from), by kb's own edit distance.
  bool LooksLikeUncorrectableTypo(const std::string& query, const std::string& locale) const {
    for (const std::string& word : Words(query, LanguageOrDefault(locale))) {
      const std::size_t letters = Letters(word);
      if (letters < kTypoDiagnosisMinLetters || index_.term_exists(word)) continue;
      for (auto it = index_.spellings_begin(); it != index_.spellings_end(); ++it) {
        const std::string known = *it;
        const std::size_t known_letters = Letters(known);
        const std::size_t apart =
            letters > known_letters ? letters - known_letters : known_letters - letters;
        if (apart > static_cast<std::size_t>(kTypoDiagnosisMaxEdits)) continue;
        if (EditDistance(word, known, kTypoDiagnosisMaxEdits) <= kTypoDiagnosisMaxEdits) {
          return true;
        }
      }
    }
    return false;
  }

  const Xapian::Database& index_;
  const IndexInfo& info_;
  const Searcher& searcher_;
};

std::string CsvCell(const std::string& value) {
  std::string cell = value;
  // A cell starting with = + - @ would be a formula in a spreadsheet: show it as text.
  if (!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos) {
    cell = "'" + cell;
  }
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The time of the oldest search in `reads` (each oldest first), or `otherwise` when they are all
// empty: how far back the log covers what the report read.
std::int64_t OldestSearch(std::initializer_list<const std::vector<StoredSearch>*> reads,
                          std::int64_t otherwise) {
  std::int64_t oldest = otherwise;
  for (const auto* read : reads) {
    if (!read->empty()) oldest = std::min(oldest, read->front().time_ms);
  }
  return oldest;
}

}  // namespace

bool IsValidGapId(std::string_view id) {
  return id.size() == kGapIdDigits && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool MostlyFoundNothing(const Gap& gap) { return gap.no_results * 2 >= gap.searches; }

std::string WithoutPlaceholders(const std::string& query) {
  std::string out = query;
  for (std::string_view placeholder : kPlaceholders) {
    for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder)) {
      out.replace(at, placeholder.size(), " ");
    }
  }
  return out;
}

std::string GapKey(const std::string& query, const std::string& locale,
                   const Xapian::Database& index, const TypoIndex& typos) {
  const Language language = LanguageOrDefault(locale);
  std::set<std::string> stems;
  for (std::string word : Words(query, language)) {
    if (!index.term_exists(word) && MayBeCorrected(word)) {
      const std::vector<TypoCandidate> best = typos.Candidates(word, 1);
      if (!best.empty()) word = best.front().word;
    }
    stems.insert(CanonicalStem(word, language, index));
  }
  std::string key;
  for (const std::string& stem : stems) key += (key.empty() ? "" : " ") + stem;
  return key.empty() ? AsciiLower(query) : key;
}

Result<GapReport> BuildGapReport(LogDatabase& log, const Xapian::Database& index,
                                 const IndexInfo& info, const Searcher& searcher,
                                 const GapReportOptions& options) {
  GapReport report;
  report.options = options;
  auto current = log.SearchesBetween(options.since_ms, options.until_ms);
  if (!current.ok()) return current.status();
  const std::int64_t length = options.until_ms - options.since_ms;
  auto previous = log.SearchesBetween(options.since_ms - length, options.since_ms);
  if (!previous.ok()) return previous.status();
  auto statuses = log.GapStatuses();
  if (!statuses.ok()) return statuses.status();
  // Emerging gaps are judged on the week before the last day: read it when the period is shorter.
  const std::int64_t history_until =
      std::max(options.since_ms, options.until_ms - kEmergingHistoryMs);
  auto history = log.SearchesBetween(options.until_ms - kEmergingHistoryMs, history_until);
  if (!history.ok()) return history.status();

  // Every generation has its typo index; without one, nothing is corrected.
  const std::shared_ptr<const TypoIndex> typos = info.typos ? info.typos : TypoIndex::FromWords({});
  try {
    std::map<std::pair<std::string, std::string>, std::string> keys;  // (query, language) -> key
    auto key_of = [&](const StoredSearch& s) -> const std::string& {
      const auto cache_key = std::make_pair(AsciiLower(s.query), s.language);
      auto it = keys.find(cache_key);
      if (it == keys.end()) {
        it = keys.emplace(cache_key, GapKey(s.query, s.language, index, *typos)).first;
      }
      return it->second;
    };

    std::map<std::string, Accumulator> gaps;
    for (const StoredSearch& s : *current) {
      if (!Counts(s, options.audience)) continue;
      ++report.searches;
      if (!IsMiss(s)) continue;
      ++report.missed_searches;
      Accumulator& acc = gaps[key_of(s)];
      Gap& gap = acc.gap;
      if (gap.searches == 0) gap.first_seen_ms = s.time_ms;
      gap.last_seen_ms = s.time_ms;
      AddHourlyMisses(gap.hourly_misses, s.time_ms);
      ++gap.searches;
      gap.no_results += s.result_count == 0;
      gap.no_click += s.result_count > 0 && !s.clicked;
      gap.not_helpful += s.not_helpful;
      gap.contact += s.contacted;
      (s.agent ? gap.agent_searches : gap.customer_searches)++;
      acc.sessions.insert(s.session);  // searches without a session share one
      const int weight = s.contacted     ? kWeightContact
                         : s.not_helpful ? kWeightNotHelpful
                                         : kWeightOther;
      acc.session_weight[s.session] = std::max(acc.session_weight[s.session], weight);
      ++acc.typed[s.query];
      for (const std::string& slug : s.top_slugs) ++acc.shown[slug];
      ++acc.filters[{s.locale, s.category, s.tags}];
      ++acc.languages[s.language];
    }
    std::map<std::string, int> previous_searches;
    for (const StoredSearch& s : *previous) {
      if (Counts(s, options.audience) && IsMiss(s)) ++previous_searches[key_of(s)];
    }
    std::map<std::string, HourlyMisses> history_misses;
    for (const StoredSearch& s : *history) {
      if (Counts(s, options.audience) && IsMiss(s)) {
        AddHourlyMisses(history_misses[key_of(s)], s.time_ms);
      }
    }
    const std::int64_t log_since =
        OldestSearch({&*current, &*previous, &*history}, options.until_ms);

    const Diagnoser diagnoser(index, info, searcher);
    for (auto& [key, acc] : gaps) {
      Gap& gap = acc.gap;
      gap.sessions = static_cast<int>(acc.sessions.size());
      if (gap.sessions < options.min_sessions) continue;  // never expose one person's query
      gap.key = key;
      gap.id = GapId(key);
      gap.examples = MostFrequentFirst(acc.typed, kGapExamples);
      gap.representative = gap.examples.front();
      gap.shown_slugs = MostFrequentFirst(acc.shown, kGapShownSlugs);
      gap.previous_searches = previous_searches[key];
      for (const auto& [session, weight] : acc.session_weight) gap.impact += weight;
      if (auto status = statuses->find(gap.id); status != statuses->end()) {
        gap.status = status->second;
      }
      diagnoser.Diagnose(acc, gap);
      for (const auto& [hour, misses] : history_misses[key]) {
        AddHourlyMisses(gap.hourly_misses, hour, misses);
      }
      gap.emergence = DetectEmergence(gap.hourly_misses, options.until_ms, log_since);
      report.gaps.push_back(std::move(gap));
    }
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_error", "gap report: " + e.get_description());
  }
  std::sort(report.gaps.begin(), report.gaps.end(), [](const Gap& a, const Gap& b) {
    if (a.impact != b.impact) return a.impact > b.impact;
    if (a.searches != b.searches) return a.searches > b.searches;
    return a.key < b.key;
  });
  std::stable_partition(report.gaps.begin(), report.gaps.end(),
                        [](const Gap& gap) { return gap.emergence.emerging; });
  return report;
}

std::string GapReportCsv(const GapReport& report) {
  std::string csv =
      "id,representative,searches,sessions,impact,no_results,no_click,not_helpful,contact,"
      "customer_searches,agent_searches,first_seen,last_seen,previous_searches,diagnosis,status,"
      "note,answered_by,examples\n";
  for (const Gap& g : report.gaps) {
    std::string examples;
    for (const std::string& e : g.examples) examples += (examples.empty() ? "" : " | ") + e;
    const std::vector<std::string> cells = {g.id,
                                            g.representative,
                                            std::to_string(g.searches),
                                            std::to_string(g.sessions),
                                            std::to_string(static_cast<int>(g.impact)),
                                            std::to_string(g.no_results),
                                            std::to_string(g.no_click),
                                            std::to_string(g.not_helpful),
                                            std::to_string(g.contact),
                                            std::to_string(g.customer_searches),
                                            std::to_string(g.agent_searches),
                                            FormatIsoTime(g.first_seen_ms),
                                            FormatIsoTime(g.last_seen_ms),
                                            std::to_string(g.previous_searches),
                                            std::string(ToString(g.diagnosis)),
                                            std::string(ToString(g.status.state)),
                                            g.status.note,
                                            g.status.answered_by,
                                            examples};
    for (std::size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + CsvCell(cells[i]);
    csv += "\n";
  }
  return csv;
}

}  // namespace kb
