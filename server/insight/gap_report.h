// Knowledge gaps: the searches that did not help, grouped by what they meant, ranked by how many
// people they hurt, each with a diagnosis of why it failed.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "server/insight/emerging_gaps.h"
#include "server/insight/log_database.h"
#include "server/insight/log_values.h"
#include "server/insight/need_similarity.h"
#include "server/search/searcher.h"
#include "server/search/typo_index.h"

namespace kb {

// A gap is shown only once this many sessions hit it: one person's query is never exposed.
inline constexpr int kDefaultGapMinSessions = 2;
// How many gaps a report lists by default, and at most (GET /api/gaps?limit=).
inline constexpr std::size_t kDefaultGapLimit = 100;
inline constexpr std::size_t kMaxGapLimit = 1000;
// How many distinct queries, as typed, a gap lists as its examples.
inline constexpr std::size_t kGapExamples = 5;
// How many of the results its searches were shown a gap lists.
inline constexpr std::size_t kGapShownSlugs = 5;
// How many of its wordings a gap lists in full (`queries`), and of its readers' reasons.
inline constexpr std::size_t kGapQueries = 100;
inline constexpr std::size_t kGapReasons = 5;
// How many synonym suggestions a report lists, and the sessions each needs.
inline constexpr std::size_t kSynonymSuggestions = 20;
inline constexpr int kSynonymSuggestionMinSessions = 2;

struct GapReportOptions {
  std::int64_t since_ms = 0;
  std::int64_t until_ms = 0;
  Audience audience = Audience::kAll;
  int min_sessions = kDefaultGapMinSessions;
  NeedSimilarityParams similarity;
  // The most gaps the report lists (and diagnoses), highest impact first; as many watched ones.
  std::size_t limit = kDefaultGapLimit;
  // False: place new wordings for this report only, without saving where (a read-only log).
  bool save_placements = true;
};

// One wording of a gap: how it was typed most often, and its missed searches.
struct GapQuery {
  std::string text;
  int searches = 0;
};

struct Gap {
  std::string id;              // stable: a hash of the key of the wording that started the gap
  std::string key;             // the canonical terms of its most missed wording
  std::string representative;  // the query most often typed, as typed (redacted)
  std::vector<std::string> examples;  // up to kGapExamples queries as typed, most frequent first
  std::vector<GapQuery> queries;      // up to kGapQueries of its wordings, most missed first
  int searches = 0;
  int sessions = 0;
  // Searches by kind of miss (one search can be more than one kind).
  int no_results = 0;
  int no_click = 0;
  int not_helpful = 0;
  int contact = 0;
  int recovered = 0;  // misses that the same session made good on its next search
  int customer_searches = 0;
  int agent_searches = 0;
  std::int64_t first_seen_ms = 0;
  std::int64_t last_seen_ms = 0;
  int previous_searches = 0;  // in the period of equal length just before `since`
  double impact = 0;          // sessions, weighted towards those that ended in a contact
  Diagnosis diagnosis = Diagnosis::kNoArticle;
  std::string diagnosis_text;            // the diagnosis in a sentence, with what it found
  std::vector<std::string> shown_slugs;  // up to kGapShownSlugs of what these searches were shown,
                                         // most often first
  std::vector<std::string> reasons;      // what readers wrote was missing (redacted), latest first
  GapStatus status;
  // Answered by a reindex (status.answered_by) and not missed by kDefaultGapMinSessions sessions
  // since: watched, not open.
  bool watching = false;
  int misses_since_answer = 0;
  // Misses per hour over the period, and over the kEmergingHistoryMs before `until` when the
  // period is shorter: what Emergence is judged on.
  HourlyMisses hourly_misses;
  Emergence emergence;  // whether its misses are rising well above its own baseline
};

// A line for articles/_synonyms.yaml that customers' reformulations suggest: sessions that missed
// with `from` and then found an article with `to`.
struct SynonymSuggestion {
  std::string line;  // "pw: [password]"
  std::string from;  // words
  std::string to;
  int sessions = 0;
  std::vector<std::pair<std::string, std::string>> examples;  // (missed wording, next wording)
};

struct GapReport {
  GapReportOptions options;
  int searches = 0;         // counted searches in the period (keystroke collapse applied)
  int missed_searches = 0;  // of which were misses
  // Open (and planned) gaps: emerging ones first, then highest impact first; up to the limit.
  std::vector<Gap> gaps;
  int total_gaps = 0;         // open gaps before the limit
  std::vector<Gap> watching;  // answered by a reindex and not missed since, latest answer first
  int dismissed = 0;          // gaps left out because an owner dismissed them
  std::vector<SynonymSuggestion> synonym_suggestions;  // most sessions first
};

// True for a gap id as the report hands them out (Gap::id): 16 lower-case hex digits.
bool IsValidGapId(std::string_view id);

// True when at least half of `gap`'s searches found nothing at all. Such a gap lacks an article:
// any article that a replay finds answers it. Otherwise articles were found and did not help, and
// only a different article does.
bool MostlyFoundNothing(const Gap& gap);

// Builds the report from `log`'s roll-ups for the period in `options`: each wording that missed
// is placed in the gap of its need (need_clusters.h; new placements are saved in `log`, so
// `log` is opened for writing unless options.save_placements is false), with the typo index of
// `info` and the synonyms and term statistics of `index`; each gap is diagnosed by running its
// query through `searcher`. Searches superseded by a later keystroke of the same session do not
// count unless an event refers to them. Each gap is also judged emerging or not at `until`
// (emerging_gaps.h), for which the log is read from kEmergingHistoryMs before `until` even when
// the period starts later.
Result<GapReport> BuildGapReport(LogDatabase& log, const Xapian::Database& index,
                                 const IndexInfo& info, const Searcher& searcher,
                                 const GapReportOptions& options);

// The grouping key of `query` in `locale`: stopwords dropped; each word the index does not know
// replaced by what search corrects it to (the closest, then most frequent, candidate in `typos`,
// the generation's typo index), and by its canonical synonym; stemmed; sorted. A word the index
// knows is kept as typed, so its key never moves with the frequencies of near spellings.
// "how to cancel subscribtion" and "cancelling subscriptions" share one key.
std::string GapKey(const std::string& query, const std::string& locale,
                   const Xapian::Database& index, const TypoIndex& typos);

// `query` with the redaction placeholders (<email>, <phone>, ...) removed: what is left to run
// against the index when a logged query is replayed.
std::string WithoutPlaceholders(const std::string& query);

// The report as CSV (one row per gap), with cells that a spreadsheet could take for a formula
// neutralized.
std::string GapReportCsv(const GapReport& report);

}  // namespace kb
