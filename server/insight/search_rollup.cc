#include "server/insight/search_rollup.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace kb {
namespace {

std::string SessionHash(const std::string& session) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(session.data(), session.size())));
  return hex;
}

bool Succeeded(const StoredSearch& s) { return s.clicked && !s.not_helpful && !s.contacted; }

double MissWeight(const StoredSearch& s, bool recovered) {
  if (s.contacted) return kWeightContact;
  if (s.not_helpful) return kWeightNotHelpful;
  if (recovered) return kWeightRecovered;
  if (s.result_count == 0) return kWeightNoResults;
  return kWeightNoClick;
}

using RowKey = std::tuple<std::int64_t, std::string, std::string, std::string, std::string,
                          std::vector<std::string>, bool>;

struct RowBuilder {
  WordingHour row;
  std::map<std::string, int> typed;
  std::map<std::string, double> session_weight;
};

}  // namespace

std::string Wording(const std::string& query) {
  std::string out;
  bool space = false;
  for (char c : query) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool CountsAsSearch(const StoredSearch& s) {
  return !s.superseded || s.clicked || s.not_helpful || s.contacted;
}

bool IsMiss(const StoredSearch& s) {
  return s.result_count == 0 || !s.clicked || s.not_helpful || s.contacted;
}

Rollup RollUpSearches(const std::vector<StoredSearch>& searches, std::int64_t since_ms,
                      std::int64_t until_ms) {
  // Each counted search's next counted search in the same session, if within the window.
  std::vector<const StoredSearch*> counted;
  counted.reserve(searches.size());
  for (const StoredSearch& s : searches) {
    if (CountsAsSearch(s) && s.time_ms >= since_ms) counted.push_back(&s);
  }
  std::unordered_map<const StoredSearch*, const StoredSearch*> next;
  {
    std::unordered_map<std::string, const StoredSearch*> last_of_session;
    for (const StoredSearch* s : counted) {
      if (s->session.empty()) continue;  // searches without a session cannot be followed
      auto [it, inserted] = last_of_session.try_emplace(s->session, s);
      if (!inserted) {
        if (s->time_ms - it->second->time_ms <= kReformulationWindowMs) next[it->second] = s;
        it->second = s;
      }
    }
  }

  Rollup rollup;
  std::map<std::int64_t, HourTotals> totals;
  std::map<RowKey, RowBuilder> rows;
  std::map<std::tuple<std::int64_t, std::string, std::string, std::string>,
           std::pair<std::set<std::string>, std::set<std::string>>>
      reformulations;  // (hour, from, to, language) -> (sessions, succeeded sessions)
  for (const StoredSearch* s : counted) {
    if (s->time_ms >= until_ms) break;
    const std::int64_t hour = HourOf(s->time_ms);
    HourTotals& total = totals[hour];
    total.hour_ms = hour;
    ++total.searches;
    total.customer_searches += !s->agent;
    if (!IsMiss(*s)) continue;
    ++total.misses;
    total.customer_misses += !s->agent;

    const std::string wording = Wording(s->query);
    auto follow = next.find(s);
    const StoredSearch* after = follow == next.end() ? nullptr : follow->second;
    const bool recovered = after && Succeeded(*after) && !s->contacted && !s->not_helpful;
    const std::string next_wording = after ? Wording(after->query) : std::string();
    if (after && next_wording != wording) {
      auto& [sessions, succeeded] = reformulations[{hour, wording, next_wording, s->language}];
      sessions.insert(s->session);
      if (Succeeded(*after)) succeeded.insert(s->session);
    }

    RowBuilder& builder =
        rows[{hour, wording, s->language, s->locale, s->category, s->tags, s->agent}];
    WordingHour& row = builder.row;
    if (row.misses == 0) {
      row.hour_ms = hour;
      row.wording = wording;
      row.language = s->language;
      row.locale = s->locale;
      row.category = s->category;
      row.tags = s->tags;
      row.agent = s->agent;
      row.first_ms = s->time_ms;
    }
    row.last_ms = s->time_ms;
    ++row.misses;
    row.no_results += s->result_count == 0;
    row.no_click += s->result_count > 0 && !s->clicked;
    row.not_helpful += s->not_helpful;
    row.contact += s->contacted;
    row.recovered += recovered;
    for (const std::string& slug : s->top_slugs) ++row.shown[slug];
    ++builder.typed[s->query];
    double& weight = builder.session_weight[s->session];  // searches without a session share one
    weight = std::max(weight, MissWeight(*s, recovered));
  }

  for (auto& [hour, total] : totals) rollup.totals.push_back(total);
  for (auto& [key, builder] : rows) {
    WordingHour& row = builder.row;
    row.sessions = static_cast<int>(builder.session_weight.size());
    std::vector<std::string> hashes;
    for (const auto& [session, weight] : builder.session_weight) {
      row.impact += weight;
      hashes.push_back(SessionHash(session));
    }
    std::sort(hashes.begin(), hashes.end());
    if (hashes.size() > kSessionSample) hashes.resize(kSessionSample);
    row.session_sample = std::move(hashes);
    int best = 0;
    for (const auto& [typed, count] : builder.typed) {
      if (count > best) row.typed = typed, best = count;
    }
    rollup.wordings.push_back(std::move(row));
  }
  for (auto& [key, sessions] : reformulations) {
    const auto& [hour, from, to, language] = key;
    rollup.reformulations.push_back({hour, from, to, language,
                                     static_cast<int>(sessions.first.size()),
                                     static_cast<int>(sessions.second.size())});
  }
  return rollup;
}

Status RollUpHour(LogDatabase& log, std::int64_t hour_ms) {
  auto searches = log.SearchesBetween(hour_ms, hour_ms + kHourMs + kReformulationWindowMs);
  if (!searches.ok()) return searches.status();
  if (Status s = log.Begin(); !s.ok()) return s;
  Status stored = log.ReplaceRollup(hour_ms, RollUpSearches(*searches, hour_ms, hour_ms + kHourMs));
  if (stored.ok()) stored = log.Commit();
  if (!stored.ok()) log.Rollback();
  return stored;
}

Result<Rollup> RollupOfPeriod(LogDatabase& log, std::int64_t since_ms, std::int64_t until_ms) {
  Rollup rollup;
  auto clean = log.CleanHoursBetween(since_ms, until_ms);
  if (!clean.ok()) return clean.status();
  auto append_raw = [&](std::int64_t from, std::int64_t to) -> Status {
    if (from >= to) return Status::Ok();
    auto searches = log.SearchesBetween(from, to + kReformulationWindowMs);
    if (!searches.ok()) return searches.status();
    Rollup part = RollUpSearches(*searches, from, to);
    for (auto& t : part.totals) rollup.totals.push_back(std::move(t));
    for (auto& w : part.wordings) rollup.wordings.push_back(std::move(w));
    for (auto& r : part.reformulations) rollup.reformulations.push_back(std::move(r));
    return Status::Ok();
  };
  // Walk the period: runs of whole clean hours are read as stored, what lies between them raw.
  std::int64_t at = since_ms;
  std::size_t i = 0;
  while (i < clean->size()) {
    const std::int64_t run_start = (*clean)[i];
    std::int64_t run_end = run_start + kHourMs;
    while (i + 1 < clean->size() && (*clean)[i + 1] == run_end) ++i, run_end += kHourMs;
    ++i;
    if (run_end > until_ms) run_end = HourOf(until_ms);  // the last hour is cut by the period
    if (run_end <= run_start) continue;
    if (Status s = append_raw(at, run_start); !s.ok()) return s;
    if (Status s = log.ReadRollups(run_start, run_end, rollup); !s.ok()) return s;
    at = run_end;
  }
  if (Status s = append_raw(at, until_ms); !s.ok()) return s;
  return rollup;
}

}  // namespace kb
