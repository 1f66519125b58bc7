// kb_gaps_eval: how well the gap report groups missed searches into needs.
//
// Simulated customers, each with one need of the labelled set (tests/gaps/needs.tsv), search the
// sample help center through a real kb-server, as the widget does, and act on what they see. The
// report's gaps (GET /api/gaps) are then scored against the needs their queries came from, beside
// the simplest grouping there is: the same missed searches grouped by their exact text.
//
// The run: kb-index builds articles/ into a fresh index in a temporary folder; kb-server serves it
// on 127.0.0.1 (port 0) with a fresh --data folder and an admin token, its popularity refreshed
// once a day, so that the clicks of one session do not reorder the results of the next and a
// seed always plays the same run. Everything goes through HTTP, as a customer's and a content
// owner's requests do.
//
// The behaviour model. A session is one customer with one need; its id is the widget's `session`.
// Each need of the half gets 6 to 12 sessions (uniform), so its gaps pass the report's 2-session
// floor. Randomness comes from a seeded splitmix64 per session (the seed, the need and the
// session's number), so a session plays the same whatever else runs. In a session the customer:
//   1. picks a wording of the need not yet typed in this session, the k-th listed with weight
//      1/sqrt(k) (the first wordings are the common ones);
//   2. types it: with p 0.3 keystroke by keystroke, where each prefix of 2 or more characters is
//      searched with p 0.35 (a pause longer than the widget's 120 ms debounce) before the full
//      text; otherwise the full text only. Each search is GET
//      /api/search?q=...&session=...&limit=8, as the widget sends it; the server's keystroke
//      collapse folds the prefixes into the query;
//   3. looks at the first 3 results shown, and only at them: it never reads the label. If one of
//      them is an article that answers the need, it clicks the first such (p 0.85) and then votes
//      helpful (p 0.3), and the session ends; or it does not click (p 0.15: the snippet was
//      enough, or it gave up) and leaves. If none answers, it
//        - reformulates (p 0.45) with another wording, back at step 1 in the same session, as
//          long as it has typed fewer than 3 wordings (the real seconds between two searches are
//          milliseconds here: the server's 30 s collapse window sees the same thing);
//        - or contacts support (p 0.30 of the rest): POST /api/events {type: contact, search_id};
//        - or opens the top result and votes not helpful with a short reason (p 0.30 of the rest,
//          only when there are results): a click, then {type: not_helpful, slug, reason};
//        - or leaves (the remaining 0.40).
//      When a branch is not possible (3 wordings typed, no results), its share goes to the others
//      in proportion.
// A missed search is what the server calls one: no results, no click, a not-helpful vote or a
// contact, counted after the keystroke collapse (a search superseded by the next of its session
// that extends its text does not count unless an event refers to it).
//
// Scoring. A gap's queries are its `queries` ([{text, searches}], every distinct typed query) when
// the report has them, else its `examples` (the top 5 typed queries), each weighed by the missed
// searches the simulation counted for that text; the report's searches that no example accounts
// for are "unseen" and left out (their share is printed). Texts match wordings case-insensitively
// with whitespace collapsed. A text that is a wording of two needs adds its searches to both; a
// text that is no wording (a redacted query, say) counts for no need. A gap's main need is the
// need with the most searches in it (the first listed on a tie). The figures, for kb's gaps and
// for exact-text groups (the simulation's own missed searches grouped by lower-cased, whitespace-
// collapsed text, kept at the report's min_sessions, ranked by impact as the server ranks: each
// session weighs 3 if it contacted support, 2 if it voted not helpful, else 1):
//   purity          sum over gaps of the searches of the main need / sum of all their searches
//   gaps per need   over needs that are the main need of a gap, the mean number of such gaps
//   holes in top 20 the share of the first 20 gaps (report order) whose main need is a hole
//   holes found     the share of the half's holes that are the main need of some gap
// --floor purity=X,gaps_per_need=Y,holes_top20=Z,holes_found=W exits 1 when kb misses one
// (gaps_per_need: at most Y; the others: at least).
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/gaps/gap_scoring.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace kb::gaps_eval {
namespace {

using nlohmann::json;

// ---- The behaviour model's numbers (see the top of the file) ----
constexpr int kMinSessions = 6;
constexpr int kMaxSessions = 12;
constexpr double kKeystrokeTyping = 0.3;
constexpr double kPrefixSearched = 0.35;
constexpr std::size_t kMinPrefix = 2;
constexpr int kResultsAsked = 8;  // the widget's LIMIT
constexpr std::size_t kResultsSeen = 3;
constexpr double kClickAnswer = 0.85;
constexpr double kHelpfulVote = 0.3;
constexpr int kMaxWordings = 3;
constexpr double kReformulate = 0.45;
constexpr double kContact = 0.30;
constexpr double kOpenWrong = 0.30;
constexpr double kLeave = 0.40;
constexpr const char* kReasons[] = {"not what I was looking for", "this is about something else",
                                    "does not answer my question", "wrong topic"};

constexpr std::size_t kListed = 8;  // worst-merged gaps and most split needs shown

// Reads needs.tsv; on a malformed file prints where and returns nullopt.
std::optional<std::vector<Need>> LoadNeeds(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "kb_gaps_eval: " << path << ": cannot read it\n";
    return std::nullopt;
  }
  std::string error;
  auto needs = ParseNeeds(in, error);
  if (!needs) std::cerr << path << ":" << error << "\n";
  return needs;
}

// ---- Randomness: splitmix64, the same on every platform ----

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int low, int high) {  // inclusive
    return low + static_cast<int>(Next() % static_cast<std::uint64_t>(high - low + 1));
  }
  // An index drawn in proportion to `weights`.
  std::size_t Pick(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double at = Uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (at < weights[i]) return i;
      at -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::uint64_t state_;
};

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// ---- The simulation ----

