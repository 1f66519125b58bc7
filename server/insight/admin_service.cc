#include "server/insight/admin_service.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/index_records.h"
#include "core/schema.h"
#include "core/utf8.h"

namespace kb {
namespace {

// "2026-09-14" (start of that day, UTC) or "2026-09-14T10:30:00Z".
std::optional<std::int64_t> ParseTime(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (text.size() == 10 &&
      std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) ==
          3 &&
      consumed == 10) {
  } else if (text.size() == 20 &&
             std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                         &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) == 6 &&
             consumed == 20) {
  } else {
    return std::nullopt;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::string Single(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

}  // namespace

AdminService::AdminService(LiveIndex& index, std::string log_path, const Clock& clock,
                           int min_sessions, int retention_days)
    : index_(index),
      log_path_(std::move(log_path)),
      clock_(clock),
      min_sessions_(min_sessions),
      retention_days_(retention_days) {}

Result<AdminService::Period> AdminService::ParsePeriod(const QueryParams& params) const {
  Period period{0, clock_.NowMs() + 1};
  const std::string until = Single(params, "until");
  const std::string since = Single(params, "since");
  if (!until.empty()) {
    auto t = ParseTime(until);
    if (!t) {
      return Status::InvalidArgument("invalid_until",
                                     "'until' must be a date (2026-09-14) or a UTC time "
                                     "(2026-09-14T10:30:00Z)");
    }
    // A bare date means the whole of that day.
    period.until_ms = until.size() == 10 ? *t + kDayMs : *t;
  }
  period.since_ms = period.until_ms - kDefaultReportDays * kDayMs;
  if (!since.empty()) {
    auto t = ParseTime(since);
    if (!t) {
      return Status::InvalidArgument("invalid_since",
                                     "'since' must be a date (2026-09-14) or a UTC time "
                                     "(2026-09-14T10:30:00Z)");
    }
    period.since_ms = *t;
  }
  if (period.since_ms >= period.until_ms) {
    return Status::InvalidArgument("invalid_period", "'since' must be before 'until'");
  }
  if (period.until_ms - period.since_ms > (retention_days_ + 1) * kDayMs * 2) {
    return Status::InvalidArgument("invalid_period", "the period is longer than the log keeps");
  }
  return period;
}

Result<GapReport> AdminService::Gaps(const QueryParams& params) {
  auto period = ParsePeriod(params);
  if (!period.ok()) return period.status();
  GapReportOptions options;
  options.since_ms = period->since_ms;
  options.until_ms = period->until_ms;
  options.min_sessions = min_sessions_;
  if (const std::string audience = Single(params, "audience"); !audience.empty()) {
    const std::optional<Audience> parsed = ParseAudience(audience);
    if (!parsed) {
      return Status::InvalidArgument("invalid_audience",
                                     "'audience' must be " + SpellingList(kAudiences, " or "));
    }
    options.audience = *parsed;
  }
  if (const std::string limit = Single(params, "limit"); !limit.empty()) {
    char* end = nullptr;
    const long value = std::strtol(limit.c_str(), &end, 10);
    if (*end != '\0' || value < 1 || value > static_cast<long>(kMaxGapLimit)) {
      return Status::InvalidArgument("invalid_limit", "'limit' must be a whole number from 1 to " +
                                                          std::to_string(kMaxGapLimit));
    }
    options.limit = static_cast<std::size_t>(value);
  }
  // Writable: the report saves where it placed the wordings it saw for the first time.
  auto log = LogDatabase::Open(log_path_);
  if (!log.ok()) return log.status();
  const Searcher searcher{ArticleUrls()};
  return index_.WithDatabase<GapReport>([&](const Xapian::Database& db, const IndexInfo& info) {
    return BuildGapReport(**log, db, info, searcher, options);
  });
}

Result<std::vector<ArticleReportRow>> AdminService::ArticlesReport(const QueryParams& params) {
  auto period = ParsePeriod(params);
  if (!period.ok()) return period.status();
  auto log = LogDatabase::Open(log_path_, /*read_only=*/true);
  if (!log.ok()) return log.status();
  auto activity = (*log)->ArticleActivityBetween(period->since_ms, period->until_ms);
  if (!activity.ok()) return activity.status();
  auto rows = index_.WithDatabase<std::vector<ArticleReportRow>>(
      [&](const Xapian::Database& db, const IndexInfo&) -> Result<std::vector<ArticleReportRow>> {
        std::vector<ArticleReportRow> found;
        try {
          const std::string prefix(schema::kMetaArticlePrefix);
          for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            auto article = ParseArticleRecord(db.get_metadata(*it));
            if (!article.ok()) continue;
            ArticleReportRow row{article->slug,     article->title,   article->category,
                                 article->audience, article->updated, {}};
            if (auto a = activity->find(article->slug); a != activity->end())
              row.activity = a->second;
            found.push_back(std::move(row));
          }
        } catch (const Xapian::Error& e) {
          return Status::Unavailable("index_error", e.get_description());
        }
        return found;
      });
  if (!rows.ok()) return rows;
  // Problems first: the most "not helpful" votes and contacts after reading, then most read.
  std::sort(rows->begin(), rows->end(), [](const ArticleReportRow& a, const ArticleReportRow& b) {
    const int pa = a.activity.not_helpful + a.activity.contacts;
    const int pb = b.activity.not_helpful + b.activity.contacts;
    if (pa != pb) return pa > pb;
    if (a.activity.views != b.activity.views) return a.activity.views > b.activity.views;
    return a.slug < b.slug;
  });
  return rows;
}

Status AdminService::SetGapStatus(const std::string& gap_id, std::string_view body) {
  if (!IsValidGapId(gap_id)) {
    return Status::NotFound("gap_not_found", "no gap with id '" + gap_id.substr(0, 40) + "'");
  }
  if (body.size() > kMaxGapStatusBodyBytes || !IsValidUtf8(body)) {
    return Status::InvalidArgument("invalid_body",
                                   "the body must be UTF-8 JSON under " +
                                       std::to_string(kMaxGapStatusBodyBytes / 1024) + " KiB");
  }
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("status") ||
      !json["status"].is_string() || (json.contains("note") && !json["note"].is_string())) {
    std::string states;
    for (GapState state : kGapStates) {
      states += (states.empty() ? "\"" : "|\"") + std::string(ToString(state)) + "\"";
    }
    return Status::InvalidArgument("invalid_body",
                                   "send {\"status\": " + states + ", \"note\": \"…\"}");
  }
  const std::string status = json["status"];
  const std::string note = json.value("note", "");
  const std::optional<GapState> state = ParseGapState(status);
  if (!state) {
    return Status::InvalidArgument("invalid_status",
                                   "'status' must be " + SpellingList(kGapStates, " or "));
  }
  if (note.size() > kMaxGapNoteBytes) {
    return Status::InvalidArgument(
        "note_too_long", "'note' is longer than " + std::to_string(kMaxGapNoteBytes) + " bytes");
  }
  auto log = LogDatabase::Open(log_path_);
  if (!log.ok()) return log.status();
  return (*log)->SetGapStatus(gap_id, *state, note, clock_.NowMs());
}

