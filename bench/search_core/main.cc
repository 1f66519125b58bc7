// kb-bench-search: the search core's floor. Runs the benchmark queries through kb's own
// Searcher::Search, in-process with no HTTP, on 1 and 2 threads, with every search feature on and
// with plain BM25, and prints queries per second, p50 and p99 for each.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "bench/bench_queries.h"
#include "bench/latency_stats.h"
#include "server/search/live_index.h"
#include "server/search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

struct RunResult {
  kb::bench::LatencySummary latency;
  std::size_t failed = 0;
  std::size_t found = 0;  // queries with at least one result
};

RunResult Run(kb::LiveIndex& index, const kb::Searcher& searcher,
              const std::vector<kb::bench::QueryLine>& queries, int threads, double seconds) {
  std::vector<std::vector<double>> latencies(threads);
  std::atomic<std::size_t> failed{0};
  std::atomic<std::size_t> found{0};
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  auto worker = [&](int thread) {
    // Threads start at different points of the query set so they do not search in lockstep.
    std::size_t next = queries.size() * thread / threads;
    while (Clock::now() < deadline) {
      kb::SearchRequest request;
      request.query = queries[next].text;
      next = (next + 1) % queries.size();
      const auto start = Clock::now();
      auto result = index.WithDatabase<kb::SearchResult>(
          [&](const Xapian::Database& db, const kb::IndexInfo& info) {
            return searcher.Search(db, info, request);
          });
      latencies[thread].push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!result.ok()) {
        ++failed;
      } else if (!result->hits.empty()) {
        ++found;
      }
    }
  };
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  for (std::thread& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& part : latencies) all.insert(all.end(), part.begin(), part.end());
  return {kb::bench::Summarize(all, elapsed), failed.load(), found.load()};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures kb's search core in-process: queries/s, p50 and p99 on 1 and 2 threads.",
               "kb-bench-search"};
  std::string index_dir;
  std::string queries_path;
  double seconds = 10;
  std::vector<int> thread_counts = {1, 2};
  app.add_option("--index", index_dir, "Index folder (kb-index's INDEX_DIR)")->required();
  app.add_option("--queries", queries_path, "queries.tsv from kb-bench-corpus")->required();
  app.add_option("--seconds", seconds, "Length of each run")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  app.add_option("--threads", thread_counts, "Thread counts to run")
      ->check(CLI::Range(1, 256))
      ->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  auto queries = kb::bench::ReadQueries(queries_path);
  if (!queries.ok()) {
    std::cerr << "kb-bench-search: " << queries.status().message() << "\n";
    return 2;
  }
  auto index = kb::LiveIndex::Open(index_dir);
  if (!index.ok()) {
    std::cerr << "kb-bench-search: " << index.status().message() << "\n";
    return 2;
  }
  const struct {
    const char* name;
    kb::SearchFeatures features;
  } configurations[] = {{"all", kb::SearchFeatures{}}, {"plain", kb::SearchFeatures::Plain()}};

  std::printf("features\tthreads\tqueries\tqps\tp50_ms\tp99_ms\tfound_pct\tfailed\n");
  for (const auto& configuration : configurations) {
    const kb::Searcher searcher(kb::ArticleUrls(), configuration.features);
    // A short warm-up: the page cache and each thread's database handle, not the measurement.
    Run(**index, searcher, *queries, 1, std::min(seconds / 5, 2.0));
    for (int threads : thread_counts) {
      const RunResult run = Run(**index, searcher, *queries, threads, seconds);
      std::printf("%s\t%d\t%zu\t%.0f\t%.3f\t%.3f\t%.1f\t%zu\n", configuration.name, threads,
                  run.latency.count, run.latency.per_second, run.latency.p50_ms, run.latency.p99_ms,
                  100.0 * static_cast<double>(run.found) /
                      static_cast<double>(std::max<std::size_t>(run.latency.count, 1)),
                  run.failed);
      std::fflush(stdout);
    }
  }
  return 0;
}