struct SimStats {
  int sessions = 0;
  int searches = 0;
  int keystrokes = 0;
  int reformulations = 0;
  int answer_clicks = 0;
  int helpful = 0;
  int wrong_opened = 0;
  int not_helpful = 0;
  int contacts = 0;
  int left = 0;
  int answered_sessions = 0;  // sessions of answered needs
  int answered_found = 0;     // ... that clicked an answer
  std::int64_t longest_session_ms = 0;
};

class Simulation {
 public:
  Simulation(httplib::Client& client, std::uint64_t seed, bool trace)
      : client_(client), seed_(seed), trace_(trace) {}

  // Plays every session of `needs`; false (with a message) when the server misbehaves.
  bool Run(const std::vector<const Need*>& needs) {
    for (const Need* need : needs) {
      Random count(seed_ ^ Fnv1a(need->id));
      const int sessions = count.Between(kMinSessions, kMaxSessions);
      for (int k = 0; k < sessions; ++k) {
        if (!PlaySession(*need, k)) return false;
      }
    }
    return true;
  }

  std::vector<PlayedSearch>& searches() { return searches_; }
  const SimStats& stats() const { return stats_; }

 private:
  struct Shown {
    std::string id;
    int total = 0;
    std::vector<std::string> slugs;
  };

  bool PlaySession(const Need& need, int k) {
    const std::string session = "eval-" + need.id + "-" + std::to_string(k);
    Random random(seed_ ^ Fnv1a(need.id) ^ (0x51ed270b27ULL * static_cast<std::uint64_t>(k + 1)));
    ++stats_.sessions;
    if (!need.hole()) ++stats_.answered_sessions;
    const auto start = std::chrono::steady_clock::now();
    story_ = session + ":";
    std::set<std::size_t> typed;
    for (int attempt = 0;; ++attempt) {
      std::vector<double> weights;
      for (std::size_t i = 0; i < need.wordings.size(); ++i) {
        weights.push_back(typed.count(i) ? 0.0 : 1.0 / std::sqrt(static_cast<double>(i + 1)));
      }
      const std::size_t pick = random.Pick(weights);
      typed.insert(pick);
      const std::string& text = need.wordings[pick];
      if (random.Chance(kKeystrokeTyping)) {
        for (std::size_t length = kMinPrefix; length < text.size(); ++length) {
          if (!random.Chance(kPrefixSearched)) continue;
          if (!Search(need, session, text.substr(0, length), true)) return false;
        }
      }
      if (!Search(need, session, text, false)) return false;
      PlayedSearch& search = searches_.back();
      const Shown shown = last_;
      Note(" \"" + text + "\" [" + std::to_string(shown.total) + ":");
      for (std::size_t i = 0; i < shown.slugs.size() && i < kResultsSeen; ++i) {
        Note(" " + shown.slugs[i]);
      }
      Note("]");

      std::string answer;
      for (std::size_t i = 0; i < shown.slugs.size() && i < kResultsSeen && answer.empty(); ++i) {
        for (const std::string& slug : need.answers) {
          if (shown.slugs[i] == slug) answer = slug;
        }
      }
      if (!answer.empty()) {
        if (random.Chance(kClickAnswer)) {
          if (!Event(search, "click", answer, "")) return false;
          Note(" clicked");
          ++stats_.answer_clicks;
          ++stats_.answered_found;
          if (random.Chance(kHelpfulVote)) {
            if (!Event(search, "helpful", answer, "")) return false;
            Note(", helpful");
            ++stats_.helpful;
          }
        } else {
          Note(" left");
          ++stats_.left;
        }
        break;
      }
      const bool can_reformulate =
          attempt + 1 < kMaxWordings && typed.size() < need.wordings.size();
      const bool has_results = !shown.slugs.empty();
      const std::size_t choice = random.Pick(
          {can_reformulate ? kReformulate : 0.0, (1 - kReformulate) * kContact,
           has_results ? (1 - kReformulate) * kOpenWrong : 0.0, (1 - kReformulate) * kLeave});
      if (choice == 0) {
        Note(" ->");
        ++stats_.reformulations;
        continue;
      }
      if (choice == 1) {
        if (!Event(search, "contact", "", "")) return false;
        Note(" contact");
        ++stats_.contacts;
      } else if (choice == 2) {
        const std::string& wrong = shown.slugs.front();
        if (!Event(search, "click", wrong, "")) return false;
        const std::string reason = kReasons[random.Next() % std::size(kReasons)];
        if (!Event(search, "not_helpful", wrong, reason)) return false;
        Note(" opened " + wrong + ", not helpful");
        ++stats_.wrong_opened;
        ++stats_.not_helpful;
      } else {
        Note(" left");
        ++stats_.left;
      }
      break;
    }
    if (trace_) std::cout << story_ << "\n";
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    stats_.longest_session_ms = std::max<std::int64_t>(stats_.longest_session_ms, ms);
    return true;
  }

