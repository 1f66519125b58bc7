#include "server/insight/gap_report.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "core/ascii_text.h"
#include "core/language.h"
#include "core/time_format.h"
#include "server/insight/need_clusters.h"
#include "server/insight/redaction.h"
#include "server/insight/search_rollup.h"
#include "server/search/typo_query.h"

namespace kb {
namespace {

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

constexpr std::size_t kGapIdDigits = 16;

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

// Everything gathered about one wording, or one gap, while reading the roll-ups.
struct Accumulator {
  Gap gap;
  std::set<std::string> session_sample;
  int unsampled_sessions = 0;        // sessions beyond the rows' samples
  std::map<std::string, int> typed;  // query as typed -> misses
  std::map<std::string, int> shown;  // slug -> misses that showed it
  std::map<Filters, int> filters;
  std::map<std::string, int> languages;
  std::map<std::int64_t, int> hourly;
  std::vector<std::pair<int, GapQuery>> wordings;         // (misses, wording) of a gap
  std::set<std::pair<std::string, std::string>> members;  // (wording, language) of a gap
  int key_misses = 0;                                     // of the wording whose key the gap shows

  void Add(const WordingHour& row) {
    if (gap.searches == 0 || row.first_ms < gap.first_seen_ms) gap.first_seen_ms = row.first_ms;
    gap.last_seen_ms = std::max(gap.last_seen_ms, row.last_ms);
    gap.searches += row.misses;
    gap.no_results += row.no_results;
    gap.no_click += row.no_click;
    gap.not_helpful += row.not_helpful;
    gap.contact += row.contact;
    gap.recovered += row.recovered;
    (row.agent ? gap.agent_searches : gap.customer_searches) += row.misses;
    gap.impact += row.impact;
    session_sample.insert(row.session_sample.begin(), row.session_sample.end());
    unsampled_sessions += row.sessions - static_cast<int>(row.session_sample.size());
    typed[row.typed] += row.misses;
    for (const auto& [slug, count] : row.shown) shown[slug] += count;
    filters[{row.locale, row.category, row.tags}] += row.misses;
    languages[row.language] += row.misses;
    hourly[row.hour_ms] += row.misses;
    members.insert({row.wording, row.language});
  }
  void Merge(const Accumulator& other) {
    if (gap.searches == 0 || other.gap.first_seen_ms < gap.first_seen_ms) {
      gap.first_seen_ms = other.gap.first_seen_ms;
    }
    gap.last_seen_ms = std::max(gap.last_seen_ms, other.gap.last_seen_ms);
    gap.searches += other.gap.searches;
    gap.no_results += other.gap.no_results;
    gap.no_click += other.gap.no_click;
    gap.not_helpful += other.gap.not_helpful;
    gap.contact += other.gap.contact;
    gap.recovered += other.gap.recovered;
    gap.agent_searches += other.gap.agent_searches;
    gap.customer_searches += other.gap.customer_searches;
    gap.impact += other.gap.impact;
    session_sample.insert(other.session_sample.begin(), other.session_sample.end());
    unsampled_sessions += other.unsampled_sessions;
    for (const auto& [text, count] : other.typed) typed[text] += count;
    for (const auto& [slug, count] : other.shown) shown[slug] += count;
    for (const auto& [f, count] : other.filters) filters[f] += count;
    for (const auto& [language, count] : other.languages) languages[language] += count;
    for (const auto& [hour, count] : other.hourly) hourly[hour] += count;
    members.insert(other.members.begin(), other.members.end());
  }
  // Distinct sessions: exact while each hour's sample holds all its sessions, which is where the
  // privacy floor is decided; beyond that, hours' counts are added.
  int Sessions() const { return static_cast<int>(session_sample.size()) + unsampled_sessions; }
};

bool Includes(Audience audience, bool agent) {
  switch (audience) {
    case Audience::kCustomer:
      return !agent;
    case Audience::kAgent:
      return agent;
    case Audience::kAll:
      return true;
  }
  return true;
}

class Diagnoser {
 public:
  Diagnoser(const Xapian::Database& index, const IndexInfo& info, const Searcher& searcher)
      : index_(index), info_(info), searcher_(searcher) {}

