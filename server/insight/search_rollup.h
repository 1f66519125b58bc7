// The log summed by hour: what the gap report reads instead of every search. Each hour holds one
// row per wording that missed (its searches, kinds of miss and sessions), the hour's totals, and
// the reformulations that started in it. The writer thread rolls up each hour once it is over and
// rolls it up again when a late event changes it; the report rolls up, in memory and with this
// same code, the hours that are not on disk yet. So a report from the roll-ups and one from the
// raw searches are the same report.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "server/insight/log_database.h"

namespace kb {

// A reformulation: the next search of a session within this long after a miss. Customers who
// type a need again in other words do so within a minute or two.
inline constexpr std::int64_t kReformulationWindowMs = 5 * 60 * 1000;
// An hour is rolled up this long after it ends: the events of its last searches (clicks, votes,
// contacts, reformulations) have mostly arrived by then. Later ones mark the hour for another
// roll-up.
inline constexpr std::int64_t kRollupGraceMs = 10 * 60 * 1000;
// How many of a row's missing sessions it names (by hash): enough to tell one person from two
// across hours, which is what the report's privacy floor needs.
inline constexpr std::size_t kSessionSample = 4;

// A wording: the query as typed, lower-cased and single-spaced. "Export PDF" and "export  pdf"
// are one wording; "pdf export" is another.
std::string Wording(const std::string& query);

// How much one missing session weighs in a gap's impact, by the worst that the session did.
// A contact costs the company a ticket; "not helpful" cost a reader's trust; finding nothing is a
// plain miss. Results that nobody opened are a weak signal (the snippet may have answered), and a
// miss that the same session made good on its next search weighs least.
inline constexpr double kWeightContact = 3;
inline constexpr double kWeightNotHelpful = 2;
inline constexpr double kWeightNoResults = 1;
inline constexpr double kWeightNoClick = 0.5;
inline constexpr double kWeightRecovered = 0.25;

// One wording's misses in one hour, for one set of filters and one kind of searcher.
struct WordingHour {
  std::int64_t hour_ms = 0;
  std::string wording;
  std::string language;
  std::string locale;
  std::string category;
  std::vector<std::string> tags;
  bool agent = false;
  std::string typed;  // the wording's most frequent form as typed (redacted)
  int misses = 0;
  int no_results = 0;
  int no_click = 0;
  int not_helpful = 0;
  int contact = 0;
  int recovered = 0;  // misses whose session clicked its next search, within the window
  int sessions = 0;   // distinct sessions that missed
  std::vector<std::string> session_sample;  // up to kSessionSample of them, hashed, sorted
  double impact = 0;                        // each missing session at its heaviest weight
  std::map<std::string, int> shown;         // slug -> misses that showed it
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
};

// A miss followed, in the same session and within kReformulationWindowMs, by another wording.
struct ReformulationHour {
  std::int64_t hour_ms = 0;
  std::string from;  // wording that missed
  std::string to;    // the next wording
  std::string language;
  int sessions = 0;
  int succeeded = 0;  // of which the next search was clicked, without a "not helpful"
};

struct HourTotals {
  std::int64_t hour_ms = 0;
  int searches = 0;  // counted searches (keystroke collapse applied), customers and agents
  int customer_searches = 0;
  int misses = 0;
  int customer_misses = 0;
};

struct Rollup {
  std::vector<HourTotals> totals;
  std::vector<WordingHour> wordings;
  std::vector<ReformulationHour> reformulations;
};

// The start of the hour that holds `time_ms`.
inline std::int64_t HourOf(std::int64_t time_ms) {
  return time_ms - ((time_ms % kHourMs) + kHourMs) % kHourMs;
}

// True for a search the report counts: a keystroke superseded by a longer query of the same
// session does not count, unless the person acted on its results.
bool CountsAsSearch(const StoredSearch& s);
// True for a counted search that did not help: no results, no click, "not helpful" or a contact.
bool IsMiss(const StoredSearch& s);

// Rolls up `searches` (oldest first, as SearchesBetween returns them) that fall in
// [since_ms, until_ms). Searches after `until_ms`, up to kReformulationWindowMs later, may be
// included: they are read only as the reformulations of misses inside the range.
Rollup RollUpSearches(const std::vector<StoredSearch>& searches, std::int64_t since_ms,
                      std::int64_t until_ms);

// Rolls up the hour that starts at `hour_ms` from `log`'s searches and stores it, in a
// transaction of its own: what the log's writer does for each hour that is over.
Status RollUpHour(LogDatabase& log, std::int64_t hour_ms);

// The roll-up of [since_ms, until_ms) in `log`: the stored hours where they are clean, and the
// rest (the current hour, hours not rolled up yet or changed since, and the parts of hours at the
// period's ends) rolled up from the raw searches.
Result<Rollup> RollupOfPeriod(LogDatabase& log, std::int64_t since_ms, std::int64_t until_ms);

}  // namespace kb