  bool Search(const Need& need, const std::string& session, const std::string& q, bool keystroke) {
    httplib::Params params = {
        {"q", q}, {"session", session}, {"limit", std::to_string(kResultsAsked)}};
    auto res = client_.Get("/api/search", params, httplib::Headers{});
    if (!res || res->status != 200) {
      std::cerr << "kb_gaps_eval: search '" << q
                << "': " << (res ? std::to_string(res->status) + " " + res->body : "no answer")
                << "\n";
      return false;
    }
    const json body = json::parse(res->body, nullptr, false);
    last_ = Shown{};
    last_.id = body.value("search_id", "");
    last_.total = body.value("total", 0);
    for (const json& hit : body.value("results", json::array())) {
      last_.slugs.push_back(hit.value("slug", ""));
    }
    PlayedSearch s;
    s.session = session;
    s.need = need.id;
    s.text = q;
    s.id = last_.id;
    s.total = last_.total;
    s.keystroke = keystroke;
    searches_.push_back(s);
    ++stats_.searches;
    stats_.keystrokes += keystroke;
    return true;
  }

  bool Event(PlayedSearch& search, const std::string& type, const std::string& slug,
             const std::string& reason) {
    json event = {{"type", type}, {"search_id", search.id}, {"session", search.session}};
    if (!slug.empty()) event["slug"] = slug;
    if (!reason.empty()) event["reason"] = reason;
    auto res = client_.Post("/api/events", event.dump(), "application/json");
    if (!res || res->status != 201) {
      std::cerr << "kb_gaps_eval: event " << event.dump() << ": "
                << (res ? std::to_string(res->status) + " " + res->body : "no answer") << "\n";
      return false;
    }
    if (type == "click") search.clicked = true;
    if (type == "not_helpful") search.not_helpful = true;
    if (type == "contact") search.contacted = true;
    return true;
  }

  // With --sessions: what a session typed, saw and did, on one line.
  void Note(const std::string& text) {
    if (trace_) story_ += text;
  }

  httplib::Client& client_;
  const std::uint64_t seed_;
  const bool trace_;
  std::string story_;
  std::vector<PlayedSearch> searches_;
  SimStats stats_;
  Shown last_;
};

std::string Fixed(double value, int digits = 2) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string Pad(std::string text, std::size_t width) {
  if (text.size() < width) text += std::string(width - text.size(), ' ');
  return text;
}