  void Diagnose(const Accumulator& acc, Gap& gap) const {
    const std::string language = MostFrequentFirst(acc.languages, 1).front();
    // The words no article has that most of the gap's misses used: what a missing article would
    // be about ("pdf"), not a filler one customer added ("now").
    std::map<std::string, int> unknown_misses;
    for (const GapQuery& query : gap.queries) {
      for (const std::string& word : UnknownWords(query.text, language)) {
        unknown_misses[word] += query.searches;
      }
    }
    std::vector<std::string> unknown;
    for (const auto& [word, misses] : unknown_misses) {
      if (misses * 2 > gap.searches) unknown.push_back(word);
    }
    if (!MostlyFoundNothing(gap)) {
      // Say what was observed: words no article has; else contacts and votes; else results that
      // nobody opened, which may have answered in their snippets.
      if (!unknown.empty()) {
        gap.diagnosis = Diagnosis::kNoArticle;
        gap.diagnosis_text = "no article mentions " + Quoted(unknown) +
                             "; the results shown matched only its other words";
      } else if (gap.contact + gap.not_helpful > 0) {
        gap.diagnosis = Diagnosis::kNotHelpfulResults;
        gap.diagnosis_text = "after the results shown, " + std::to_string(gap.contact) +
                             " contacted support and " + std::to_string(gap.not_helpful) +
                             " said \"not helpful\"";
      } else {
        gap.diagnosis = Diagnosis::kNotOpened;
        gap.diagnosis_text =
            "results were shown and none was opened (their snippets may have answered)";
      }
      return;
    }
    const auto& [locale, category, tags] = MostFrequentFilters(acc);
    const std::string any_locale(kAllLocales);
    // Other locales are tried with the content words only: a stopword here ("my", "the") is an
    // ordinary word in another language, and matching it there is no match at all.
    const std::string content = ContentWords(gap.representative, language);
    if (const auto now = Run(gap.representative, locale, category, tags, false); !now.empty()) {
      gap.diagnosis = Diagnosis::kAnsweredNow;
      gap.diagnosis_text = "the current index finds '" + now.front() + "' for it";
    } else if (!content.empty() && !Run(content, any_locale, "", {}, false).empty()) {
      gap.diagnosis = Diagnosis::kFiltered;
      gap.diagnosis_text = "a filter or locale excluded the matches";
    } else if (!content.empty() && !Run(content, any_locale, "", {}, true).empty()) {
      gap.diagnosis = Diagnosis::kInternalOnly;
      gap.diagnosis_text = "the words exist only in internal articles";
    } else if (LooksLikeUncorrectableTypo(gap.representative, language)) {
      gap.diagnosis = Diagnosis::kTypo;
      gap.diagnosis_text = "the query was a typo that correction could not fix";
    } else {
      gap.diagnosis = Diagnosis::kNoArticle;
      gap.diagnosis_text = unknown.empty() ? "no article uses these words"
                                           : "no article mentions " + Quoted(unknown);
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

  static std::string Quoted(const std::vector<std::string>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
      text += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + ("'" + words[i] + "'");
    }
    return text;
  }

  static std::string ContentWords(const std::string& query, const std::string& locale) {
    std::string text;
    for (const std::string& word : Words(WithoutPlaceholders(query), LanguageOrDefault(locale))) {
      text += (text.empty() ? "" : " ") + word;
    }
    return text;
  }

  // The content words of `query` that no article holds in any form: not as typed, not stemmed,
  // and not after search's typo correction.
  std::vector<std::string> UnknownWords(const std::string& query, const std::string& locale) const {
    const Language language = LanguageOrDefault(locale);
    std::vector<std::string> unknown;
    for (const std::string& word : Words(WithoutPlaceholders(query), language)) {
      if (index_.term_exists(word) || index_.term_exists("Z" + language.stemmer(word))) continue;
      if (MayBeCorrected(word) && info_.typos && !info_.typos->Candidates(word, 1).empty()) {
        continue;
      }
      unknown.push_back(word);
    }
    return unknown;
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

namespace {

// Places every wording of `wordings` that has no gap yet in the gap of its need, and returns the
// placements that are new.
GapWordings PlaceNewWordings(
    const std::map<std::pair<std::string, std::string>, Accumulator>& wordings,
    const GapWordings& placed, const Rollup& rollup, const Xapian::Database& index,
    const TypoIndex& typos, StemWeights& weights, const GapReportOptions& options) {
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> unplaced;
  for (const auto& [wording, acc] : wordings) {
    if (!placed.count(wording)) unplaced.push_back({acc.gap.first_seen_ms, wording});
  }
  GapWordings added;
  if (unplaced.empty()) return added;
  std::sort(unplaced.begin(), unplaced.end());  // oldest first: the order the log saw them in

  ReformulationPairs reformulations;
  for (const ReformulationHour& r : rollup.reformulations) {
    reformulations.Add(r.from, r.to, r.sessions);
  }
  NeedClusters clusters(weights, options.similarity);
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> earlier;
  for (const auto& [wording, gap] : placed) earlier.push_back({gap.assigned_ms, wording});
  std::sort(earlier.begin(), earlier.end());
  for (const auto& [assigned, wording] : earlier) {
    const GapWording& gap = placed.at(wording);
    WordingProfile profile{wording.first, wording.second, gap.key, {}};
    if (auto it = wordings.find(wording); it != wordings.end()) profile.shown = it->second.shown;
    clusters.AddPlaced(gap.gap_id, std::move(profile));
  }
  for (const auto& [first_seen, wording] : unplaced) {
    WordingProfile profile{wording.first, wording.second,
                           GapKey(wording.first, wording.second, index, typos),
                           wordings.at(wording).shown};
    const std::string key = profile.key;
    const std::string gap_id = clusters.Place(std::move(profile), reformulations);
    added[wording] = {gap_id, key, first_seen};
  }
  return added;
}

std::vector<SynonymSuggestion> SuggestSynonyms(const Rollup& rollup, const Xapian::Database& index,
                                               const std::vector<std::string>& dismissed) {
  // Sessions that missed with one wording and found an article with the next: the words the
  // first used that the second did not, and the other way round, are what customers mean by
  // each other. Only short differences are suggested: long ones are other needs.
  struct Pending {
    SynonymSuggestion suggestion;
    std::set<std::pair<std::string, std::string>> examples;
  };
  std::map<std::string, Pending> by_line;
  for (const ReformulationHour& r : rollup.reformulations) {
    if (r.succeeded == 0) continue;
    const Language language = LanguageOrDefault(r.language);
    const std::vector<std::string> from = Words(r.from, language);
    const std::vector<std::string> to = Words(r.to, language);
    std::vector<std::string> only_from;
    std::vector<std::string> only_to;
    std::set_difference(from.begin(), from.end(), to.begin(), to.end(),
                        std::back_inserter(only_from));
    std::set_difference(to.begin(), to.end(), from.begin(), from.end(),
                        std::back_inserter(only_to));
    if (only_from.empty() || only_to.empty() || only_from.size() > 2 || only_to.size() > 2)
      continue;
    // The missed words must be ones the articles do not use: otherwise the first search found
    // them, and the difference is another need rather than another word for this one.
    bool known = false;
    for (const std::string& word : only_from) {
      known = known || index.term_exists(word) || index.term_exists("Z" + language.stemmer(word));
    }
    if (known) continue;
    std::string left;
    for (const std::string& word : only_from) left += (left.empty() ? "" : " ") + word;
    std::string right;
    for (const std::string& word : only_to) right += (right.empty() ? "" : " ") + word;
    const std::string line = left + ": [" + right + "]";
    if (std::binary_search(dismissed.begin(), dismissed.end(), line)) continue;
    Pending& pending = by_line[line];
    pending.suggestion.line = line;
    pending.suggestion.from = left;
    pending.suggestion.to = right;
    pending.suggestion.sessions += r.succeeded;
    pending.examples.insert({r.from, r.to});
  }
  std::vector<SynonymSuggestion> suggestions;
  for (auto& [line, pending] : by_line) {
    if (pending.suggestion.sessions < kSynonymSuggestionMinSessions) continue;
    for (const auto& example : pending.examples) {
      if (pending.suggestion.examples.size() == kGapExamples) break;
      pending.suggestion.examples.push_back(example);
    }
    suggestions.push_back(std::move(pending.suggestion));
  }
  std::stable_sort(suggestions.begin(), suggestions.end(),
                   [](const SynonymSuggestion& a, const SynonymSuggestion& b) {
                     return a.sessions > b.sessions;
                   });
  if (suggestions.size() > kSynonymSuggestions) suggestions.resize(kSynonymSuggestions);
  return suggestions;
}

}  // namespace

Result<GapReport> BuildGapReport(LogDatabase& log, const Xapian::Database& index,
                                 const IndexInfo& info, const Searcher& searcher,
                                 const GapReportOptions& options) {
  GapReport report;
  report.options = options;
  auto current = RollupOfPeriod(log, options.since_ms, options.until_ms);
  if (!current.ok()) return current.status();
  const std::int64_t length = options.until_ms - options.since_ms;
  auto previous = RollupOfPeriod(log, options.since_ms - length, options.since_ms);
  if (!previous.ok()) return previous.status();
  // Emerging gaps are judged on the week before the last day: read it when the period is shorter.
  const std::int64_t history_since = options.until_ms - kEmergingHistoryMs;
  Rollup history;
  if (history_since < options.since_ms) {
    auto read = RollupOfPeriod(log, history_since, options.since_ms);
    if (!read.ok()) return read.status();
    history = std::move(*read);
  }
  auto first_search = log.FirstSearchTime();
  if (!first_search.ok()) return first_search.status();
  const std::int64_t log_since = std::max(*first_search, history_since);
  auto statuses = log.GapStatuses();
  if (!statuses.ok()) return statuses.status();
  auto placed = log.ReadGapWordings();
  if (!placed.ok()) return placed.status();
  auto reasons = log.MissingReasonsBetween(options.since_ms, options.until_ms);
  if (!reasons.ok()) return reasons.status();
  auto dismissed_synonyms = log.DismissedSynonyms();
  if (!dismissed_synonyms.ok()) return dismissed_synonyms.status();

  for (const HourTotals& t : current->totals) {
    const bool customers = options.audience == Audience::kCustomer;
    const bool agents = options.audience == Audience::kAgent;
    report.searches += customers ? t.customer_searches
                       : agents  ? t.searches - t.customer_searches
                                 : t.searches;
    report.missed_searches += customers ? t.customer_misses
                              : agents  ? t.misses - t.customer_misses
                                        : t.misses;
  }

  // Every generation has its typo index; without one, nothing is corrected.
  const std::shared_ptr<const TypoIndex> typos = info.typos ? info.typos : TypoIndex::FromWords({});
  try {
    using WordingId = std::pair<std::string, std::string>;  // (wording, language)
    std::map<WordingId, Accumulator> wordings;
    for (const WordingHour& row : current->wordings) {
      if (Includes(options.audience, row.agent)) wordings[{row.wording, row.language}].Add(row);
    }
    StemWeights weights(index);
    GapWordings added =
        PlaceNewWordings(wordings, *placed, *current, index, *typos, weights, options);
    if (!added.empty() && options.save_placements) {
      Status saved = log.Begin();
      if (saved.ok()) saved = log.AddGapWordings(added);
      if (saved.ok()) saved = log.Commit();
      if (!saved.ok()) {
        log.Rollback();
        return saved;
      }
    }
    placed->insert(added.begin(), added.end());
    auto gap_of = [&](const WordingId& wording) -> const GapWording* {
      auto it = placed->find(wording);
      return it == placed->end() ? nullptr : &it->second;
    };

    std::map<std::string, Accumulator> gaps;
    for (auto& [wording, acc] : wordings) {
      const GapWording* gap = gap_of(wording);
      if (!gap) continue;
      Accumulator& into = gaps[gap->gap_id];
      into.Merge(acc);
      into.wordings.push_back(
          {acc.gap.searches, {MostFrequentFirst(acc.typed, 1).front(), acc.gap.searches}});
      if (into.gap.key.empty() || acc.gap.searches > into.key_misses) {
        into.gap.key = gap->key;
        into.key_misses = acc.gap.searches;
      }
    }
    std::map<std::string, int> previous_searches;
    for (const WordingHour& row : previous->wordings) {
      if (!Includes(options.audience, row.agent)) continue;
      if (const GapWording* gap = gap_of({row.wording, row.language})) {
        previous_searches[gap->gap_id] += row.misses;
      }
    }
    std::map<std::string, HourlyMisses> history_misses;
    for (const WordingHour& row : history.wordings) {
      if (!Includes(options.audience, row.agent)) continue;
      if (const GapWording* gap = gap_of({row.wording, row.language})) {
        AddHourlyMisses(history_misses[gap->gap_id], row.hour_ms, row.misses);
      }
    }
    std::map<std::string, std::vector<std::string>> reasons_of;
    for (auto it = reasons->rbegin(); it != reasons->rend(); ++it) {
      if (const GapWording* gap = gap_of({it->wording, it->language})) {
        auto& list = reasons_of[gap->gap_id];
        if (list.size() < kGapReasons) list.push_back(it->reason);
      }
    }

    // The misses in the rest of the hour after a reindex answered a gap (by the time of the
    // answer; several gaps share one).
    std::map<std::int64_t, std::unique_ptr<Rollup>> after_answer;
    auto misses_after = [&](std::int64_t answered_ms) -> Result<const Rollup*> {
      auto& rollup = after_answer[answered_ms];
      if (!rollup) {
        const std::int64_t from = std::max(answered_ms, options.since_ms);
        const std::int64_t until = std::min(options.until_ms, HourOf(answered_ms) + kHourMs);
        rollup = std::make_unique<Rollup>();
        if (from < until) {
          auto searches = log.SearchesBetween(from, until + kReformulationWindowMs);
          if (!searches.ok()) return searches.status();
          *rollup = RollUpSearches(*searches, from, until);
        }
      }
      return rollup.get();
    };
    std::map<std::string, const Accumulator*> accumulators;
    for (auto& [id, acc] : gaps) {
      Gap& gap = acc.gap;
      gap.sessions = acc.Sessions();
      if (gap.sessions < options.min_sessions) continue;  // never expose one person's query
      gap.id = id;
      gap.examples = MostFrequentFirst(acc.typed, kGapExamples);
      gap.representative = gap.examples.front();
      std::sort(acc.wordings.begin(), acc.wordings.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second.text < b.second.text;
      });
      for (const auto& [misses, query] : acc.wordings) {
        if (gap.queries.size() == kGapQueries) break;
        gap.queries.push_back(query);
      }
      gap.shown_slugs = MostFrequentFirst(acc.shown, kGapShownSlugs);
      gap.previous_searches = previous_searches[id];
      gap.hourly_misses.assign(acc.hourly.begin(), acc.hourly.end());
      for (const auto& [hour, misses] : history_misses[id]) {
        AddHourlyMisses(gap.hourly_misses, hour, misses);
      }
      gap.emergence = DetectEmergence(gap.hourly_misses, options.until_ms, log_since);
      if (auto it = reasons_of.find(id); it != reasons_of.end()) gap.reasons = it->second;
      if (auto status = statuses->find(gap.id); status != statuses->end()) {
        gap.status = status->second;
      }
      if (gap.status.state == GapState::kDismissed) {
        ++report.dismissed;
        continue;
      }
      accumulators[gap.id] = &acc;
      if (!gap.status.answered_by.empty()) {
        // Answered by a reindex: watched until new misses show the answer did not help.
        const std::int64_t answered = gap.status.answered_ms;
        for (const auto& [hour, misses] : acc.hourly) {
          if (hour > HourOf(answered)) gap.misses_since_answer += misses;
        }
        // The hour of the answer itself, from its raw searches after the answer.
        auto after = misses_after(answered);
        if (!after.ok()) return after.status();
        for (const WordingHour& row : (*after)->wordings) {
          if (Includes(options.audience, row.agent) &&
              acc.members.count({row.wording, row.language})) {
            gap.misses_since_answer += row.misses;
          }
        }
        gap.watching = gap.misses_since_answer < options.min_sessions;
      }
      (gap.watching ? report.watching : report.gaps).push_back(std::move(gap));
    }
    // Ranked, cut to the limit, and only then diagnosed: a diagnosis runs searches, and nobody
    // reads the thousandth gap.
    std::sort(report.gaps.begin(), report.gaps.end(), [](const Gap& a, const Gap& b) {
      if (a.impact != b.impact) return a.impact > b.impact;
      if (a.searches != b.searches) return a.searches > b.searches;
      return a.id < b.id;
    });
    std::sort(report.watching.begin(), report.watching.end(), [](const Gap& a, const Gap& b) {
      if (a.status.answered_ms != b.status.answered_ms) {
        return a.status.answered_ms > b.status.answered_ms;
      }
      return a.id < b.id;
    });
    std::stable_partition(report.gaps.begin(), report.gaps.end(),
                          [](const Gap& gap) { return gap.emergence.emerging; });
    report.total_gaps = static_cast<int>(report.gaps.size());
    if (report.gaps.size() > options.limit) report.gaps.resize(options.limit);
    if (report.watching.size() > options.limit) report.watching.resize(options.limit);
    const Diagnoser diagnoser(index, info, searcher);
    for (std::vector<Gap>* list : {&report.gaps, &report.watching}) {
      for (Gap& gap : *list) diagnoser.Diagnose(*accumulators.at(gap.id), gap);
    }
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_error", "gap report: " + e.get_description());
  }
  report.synonym_suggestions = SuggestSynonyms(*current, index, *dismissed_synonyms);
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