Status AdminService::DismissSynonym(std::string_view body) {
  if (body.size() > kMaxGapStatusBodyBytes || !IsValidUtf8(body)) {
    return Status::InvalidArgument("invalid_body",
                                   "the body must be UTF-8 JSON under " +
                                       std::to_string(kMaxGapStatusBodyBytes / 1024) + " KiB");
  }
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("line") ||
      !json["line"].is_string() || json["line"].get<std::string>().empty() ||
      json["line"].get<std::string>().size() > kMaxGapNoteBytes) {
    return Status::InvalidArgument("invalid_body",
                                   "send {\"line\": \"<a suggested line, as listed>\"}");
  }
  auto log = LogDatabase::Open(log_path_);
  if (!log.ok()) return log.status();
  return (*log)->DismissSynonym(json["line"].get<std::string>(), clock_.NowMs());
}

std::vector<AnsweredGap> FindAnsweredGaps(const GapReport& report, const Xapian::Database& index,
                                          const IndexInfo& info, const Searcher& searcher) {
  std::vector<AnsweredGap> answered;
  for (const Gap& gap : report.gaps) {
    if (gap.status.state == GapState::kDismissed || !gap.status.answered_by.empty()) continue;
    const bool found_nothing = MostlyFoundNothing(gap);
    std::vector<std::string> queries = {gap.representative};
    queries.insert(queries.end(), gap.examples.begin(), gap.examples.end());
    for (const std::string& query : queries) {
      SearchRequest request;
      request.query = WithoutPlaceholders(query) + " ";
      request.limit = 1;  // only the top result can be the answer
      auto result = searcher.Search(index, info, request);
      if (!result.ok() || result->hits.empty()) continue;
      const std::string& top = result->hits[0].slug;
      const bool new_answer =
          std::find(gap.shown_slugs.begin(), gap.shown_slugs.end(), top) == gap.shown_slugs.end();
      if (found_nothing || new_answer) {
        answered.push_back({gap.id, gap.representative, gap.sessions, top});
        break;
      }
    }
  }
  return answered;
}

namespace {

Result<std::vector<AnsweredGap>> ReplayAgainst(LogDatabase& log, LiveIndex& index, int min_sessions,
                                               const Clock& clock, bool read_only,
                                               std::string* generation) {
  GapReportOptions options;
  options.save_placements = !read_only;
  options.limit = kMaxGapLimit;  // every gap that could be answered
  options.until_ms = clock.NowMs() + 1;
  options.since_ms = options.until_ms - kReplayDays * kDayMs;
  options.min_sessions = min_sessions;
  const Searcher searcher{ArticleUrls()};
  return index.WithDatabase<std::vector<AnsweredGap>>(
      [&](const Xapian::Database& db, const IndexInfo& info) -> Result<std::vector<AnsweredGap>> {
        if (generation) *generation = info.generation;
        auto report = BuildGapReport(log, db, info, searcher, options);
        if (!report.ok()) return report.status();
        return FindAnsweredGaps(*report, db, info, searcher);
      });
}

}  // namespace

Result<std::vector<AnsweredGap>> CheckGaps(const std::string& log_path, LiveIndex& index,
                                           int min_sessions, const Clock& clock) {
  auto log = LogDatabase::Open(log_path, /*read_only=*/true);
  if (!log.ok()) return log.status();
  return ReplayAgainst(**log, index, min_sessions, clock, /*read_only=*/true, nullptr);
}

Result<std::vector<AnsweredGap>> AdminService::ReplayOpenGaps() {
  auto log = LogDatabase::Open(log_path_);
  if (!log.ok()) return log.status();
  std::string generation;
  auto answered =
      ReplayAgainst(**log, index_, min_sessions_, clock_, /*read_only=*/false, &generation);
  if (!answered.ok()) return answered;
  for (const AnsweredGap& gap : *answered) {
    if (Status s = (*log)->SetGapAnswered(gap.gap_id, gap.slug, generation, clock_.NowMs());
        !s.ok()) {
      return s;
    }
  }
  return answered;
}

}  // namespace kb