std::string NeedMix(const ScoredGap& gap) {
  std::vector<std::pair<int, std::string>> mix;
  for (const auto& [need, n] : gap.by_need) mix.emplace_back(-n, need);
  std::sort(mix.begin(), mix.end());
  std::string out;
  for (const auto& [n, need] : mix) {
    out += (out.empty() ? "" : ", ") + need + " " + std::to_string(-n);
  }
  if (gap.seen > gap.matched) {
    out += (out.empty() ? "" : ", ") + std::string("(no need) ") +
           std::to_string(gap.seen - gap.matched);
  }
  return out.empty() ? "(nothing seen)" : out;
}

void PrintWorstMerged(const std::vector<ScoredGap>& gaps) {
  std::vector<std::pair<int, std::size_t>> impure;
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    const int others = gaps[i].seen - gaps[i].main_searches;
    if (others > 0) impure.emplace_back(-others, i);
  }
  std::stable_sort(impure.begin(), impure.end());
  std::cout << "\nkb's worst-merged gaps (searches not of the main need):\n";
  if (impure.empty()) std::cout << "  none: every gap holds one need\n";
  for (std::size_t k = 0; k < impure.size() && k < kListed; ++k) {
    const ScoredGap& g = gaps[impure[k].second];
    std::cout << "  #" << impure[k].second + 1 << " \"" << g.label << "\" (" << g.seen
              << " searches): " << NeedMix(g) << "\n";
  }
}

void PrintMostSplit(const std::vector<ScoredGap>& gaps, const std::vector<const Need*>& needs,
                    const std::map<std::string, int>& missed_by_need) {
  struct Spread {
    int gaps = 0;
    int main_of = 0;
    std::string first;
  };
  std::map<std::string, Spread> splits;
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    for (const auto& [need, n] : gaps[i].by_need) {
      Spread& s = splits[need];
      ++s.gaps;
      s.main_of += gaps[i].main == need;
      if (s.first.empty()) s.first = "#" + std::to_string(i + 1);
    }
  }
  std::vector<std::pair<int, std::string>> ranked;  // (-gaps, need), needs in file order
  for (const Need* n : needs) {
    auto it = splits.find(n->id);
    if (it != splits.end() && it->second.gaps > 1) ranked.emplace_back(-it->second.gaps, n->id);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::cout << "\nkb's most split needs (gaps holding its searches):\n";
  if (ranked.empty()) std::cout << "  none: every need is in at most one gap\n";
  for (std::size_t k = 0; k < ranked.size() && k < kListed; ++k) {
    const std::string& need = ranked[k].second;
    const Spread& s = splits[need];
    auto missed = missed_by_need.find(need);
    std::cout << "  " << need << ": " << s.gaps << " gaps, main need of " << s.main_of
              << ", first at " << s.first << "; "
              << (missed == missed_by_need.end() ? 0 : missed->second) << " missed searches\n";
  }
}

void PrintGaps(const std::vector<ScoredGap>& gaps, const Scorer& scorer) {
  std::cout << "\nkb's gaps in report order:\n";
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    const ScoredGap& g = gaps[i];
    std::cout << "  " << Pad("#" + std::to_string(i + 1), 4) << " impact "
              << Pad(Fixed(g.impact, 0), 3) << " \"" << g.label << "\" -> "
              << (g.main.empty() ? "(no need)" : g.main + (scorer.IsHole(g.main) ? " (hole)" : ""))
              << "; " << NeedMix(g) << " [" << g.diagnosis << "]\n";
  }
}

// Prints each floor and whether kb's figures meet it; false when one is missed.
bool CheckFloor(const Floor& floor, const Figures& kb) {
  bool ok = true;
  auto check = [&](const char* name, const std::optional<double>& limit, double value,
                   bool at_most) {
    if (!limit) return;
    const bool met = at_most ? value <= *limit + 1e-9 : value >= *limit - 1e-9;
    std::cout << "floor: " << name << " " << Fixed(value) << (at_most ? " <= " : " >= ")
              << Fixed(*limit) << (met ? " ok" : " MISSED") << "\n";
    ok = ok && met;
  };
  check("purity", floor.purity, kb.purity, false);
  check("gaps_per_need", floor.gaps_per_need, kb.gaps_per_need, true);
  check("holes_top20", floor.holes_top20, kb.holes_top20, false);
  check("holes_found", floor.holes_found, kb.holes_found, false);
  return ok;
}

