// The values the search log keeps, each with its one spelling, and the units its readers share.
//
// A spelling here is two formats at once: the text in the log's SQLite columns and the text of
// the JSON API. LogDatabase is the one place that writes and reads them as text in SQLite; the
// event request parser and the admin service Parse what clients send; the JSON views and the CSV
// print ToString. A value is never compared as a string anywhere else. Changing a spelling means a
// log migration and an API change; adding a value means checking the CHECK constraints in
// log_database.cc, which list the stored ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

inline constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

// How many results of a search the log keeps (`top_slugs`), best first: what the gap report shows
// as what a gap's searches were offered, and what a replay compares a new answer with.
inline constexpr std::size_t kLoggedTopSlugs = 5;

// What a reader did after a search or on an article page (events.type).
enum class EventType { kClick, kHelpful, kNotHelpful, kContact };
inline constexpr EventType kEventTypes[] = {EventType::kClick, EventType::kHelpful,
                                            EventType::kNotHelpful, EventType::kContact};

// What content owners decided about a knowledge gap (gap_status.status).
enum class GapState { kOpen, kPlanned, kDismissed };
inline constexpr GapState kGapStates[] = {GapState::kOpen, GapState::kPlanned,
                                          GapState::kDismissed};

// Why a gap's searches failed, as the gap report diagnoses it. Not stored: the report's JSON and
// CSV carry it.
enum class Diagnosis {
  kNoArticle,          // no article uses the words
  kInternalOnly,       // only internal articles do
  kFiltered,           // a filter or the locale excluded the matches
  kTypo,               // a typo beyond what correction reaches
  kNotHelpfulResults,  // articles were read and did not help, or support was contacted after
  kNotOpened,          // results were shown and none was opened: a weak sign (snippets may answer)
  kAnsweredNow,        // the current index answers it
};
inline constexpr Diagnosis kDiagnoses[] = {Diagnosis::kNoArticle,         Diagnosis::kInternalOnly,
                                           Diagnosis::kFiltered,          Diagnosis::kTypo,
                                           Diagnosis::kNotHelpfulResults, Diagnosis::kNotOpened,
                                           Diagnosis::kAnsweredNow};

// Whose searches a report counts (searches.agent): customers', support agents', or both. Not an
// article's audience, which is public or internal (core/schema.h).
enum class Audience { kCustomer, kAgent, kAll };
inline constexpr Audience kAudiences[] = {Audience::kCustomer, Audience::kAgent, Audience::kAll};

// Over which window an emerging gap's misses rose above its baseline (server/insight/
// emerging_gaps.h): its last hour, or its last day (gap_alerts.window).
enum class EmergingWindow { kHour, kDay };
inline constexpr EmergingWindow kEmergingWindows[] = {EmergingWindow::kHour, EmergingWindow::kDay};

// Where an alert about an emerging gap is on its way to the webhook (gap_alerts.state): waiting
// for its next attempt, delivered, or given up on after the last attempt.
enum class AlertState { kPending, kSent, kFailed };
inline constexpr AlertState kAlertStates[] = {AlertState::kPending, AlertState::kSent,
                                              AlertState::kFailed};

// The one spelling of each value: "click", "not_helpful", "planned", "typo", "customer", ...
std::string_view ToString(EventType type);
std::string_view ToString(GapState state);
std::string_view ToString(Diagnosis diagnosis);
std::string_view ToString(Audience audience);
std::string_view ToString(EmergingWindow window);
std::string_view ToString(AlertState state);

// The value spelt `text` exactly (lower case, as ToString writes it); nullopt for anything else.
std::optional<EventType> ParseEventType(std::string_view text);
std::optional<GapState> ParseGapState(std::string_view text);
std::optional<Diagnosis> ParseDiagnosis(std::string_view text);
std::optional<Audience> ParseAudience(std::string_view text);
std::optional<EmergingWindow> ParseEmergingWindow(std::string_view text);
std::optional<AlertState> ParseAlertState(std::string_view text);

// The spellings of `values` for a message that says what is accepted, joined by ", " and the
// last one by `last_separator`: ("open, planned or dismissed" for kGapStates and " or ").
template <typename Enum, std::size_t N>
std::string SpellingList(const Enum (&values)[N], std::string_view last_separator) {
  std::string list;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) list += i + 1 == N ? last_separator : std::string_view(", ");
    list += ToString(values[i]);
  }
  return list;
}

// The tags of a search as the log stores them (searches.tag): joined by ','. Decoding skips
// empty pieces, so "" is no tag at all; a tag that itself contains ',' reads back as two.
std::string EncodeTags(const std::vector<std::string>& tags);
std::vector<std::string> DecodeTags(std::string_view text);

// The top results of a search as the log stores them (searches.top_slugs): slugs, best first,
// joined by ' '. Slugs hold no spaces (core/slug.h); decoding skips runs of spaces.
std::string EncodeTopSlugs(const std::vector<std::string>& slugs);
std::vector<std::string> DecodeTopSlugs(std::string_view text);

}  // namespace kb
