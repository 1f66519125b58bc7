#include "tests/gaps/gap_scoring.h"

#include <algorithm>
#include <sstream>

namespace kb::gaps_eval {
namespace {

using nlohmann::json;

// The impact weights of exact-text grouping: the server's before it grouped by need (today's are
// in server/insight/search_rollup.h).
constexpr int kWeightContact = 3;
constexpr int kWeightNotHelpful = 2;
constexpr int kWeightOther = 1;

}  // namespace

std::string Simplified(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

std::optional<std::vector<Need>> ParseNeeds(std::istream& in, std::string& error) {
  std::vector<Need> needs;
  std::map<std::string, std::size_t> index;
  std::string line;
  int number = 0;
  bool header = false;
  auto fail = [&](const std::string& what) {
    error = std::to_string(number) + ": " + what;
    return std::nullopt;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = Split(line, '\t');
    if (cells.size() != 4) {
      return fail("expected 4 tab-separated cells: need, half, answers, wording");
    }
    if (!header) {
      if (cells[0] != "need") return fail("expected the header line: need, half, answers, wording");
      header = true;
      continue;
    }
    const std::string& id = cells[0];
    const std::string& half = cells[1];
    const std::string& answers = cells[2];
    const std::string& wording = cells[3];
    if (id.empty()) return fail("empty need");
    if (half != "tune" && half != "held") return fail("half must be 'tune' or 'held'");
    if (Simplified(wording).empty()) return fail("empty wording");
    std::vector<std::string> slugs;
    if (answers != "-") slugs = Split(answers, ',');
    if (std::find(slugs.begin(), slugs.end(), "") != slugs.end()) return fail("empty slug");
    auto [it, added] = index.emplace(id, needs.size());
    if (added) needs.push_back({id, half, slugs, {}});
    Need& need = needs[it->second];
    if (need.half != half || need.answers != slugs) {
      return fail("need '" + id + "' has another half or other answers on an earlier line");
    }
    need.wordings.push_back(wording);
  }
  if (needs.empty()) return fail("no needs");
  return needs;
}

void CountAsTheServerDoes(std::vector<PlayedSearch>& searches) {
  std::map<std::string, std::size_t> last;  // session -> its latest search
  for (std::size_t i = 0; i < searches.size(); ++i) {
    PlayedSearch& s = searches[i];
    s.counted = true;
    if (auto previous = last.find(s.session); previous != last.end()) {
      PlayedSearch& p = searches[previous->second];
      const std::string before = Simplified(p.text);
      const std::string now = Simplified(s.text);
      if (now.compare(0, before.size(), before) == 0 && !p.clicked && !p.not_helpful &&
          !p.contacted) {
        p.counted = false;
      }
    }
    last[s.session] = i;
  }
  for (PlayedSearch& s : searches) {
    s.missed = s.counted && (s.total == 0 || !s.clicked || s.not_helpful || s.contacted);
  }
}

Scorer::Scorer(std::vector<const Need*> needs) : needs_(std::move(needs)) {
  for (std::size_t i = 0; i < needs_.size(); ++i) {
    for (const std::string& w : needs_[i]->wordings) needs_of_[Simplified(w)].insert(i);
  }
}

void Scorer::Add(ScoredGap& gap, const std::string& text, int searches) const {
  gap.seen += searches;
  auto it = needs_of_.find(Simplified(text));
  if (it == needs_of_.end()) return;
  gap.matched += searches;
  for (std::size_t i : it->second) gap.by_need[needs_[i]->id] += searches;
}

void Scorer::Finish(ScoredGap& gap) const {
  gap.main.clear();
  gap.main_searches = 0;
  for (const Need* need : needs_) {
    auto it = gap.by_need.find(need->id);
    if (it != gap.by_need.end() && it->second > gap.main_searches) {
      gap.main = need->id;
      gap.main_searches = it->second;
    }
  }
}

bool Scorer::IsHole(const std::string& need) const {
  for (const Need* n : needs_) {
    if (n->id == need) return n->hole();
  }
  return false;
}

Figures Scorer::Score(const std::vector<ScoredGap>& gaps) const {
  Figures f;
  f.gaps = gaps.size();
  long main_searches = 0, seen = 0, reported = 0;
  std::map<std::string, int> gaps_of;  // need -> gaps it is the main need of
  for (const ScoredGap& g : gaps) {
    main_searches += g.main_searches;
    seen += g.seen;
    reported += std::max(g.searches, g.seen);
    if (!g.main.empty()) ++gaps_of[g.main];
  }
  f.purity = seen ? static_cast<double>(main_searches) / seen : 0;
  f.unseen = reported ? 1.0 - static_cast<double>(seen) / reported : 0;
  long total = 0;
  for (const auto& [need, n] : gaps_of) total += n;
  f.gaps_per_need = gaps_of.empty() ? 0 : static_cast<double>(total) / gaps_of.size();
  const std::size_t top = std::min(kTopGaps, gaps.size());
  int holes_top = 0;
  for (std::size_t i = 0; i < top; ++i) holes_top += !gaps[i].main.empty() && IsHole(gaps[i].main);
  f.holes_top20 = top ? static_cast<double>(holes_top) / top : 0;
  int holes = 0, found = 0;
  for (const Need* n : needs_) {
    if (!n->hole()) continue;
    ++holes;
    found += gaps_of.count(n->id) > 0;
  }
  f.holes_found = holes ? static_cast<double>(found) / holes : 0;
  return f;
}

std::vector<ScoredGap> KbGaps(const json& report, const Scorer& scorer,
                              const std::map<std::string, int>& missed_by_text, bool& fell_back) {
  std::vector<ScoredGap> gaps;
  fell_back = false;
  const json none = json::array();
  const json& listed = report.contains("gaps") && report["gaps"].is_array() ? report["gaps"] : none;
  for (const json& g : listed) {
    ScoredGap gap;
    gap.label = g.value("representative", "");
    gap.impact = g.value("impact", 0.0);
    gap.searches = g.value("searches", 0);
    if (g.contains("diagnosis") && g["diagnosis"].is_object()) {
      gap.diagnosis = g["diagnosis"].value("code", "");
    }
    if (g.contains("queries") && g["queries"].is_array()) {
      for (const json& q : g["queries"]) {
        scorer.Add(gap, q.value("text", ""), q.value("searches", 0));
      }
    } else {
      fell_back = true;
      for (const json& e : g.value("examples", json::array())) {
        const std::string text = e.is_string() ? e.get<std::string>() : "";
        auto it = missed_by_text.find(Simplified(text));
        scorer.Add(gap, text, it == missed_by_text.end() ? 0 : it->second);
      }
    }
    scorer.Finish(gap);
    gaps.push_back(std::move(gap));
  }
  return gaps;
}

std::vector<ScoredGap> ExactTextGaps(const std::vector<PlayedSearch>& searches,
                                     const Scorer& scorer, int min_sessions) {
  struct Group {
    int searches = 0;
    std::string typed;
    std::map<std::string, int> weight;  // session -> its heaviest miss
  };
  std::map<std::string, Group> groups;
  for (const PlayedSearch& s : searches) {
    if (!s.missed) continue;
    Group& g = groups[Simplified(s.text)];
    if (g.typed.empty()) g.typed = s.text;
    ++g.searches;
    const int w = s.contacted ? kWeightContact : s.not_helpful ? kWeightNotHelpful : kWeightOther;
    g.weight[s.session] = std::max(g.weight[s.session], w);
  }
  std::vector<ScoredGap> gaps;
  for (const auto& [text, g] : groups) {
    if (static_cast<int>(g.weight.size()) < min_sessions) continue;
    ScoredGap gap;
    gap.label = g.typed;
    gap.searches = g.searches;
    for (const auto& [session, w] : g.weight) gap.impact += w;
    scorer.Add(gap, text, g.searches);
    scorer.Finish(gap);
    gaps.push_back(std::move(gap));
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const ScoredGap& a, const ScoredGap& b) {
    if (a.impact != b.impact) return a.impact > b.impact;
    return a.searches > b.searches;  // then by text: the map's order, kept by the stable sort
  });
  return gaps;
}

std::optional<Floor> ParseFloor(const std::string& spec) {
  Floor floor;
  const std::vector<std::string> items = Split(spec, ',');
  if (items.empty()) return std::nullopt;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string name = item.substr(0, eq);
    const std::string number = item.substr(eq + 1);
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(number, &used);
      if (used != number.size()) return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (name == "purity") {
      floor.purity = value;
    } else if (name == "gaps_per_need") {
      floor.gaps_per_need = value;
    } else if (name == "holes_top20") {
      floor.holes_top20 = value;
    } else if (name == "holes_found") {
      floor.holes_found = value;
    } else {
      return std::nullopt;
    }
  }
  return floor;
}

}  // namespace kb::gaps_eval