int ListeningPort(const std::string& out) {
  std::smatch match;
  static const std::regex line("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  return std::regex_search(out, match, line) ? std::stoi(match[1]) : -1;
}

// Waits until the server's log has written `searches` searches (GET /healthz).
bool WaitForLog(httplib::Client& client, int searches) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto res = client.Get("/healthz");
    if (res && res->status == 200) {
      const json health = json::parse(res->body, nullptr, false);
      const json log = health.is_object() ? health.value("log", json::object()) : json::object();
      if (log.value("dropped", 0) > 0) {
        std::cerr << "kb_gaps_eval: the server's log dropped searches\n";
        return false;
      }
      if (log.value("written", 0) >= searches && log.value("queued", 1) == 0) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::cerr << "kb_gaps_eval: the server's log did not write " << searches << " searches in 20 s\n";
  return false;
}

int Main(int argc, char** argv) {
  std::string half = "held";
  std::string needs_path = std::string(KB_SOURCE_DIR) + "/tests/gaps/needs.tsv";
  std::string articles = std::string(KB_SOURCE_DIR) + "/articles";
  std::string index_bin = KB_INDEX_BIN;
  std::string server_bin = KB_SERVER_BIN;
  std::uint64_t seed = 1;
  std::string floor_spec;
  bool list_gaps = false;
  bool trace = false;
  CLI::App app{
      "kb_gaps_eval: simulated customers search the sample help center through kb-server; "
      "prints how well the gap report groups their missed searches into needs.",
      "kb_gaps_eval"};
  app.add_option("--half", half, "Which half of the labelled set to play")
      ->check(CLI::IsMember({"tune", "held"}))
      ->capture_default_str();
  app.add_option("--needs", needs_path, "The labelled set")->capture_default_str();
  app.add_option("--articles", articles, "The articles folder")->capture_default_str();
  app.add_option("--kb-index", index_bin, "The kb-index binary")->capture_default_str();
  app.add_option("--kb-server", server_bin, "The kb-server binary")->capture_default_str();
  app.add_option("--seed", seed, "Seed of the sessions")->capture_default_str();
  app.add_option("--floor", floor_spec,
                 "Exit 1 when kb misses one: purity=X,gaps_per_need=Y,holes_top20=Z,holes_found=W");
  app.add_flag("--gaps", list_gaps, "Also list every kb gap with the needs in it");
  app.add_flag("--sessions", trace, "Also print each session: what it typed, saw and did");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "kb_gaps_eval: " << e.what() << "\nRun 'kb_gaps_eval --help' for the flags.\n";
    return 2;
  }
  std::optional<Floor> floor;
  if (!floor_spec.empty()) {
    floor = ParseFloor(floor_spec);
    if (!floor) {
      std::cerr << "kb_gaps_eval: --floor takes purity=X,gaps_per_need=Y,holes_top20=Z,"
                   "holes_found=W (any of them), not '"
                << floor_spec << "'\n";
      return 2;
    }
  }
  const auto all = LoadNeeds(needs_path);
  if (!all) return 2;
  std::vector<const Need*> needs;
  for (const Need& n : *all) {
    if (n.half == half) needs.push_back(&n);
  }
  const auto holes =
      std::count_if(needs.begin(), needs.end(), [](const Need* n) { return n->hole(); });

  // The index and the server, in a folder of their own.
  testing::TempDir dir;
  const auto indexed = testing::RunCommand({index_bin, articles, dir / "index"});
  if (indexed.exit_code != 0) {
    std::cerr << "kb_gaps_eval: kb-index failed:\n" << indexed.out << indexed.err;
    return 2;
  }
  const std::string token = "gaps-eval-admin-token-0123456789";
  std::ofstream(dir / "token") << token << "\n";
  testing::Background server({server_bin, "--index", dir / "index", "--data", dir / "data",
                              "--host", "127.0.0.1", "--port", "0", "--admin-token-file",
                              dir / "token", "--popularity-refresh", "86400"});
  if (!server.WaitForOutput("listening on", std::chrono::seconds(20))) {
    std::cerr << "kb_gaps_eval: kb-server did not start:\n" << server.out() << server.err();
    return 2;
  }
  httplib::Client client("127.0.0.1", ListeningPort(server.out()));
  client.set_connection_timeout(5);
  client.set_read_timeout(15);

  const auto started = std::chrono::steady_clock::now();
  Simulation simulation(client, seed, trace);
  if (!simulation.Run(needs)) return 2;
  std::vector<PlayedSearch>& searches = simulation.searches();
  CountAsTheServerDoes(searches);
  if (!WaitForLog(client, static_cast<int>(searches.size()))) return 2;

  auto res = client.Get("/api/gaps", {{"Authorization", "Bearer " + token}});
  if (!res || res->status != 200) {
    std::cerr << "kb_gaps_eval: GET /api/gaps: "
              << (res ? std::to_string(res->status) + " " + res->body : "no answer") << "\n";
    return 2;
  }
  const json report = json::parse(res->body, nullptr, false);
  if (!report.is_object()) {
    std::cerr << "kb_gaps_eval: GET /api/gaps: not a JSON object\n";
    return 2;
  }
  server.Signal(SIGTERM);
  server.Wait();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int counted = 0, missed = 0;
  std::map<std::string, int> missed_by_text, missed_by_need;
  for (const PlayedSearch& s : searches) {
    counted += s.counted;
    if (!s.missed) continue;
    ++missed;
    ++missed_by_text[Simplified(s.text)];
    ++missed_by_need[s.need];
  }
  const SimStats& st = simulation.stats();
  std::cout << "gaps-eval: half " << half << ": " << needs.size() << " needs (" << holes
            << " holes), " << st.sessions << " sessions, seed " << seed << ", " << Fixed(seconds, 1)
            << " s\n"
            << "  " << st.searches << " searches (" << st.keystrokes << " keystroke prefixes), "
            << counted << " counted, " << missed << " missed; " << st.reformulations
            << " reformulations, " << st.answer_clicks << " answer clicks (" << st.helpful
            << " helpful), " << st.wrong_opened << " wrong articles voted not helpful, "
            << st.contacts << " contacts, " << st.left << " left\n"
            << "  answered needs: " << st.answered_found << " of " << st.answered_sessions
            << " sessions clicked an answer\n";
  const int report_searches = report.value("searches", -1);
  const int report_missed = report.value("missed_searches", -1);
  if (report_searches != counted || report_missed != missed) {
    std::cout << "  note: the report counts " << report_searches << " searches, " << report_missed
              << " missed; the simulation " << counted << ", " << missed << "\n";
  }
  if (st.longest_session_ms > 25000) {
    std::cout << "  note: a session took " << st.longest_session_ms
              << " ms, near the server's 30 s keystroke window\n";
  }

  const Scorer scorer(needs);
  bool fell_back = false;
  const std::vector<ScoredGap> kb = KbGaps(report, scorer, missed_by_text, fell_back);
  const std::vector<ScoredGap> exact =
      ExactTextGaps(searches, scorer, report.value("min_sessions", 2));
  const Figures fk = scorer.Score(kb);
  const Figures fe = scorer.Score(exact);
  if (fell_back) {
    std::cout << "  the report lists no `queries`: fell back to `examples` (the top 5 queries of a "
                 "gap), weighed by the simulation's missed searches of each text; "
              << Fixed(100 * fk.unseen, 1) << "% of kb's gap searches are in no example\n";
  }
  std::cout << "\n"
            << Pad("", 20) << Pad("kb", 10) << "exact text\n"
            << Pad("gaps", 20) << Pad(std::to_string(fk.gaps), 10) << fe.gaps << "\n"
            << Pad("purity", 20) << Pad(Fixed(fk.purity), 10) << Fixed(fe.purity) << "\n"
            << Pad("gaps per need", 20) << Pad(Fixed(fk.gaps_per_need), 10)
            << Fixed(fe.gaps_per_need) << "\n"
            << Pad("holes in top 20", 20) << Pad(Fixed(fk.holes_top20), 10) << Fixed(fe.holes_top20)
            << "\n"
            << Pad("holes found", 20) << Pad(Fixed(fk.holes_found), 10) << Fixed(fe.holes_found)
            << "\n";
  PrintWorstMerged(kb);
  PrintMostSplit(kb, needs, missed_by_need);
  if (list_gaps) PrintGaps(kb, scorer);
  if (floor) {
    std::cout << "\n";
    if (!CheckFloor(*floor, fk)) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace kb::gaps_eval

int main(int argc, char** argv) { return kb::gaps_eval::Main(argc, argv); }
