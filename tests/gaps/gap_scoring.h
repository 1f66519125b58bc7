// The scoring of the gap-report evaluation (gaps_eval.cc): the labelled needs (needs.tsv), what
// the server counts of the searches a simulation played, and how well a list of gaps groups them
// by need. Kept apart from the tool that runs the server so that it has a test of its own on
// hand-computed cases (gap_scoring_test.cc).
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kb::gaps_eval {

// The first gaps of a report that "holes in top 20" looks at.
inline constexpr std::size_t kTopGaps = 20;

// One need of the labelled set.
struct Need {
  std::string id;
  std::string half;                  // "tune" or "held"
  std::vector<std::string> answers;  // slugs of the articles that answer it; empty: a hole
  std::vector<std::string> wordings;
  bool hole() const { return answers.empty(); }
};

// Lower case (ASCII), single spaces, no leading or trailing space: the form the server compares
// for the keystroke collapse (server/insight/search_log.cc), and the one texts are matched in.
std::string Simplified(const std::string& text);

std::vector<std::string> Split(const std::string& text, char separator);

// Parses needs.tsv (see its header). On a malformed file returns nullopt and sets `error` to
// "LINE: what is wrong".
std::optional<std::vector<Need>> ParseNeeds(std::istream& in, std::string& error);

// One search the simulation made, and what it did with its results.
struct PlayedSearch {
  std::string session;
  std::string need;
  std::string text;
  std::string id;          // the server's search_id
  int total = 0;           // results found
  bool keystroke = false;  // a prefix on the way to the query typed
  bool clicked = false;
  bool not_helpful = false;
  bool contacted = false;
  // Set by CountAsTheServerDoes.
  bool counted = false;
  bool missed = false;
};

// Marks, in the order the searches were made, which the server counts and which it calls missed:
// a search is superseded, and not counted, when the next search of its session extends its text
// (Simplified) and no event refers to it (the keystroke collapse, within the server's 30 s window,
// which a simulation's sessions never leave); a counted search is missed when it found nothing,
// was not clicked, was voted not helpful or led to a contact.
void CountAsTheServerDoes(std::vector<PlayedSearch>& searches);

// One gap, as scored: the searches of each need in it.
struct ScoredGap {
  std::string label;      // the representative query
  std::string diagnosis;  // the report's diagnosis code; "" for exact-text groups
  double impact = 0;
  int searches = 0;                    // as the report says
  std::map<std::string, int> by_need;  // need -> searches of its wordings in the gap
  int seen = 0;                        // searches of the gap's listed queries
  int matched = 0;                     // ... whose text is a wording of some need
  std::string main;                    // the need with the most searches; "" when none
  int main_searches = 0;
};

struct Figures {
  std::size_t gaps = 0;
  double purity = 0;         // sum of the main needs' searches / sum of the gaps' seen searches
  double gaps_per_need = 0;  // over needs that are a main need, the mean number of such gaps
  double holes_top20 = 0;    // share of the first kTopGaps gaps whose main need is a hole
  double holes_found = 0;    // share of the holes that are the main need of a gap
  double unseen = 0;         // share of the gaps' searches that no listed query accounts for
};

class Scorer {
 public:
  // `needs`: one half of the labelled set, in file order (which breaks ties).
  explicit Scorer(std::vector<const Need*> needs);

  // Adds `searches` searches typed as `text` to `gap`: to every need that has `text` as a wording
  // (matched in Simplified form), to none when it is no wording.
  void Add(ScoredGap& gap, const std::string& text, int searches) const;
  // Sets the gap's main need: the one with the most searches, the first listed on a tie.
  void Finish(ScoredGap& gap) const;

  bool IsHole(const std::string& need) const;
  // The figures of `gaps`, in report order.
  Figures Score(const std::vector<ScoredGap>& gaps) const;

 private:
  std::vector<const Need*> needs_;
  std::map<std::string, std::set<std::size_t>> needs_of_;  // simplified wording -> needs
};

// kb's gaps from the JSON of GET /api/gaps. A gap's `queries` ([{text, searches}]) when present;
// otherwise its `examples`, each weighed by `missed_by_text` (the simulation's missed searches by
// Simplified text), and `fell_back` is set.
std::vector<ScoredGap> KbGaps(const nlohmann::json& report, const Scorer& scorer,
                              const std::map<std::string, int>& missed_by_text, bool& fell_back);

// The missed searches grouped by Simplified text, kept when `min_sessions` sessions missed with
// it, ranked as the server ranks gaps: by impact (each session weighs 3 if it contacted support,
// 2 if it voted not helpful, else 1), then searches, then text.
std::vector<ScoredGap> ExactTextGaps(const std::vector<PlayedSearch>& searches,
                                     const Scorer& scorer, int min_sessions);

// --floor purity=X,gaps_per_need=Y,holes_top20=Z,holes_found=W (any of them, in any order).
struct Floor {
  std::optional<double> purity, gaps_per_need, holes_top20, holes_found;
};
std::optional<Floor> ParseFloor(const std::string& spec);

}  // namespace kb::gaps_eval
