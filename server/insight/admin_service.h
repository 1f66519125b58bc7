// What content owners see: the gap report, the article report, gap statuses, and the replay of
// open gaps against each new index. Transport-free; the HTTP layer checks the admin token.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "server/insight/gap_report.h"
#include "server/search/live_index.h"
#include "server/search/search_request.h"

namespace kb {

// The period a report covers when the request names no `since`: the days before `until`.
inline constexpr int kDefaultReportDays = 30;
// The gaps a replay looks at: those seen in the last this many days.
inline constexpr int kReplayDays = 90;
// POST /api/gaps/{id}/status: the most a body and a note may hold.
inline constexpr std::size_t kMaxGapStatusBodyBytes = 4096;
inline constexpr std::size_t kMaxGapNoteBytes = 1000;

struct ArticleReportRow {
  std::string slug;
  std::string title;
  std::string category;
  std::string audience;
  std::string updated;
  ArticleActivity activity;
};

// A gap that the newest index answers.
struct AnsweredGap {
  std::string gap_id;
  std::string representative;
  int sessions = 0;
  std::string slug;
};

class AdminService {
 public:
  // `log_path` is the search log's SQLite file; reports read it through their own connection.
  AdminService(LiveIndex& index, std::string log_path, const Clock& clock, int min_sessions,
               int retention_days);

  // GET /api/gaps: `since`, `until` (dates or ISO times, default the kDefaultReportDays before
  // now) and `audience` (customer, agent, all; default all).
  Result<GapReport> Gaps(const QueryParams& params);
  // GET /api/articles-report: every article with its activity in the period.
  Result<std::vector<ArticleReportRow>> ArticlesReport(const QueryParams& params);
  // POST /api/gaps/{id}/status with {"status": "open"|"planned"|"dismissed", "note": "..."}.
  Status SetGapStatus(const std::string& gap_id, std::string_view body);
  // POST /api/synonym-suggestions/dismiss with {"line": "pw: [password]"}: the report stops
  // suggesting that line.
  Status DismissSynonym(std::string_view body);

  // Replays the queries of every gap that is not dismissed or already answered against the
  // current index, and records "answered by <slug>" for those that now find an article they did
  // not find before. Called whenever the index changes.
  Result<std::vector<AnsweredGap>> ReplayOpenGaps();

 private:
  struct Period {
    std::int64_t since_ms;
    std::int64_t until_ms;
  };
  Result<Period> ParsePeriod(const QueryParams& params) const;

  LiveIndex& index_;
  const std::string log_path_;
  const Clock& clock_;
  const int min_sessions_;
  const int retention_days_;
};

// Replays `report`'s gaps against `index` (see AdminService::ReplayOpenGaps) and returns those
// now answered.
std::vector<AnsweredGap> FindAnsweredGaps(const GapReport& report, const Xapian::Database& index,
                                          const IndexInfo& info, const Searcher& searcher);

// The open gaps of the last kReplayDays in the log at `log_path` that `index` answers, without
// recording anything: what `kb-index --check-gaps` prints for a docs change in review.
Result<std::vector<AnsweredGap>> CheckGaps(const std::string& log_path, LiveIndex& index,
                                           int min_sessions, const Clock& clock);

}  // namespace kb
