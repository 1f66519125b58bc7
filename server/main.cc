// kb-server: serves search over a kb index. See `kb-server --help`.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "indexer/index_builder.h"
#include "server/config.h"
#include "server/http_server.h"
#include "server/index_watcher.h"
#include "server/live_index.h"
#include "server/search_service.h"

namespace {

// Indexes --articles at start. Article errors are printed and the server starts anyway (with the
// articles that did index); only an index that cannot be written at all stops it.
bool IndexAtStart(const kb::ServerConfig& config) {
  kb::DirectorySource source(config.articles_dir);
  auto summary = kb::BuildIndex(source, config.index_dir, {},
                                [](const std::string& line) { std::cerr << line << "\n"; });
  if (!summary.ok()) {
    std::cerr << "kb-server: " << summary.status().message() << "\n";
    return false;
  }
  std::cerr << "kb-server: " << summary->Line() << "\n";
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

  if (!config.articles_dir.empty() && !IndexAtStart(config)) return 1;
  auto index = kb::LiveIndex::Open(config.index_dir);
  if (!index.ok()) {
    std::cerr << "kb-server: " << index.status().message() << "\n";
    return 1;
  }
  kb::SearchService service(**index, kb::ArticleUrls(config.article_url), config.limits);
  kb::HttpServer server(config, service);
  if (kb::Status bound = server.Bind(); !bound.ok()) {
    std::cerr << "kb-server: " << bound.message() << "\n";
    return 1;
  }
  kb::IndexWatcher watcher(**index, std::chrono::milliseconds(config.reload_interval_ms));

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
            << "listening on " << base << std::endl;
  server.Run();

  // Run() returned: a signal stopped it, or listening failed and the signal thread still waits.
  if (!signalled) kill(getpid(), SIGTERM);
  signal_thread.join();
  std::cerr << "kb-server: stopped\n";
  return 0;
}
