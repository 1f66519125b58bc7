// kb-bench-gaps: how long GET /api/gaps takes over 30 days of a large search log. Fills a fresh
// log with N synthetic searches (needs of a help center typed many ways, Zipf-popular, in
// sessions, with clicks and contacts), then times the report as /api/gaps builds it: first over
// the raw searches (before any roll-up, placing every wording), again over the raw searches, then
// after the writer's hourly roll-ups.
//
//   kb-bench-gaps --index build/demo-index --searches 1000000
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>

#include "server/insight/gap_report.h"
#include "server/insight/search_rollup.h"
#include "server/search/live_index.h"
#include "server/search/searcher.h"

namespace kb {
namespace {

constexpr std::int64_t kEnd = 1790000000000 - 1790000000000 % kHourMs;
constexpr int kDays = 30;

struct Need {
  std::vector<std::string> wordings;
  bool hole = false;
};

// Words for needs: real ones from the index's spelling table (what articles say), and made-up
// ones that no article has (what holes are about).
std::vector<std::string> WordPool(const Xapian::Database& db, std::mt19937& random) {
  std::vector<std::string> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (word.size() >= 4 && word.size() <= 10 &&
        word.find_first_of("0123456789") == std::string::npos) {
      words.push_back(word);
    }
  }
  const char* syllables[] = {"zor", "bex", "quil", "mav", "tron",
                             "dex", "pli", "vos",  "kra", "nim"};
  for (int i = 0; i < 400; ++i) {
    std::string made;
    for (int s = 0; s < 3; ++s) made += syllables[random() % 10];
    words.push_back(made);
  }
  std::shuffle(words.begin(), words.end(), random);
  return words;
}

std::vector<Need> MakeNeeds(const std::vector<std::string>& pool, int count, std::mt19937& random) {
  std::vector<Need> needs;
  for (int n = 0; n < count; ++n) {
    Need need;
    need.hole = random() % 10 < 4;
    std::vector<std::string> words;
    const int size = 2 + static_cast<int>(random() % 2);
    for (int w = 0; w < size; ++w) words.push_back(pool[random() % pool.size()]);
    auto join = [](const std::vector<std::string>& v, const std::string& lead) {
      std::string text = lead;
      for (const auto& w : v) text += (text.empty() ? "" : " ") + w;
      return text;
    };
    need.wordings.push_back(join(words, ""));
    need.wordings.push_back(join(words, "how do i"));
    std::vector<std::string> reversed(words.rbegin(), words.rend());
    need.wordings.push_back(join(reversed, ""));
    std::vector<std::string> typo = words;
    if (typo[0].size() > 3) std::swap(typo[0][1], typo[0][2]);
    need.wordings.push_back(join(typo, ""));
    need.wordings.push_back(join({words.begin(), words.begin() + 2}, "where is"));
    needs.push_back(std::move(need));
  }
  return needs;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Run(const std::string& index_dir, const std::string& log_path, int searches, int need_count) {
  std::filesystem::remove(log_path);
  std::filesystem::remove(log_path + "-wal");
  std::filesystem::remove(log_path + "-shm");
  auto index = LiveIndex::Open(index_dir);
  if (!index.ok()) {
    std::cerr << "kb-bench-gaps: " << index.status().message() << "\n";
    return 1;
  }
  auto log = LogDatabase::Open(log_path);
  if (!log.ok()) {
    std::cerr << "kb-bench-gaps: " << log.status().message() << "\n";
    return 1;
  }
  std::mt19937 random(42);
  std::vector<std::string> pool;
  (void)(*index)->WithDatabase<int>(
      [&](const Xapian::Database& db, const IndexInfo&) -> Result<int> {
        pool = WordPool(db, random);
        return 0;
      });
  const std::vector<Need> needs = MakeNeeds(pool, need_count, random);
  // Zipf popularity over needs: a few are most of the traffic, as in every help center.
  std::vector<double> weights;
  for (int n = 0; n < need_count; ++n) weights.push_back(1.0 / (n + 1));
  std::discrete_distribution<int> pick_need(weights.begin(), weights.end());
  std::uniform_int_distribution<std::int64_t> pick_time(kEnd - kDays * kDayMs, kEnd - 1);

  const auto fill_started = std::chrono::steady_clock::now();
  int written = 0;
  int session_number = 0;
  (void)(*log)->Begin();
  while (written < searches) {
    const Need& need = needs[pick_need(random)];
    const std::string session = "s" + std::to_string(++session_number);
    std::int64_t time = pick_time(random);
    const int tries = 1 + static_cast<int>(random() % 3);
    for (int t = 0; t < tries && written < searches; ++t) {
      StoredSearch s;
      char id[17];
      std::snprintf(id, sizeof id, "%016x", ++written);
      s.id = id;
      s.time_ms = time;
      s.session = session;
      // One in twenty searches is a one-off: a wording nobody else types.
      s.query = random() % 20 == 0 ? need.wordings[0] + " " + pool[random() % pool.size()]
                                   : need.wordings[random() % need.wordings.size()];
      s.language = "en";
      s.result_count = need.hole && random() % 2 ? 0 : 1 + static_cast<int>(random() % 9);
      if (s.result_count > 0) s.top_slugs = {"article-" + std::to_string(random() % 50)};
      (void)(*log)->InsertSearch(s);
      const bool found = !need.hole && s.result_count > 0 && random() % 10 < 7;
      if (found) {
        (void)(*log)->InsertEvent(
            {time + 2000, s.id, EventType::kClick, s.top_slugs[0], session, ""});
        break;
      }
      if (random() % 10 == 0) {
        (void)(*log)->InsertEvent({time + 3000, s.id, EventType::kContact, "", session, ""});
        break;
      }
      time += 15000;
    }
    if (written % 50000 == 0) (void)(*log)->Commit(), (void)(*log)->Begin();
  }
  (void)(*log)->Commit();
  const double fill = Seconds(fill_started);

  GapReportOptions options;
  options.until_ms = kEnd;
  options.since_ms = kEnd - kDays * kDayMs;
  const Searcher searcher{ArticleUrls()};
  auto report = [&](int* gaps) {
    const auto started = std::chrono::steady_clock::now();
    auto built =
        (*index)->WithDatabase<GapReport>([&](const Xapian::Database& db, const IndexInfo& info) {
          return BuildGapReport(**log, db, info, searcher, options);
        });
    if (!built.ok()) {
      std::cerr << "kb-bench-gaps: " << built.status().message() << "\n";
      std::exit(1);
    }
    *gaps = static_cast<int>(built->gaps.size());
    return Seconds(started);
  };
  int gaps = 0;
  const double raw_cold = report(&gaps);
  const double raw_warm = report(&gaps);
  const auto rollup_started = std::chrono::steady_clock::now();
  for (std::int64_t hour = options.since_ms; hour < options.until_ms; hour += kHourMs) {
    if (Status s = RollUpHour(**log, hour); !s.ok()) {
      std::cerr << "kb-bench-gaps: " << s.message() << "\n";
      return 1;
    }
  }
  const double rollup = Seconds(rollup_started);
  const double rolled = report(&gaps);
  const double rolled_again = report(&gaps);
  auto wordings = (*log)->ReadGapWordings();
  std::printf("| %d | %zu | %d | %.1f s | %.2f s | %.2f s | %.1f s | %.3f s | %.3f s |\n", searches,
              wordings.ok() ? wordings->size() : 0, gaps, fill, raw_cold, raw_warm, rollup, rolled,
              rolled_again);
  return 0;
}

}  // namespace
}  // namespace kb

int main(int argc, char** argv) {
  CLI::App app{"Times the gap report over 30 days of a synthetic search log"};
  std::string index;
  std::string log = "/tmp/kb-bench-gaps.sqlite";
  std::vector<int> sizes = {10000, 100000, 1000000};
  int needs = 3000;
  app.add_option("--index", index, "a kb index (kb-index's output)")->required();
  app.add_option("--log", log, "where to write the log (replaced)");
  app.add_option("--searches", sizes, "sizes of the log, in searches");
  app.add_option("--needs", needs, "distinct needs the searches are about");
  CLI11_PARSE(app, argc, argv);
  std::printf(
      "| searches | wordings placed | gaps | fill | report, raw, first | report, raw, again | "
      "roll-up of 30 days | report, rolled up | again |\n|---|---|---|---|---|---|---|---|---|\n");
  for (int size : sizes) {
    if (int rc = kb::Run(index, log, size, needs); rc != 0) return rc;
    std::fflush(stdout);
  }
  return 0;
}
