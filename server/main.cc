// kb-server: serves search over a kb index. See `kb-server --help`.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/clock.h"
#include "indexer/index_builder.h"
#include "server/config.h"
#include "server/http/http_server.h"
#include "server/http/webhook_sender.h"
#include "server/insight/admin_service.h"
#include "server/insight/gap_alerts.h"
#include "server/insight/popularity_refresher.h"
#include "server/insight/search_log.h"
#include "server/search/index_watcher.h"
#include "server/search/live_index.h"
#include "server/search/result_cache.h"
#include "server/search/search_service.h"

namespace {

// Indexes --articles at start. Article errors are printed and the server starts anyway (with the
// articles that did index); only an index that cannot be written at all stops it.
bool IndexAtStart(const kb::ServerConfig& config, bool* published) {
  kb::DirectorySource source(config.articles_dir);
  auto summary = kb::BuildIndex(source, config.index_dir, {},
                                [](const std::string& line) { std::cerr << line << "\n"; });
  if (!summary.ok()) {
    std::cerr << "kb-server: " << summary.status().message() << "\n";
    return false;
  }
  std::cerr << "kb-server: " << summary->Line() << "\n";
  *published = summary->published;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = kb::ParseServerFlags(argc, argv);
  if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
  const kb::ServerConfig& config = std::get<kb::ServerConfig>(parsed);

  // SIGINT and SIGTERM are taken by a thread of our own (sigwait) so that shutdown runs as
  // ordinary code, not in a signal handler. Block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  bool published = false;
  if (!config.articles_dir.empty() && !IndexAtStart(config, &published)) return 1;
  auto index = kb::LiveIndex::Open(config.index_dir);
  if (!index.ok()) {
    std::cerr << "kb-server: " << index.status().message() << "\n";
    return 1;
  }
  kb::SystemClock clock;
  kb::SearchLogOptions log_options;
  log_options.path = (std::filesystem::path(config.data_dir) / "kb-log.sqlite").string();
  log_options.retention_days = config.retention_days;
  std::unique_ptr<kb::SearchLog> log;
  if (config.log_enabled) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    auto opened = kb::SearchLog::Open(log_options, clock);
    if (!opened.ok()) {
      std::cerr << "kb-server: " << opened.status().message() << "\n";
      return 1;
    }
    log = std::move(*opened);
  }
  // Popularity is read from the log: without one, there is none.
  std::unique_ptr<kb::PopularityRefresher> popularity;
  if (log) {
    popularity = std::make_unique<kb::PopularityRefresher>(
        log_options.path, std::chrono::seconds(config.popularity_refresh_s), clock);
  }
  kb::SearchService service(**index, kb::ArticleUrls(config.article_url), config.limits, log.get(),
                            popularity.get());
  std::unique_ptr<kb::ResultCache> cache;
  if (config.cache_entries > 0) {
    cache = std::make_unique<kb::ResultCache>(static_cast<std::size_t>(config.cache_entries));
    service.UseCache(cache.get());
  }
  kb::AdminService admin(**index, log_options.path, clock, config.gap_min_sessions,
                         config.retention_days);
  // Closing the loop: each new index is checked against the open gaps.
  auto replay = [&admin, &config] {
    if (!config.log_enabled) return;  // no log, no gaps to replay
    auto answered = admin.ReplayOpenGaps();
    if (!answered.ok()) {
      std::cerr << "kb-server: replaying gaps: " << answered.status().message() << "\n";
    } else if (!answered->empty()) {
      std::cerr << "kb-server: the new index answers " << answered->size() << " open gap"
                << (answered->size() == 1 ? "" : "s") << "\n";
    }
  };
  if (published) replay();
  // Alerts about emerging gaps: the watcher adds them to the log's outbox every minute and the
  // sender delivers them to the webhook. Both start once the port is known (an alert links to
  // /admin), before the server serves /metrics.
  std::unique_ptr<kb::WebhookSender> webhook;
  std::unique_ptr<kb::GapAlertWatcher> alerts;
  kb::HttpServices services{service, log.get(), &admin};
  services.webhook_stats = [&webhook]() -> std::optional<kb::WebhookStats> {
    if (!webhook) return std::nullopt;
    return webhook->stats();
  };
  kb::HttpServer server(kb::HttpOptionsOf(config), services);
  if (kb::Status bound = server.Bind(); !bound.ok()) {
    std::cerr << "kb-server: " << bound.message() << "\n";
    return 1;
  }
  if (!config.webhook_url.empty()) {
    kb::WebhookOptions options;
    options.url = config.webhook_url;
    options.secret = config.webhook_secret;
    options.admin_url =
        (config.public_url.empty() ? "http://" + config.host + ":" + std::to_string(server.port())
                                   : config.public_url) +
        "/admin";
    auto started = kb::WebhookSender::Start(options, log_options.path, clock);
    if (!started.ok()) {
      std::cerr << "kb-server: " << started.status().message() << "\n";
      return 1;
    }
    webhook = std::move(*started);
    alerts = std::make_unique<kb::GapAlertWatcher>(**index, log_options.path, clock,
                                                   config.gap_min_sessions, kb::kGapAlertInterval,
                                                   [sender = webhook.get()] { sender->Wake(); });
  }
  kb::IndexWatcher watcher(**index, std::chrono::milliseconds(config.reload_interval_ms), replay);

  std::atomic<bool> signalled{false};
  std::thread signal_thread([&server, &signalled, signals] {
    int received = 0;
    sigwait(&signals, &received);
    signalled = true;
    std::cerr << "kb-server: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
              << ": finishing requests in flight, then stopping\n";
    server.Stop();
  });

  const kb::IndexInfo info = (*index)->info();
  const std::string base = "http://" + config.host + ":" + std::to_string(server.port());
  std::cout << "kb-server: serving " << info.articles << " articles (" << info.sections
            << " sections) from " << config.index_dir << "\n"
            << "  search:   " << base << "/api/search?q=reset+password\n"
            << "  article:  " << base << "/api/articles/{slug}\n"
            << "  health:   " << base << "/healthz\n"
            << "  admin:    " << base << "/admin"
            << (config.admin_token.empty() ? " (off: no admin token)" : "")
            << "\n"
            // Only the webhook's origin: its path may hold a token of the receiver's.
            << (webhook ? "  alerts:   emerging gaps to " +
                              kb::ParseWebhookUrl(config.webhook_url)->Origin() + "\n"
                        : "")
            << "listening on " << base << std::endl;
  server.Run();

  // Run() returned: a signal stopped it, or listening failed and the signal thread still waits.
  if (!signalled) kill(getpid(), SIGTERM);
  signal_thread.join();
  // Requests are done: no more alerts, then write what the log still holds before exiting.
  alerts.reset();
  webhook.reset();
  if (!log) {
    std::cerr << "kb-server: stopped (searches were not logged: --no-log)\n";
    return 0;
  }
  log->Close();
  const kb::SearchLogStats stats = log->stats();
  std::cerr << "kb-server: stopped; " << stats.written << " searches logged, " << stats.dropped
            << " dropped\n";
  return 0;
}
