#include "server/config.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

namespace kb {
namespace fs = std::filesystem;
namespace {

// Checks what CLI11's per-flag validators cannot: how flags relate to each other and to the disk.
std::string Validate(const ServerConfig& config) {
  std::error_code ec;
  if (!config.articles_dir.empty() && !fs::is_directory(config.articles_dir, ec)) {
    return "--articles " + config.articles_dir + ": no such folder";
  }
  if (fs::exists(config.index_dir, ec) && !fs::is_directory(config.index_dir, ec)) {
    return "--index " + config.index_dir + ": exists but is not a folder";
  }
  if (config.articles_dir.empty() && !fs::exists(fs::path(config.index_dir) / "XAPIANDB", ec)) {
    return "--index " + config.index_dir +
           ": no index there; build it with 'kb-index ARTICLES_DIR " + config.index_dir +
           "' or pass --articles ARTICLES_DIR to build it at start";
  }
  if (config.article_url.find("{slug}") == std::string::npos) {
    return "--article-url must contain {slug}";
  }
  return "";
}

}  // namespace

std::variant<ServerConfig, int> ParseServerFlags(int argc, char** argv) {
  ServerConfig config;
  CLI::App app{"kb-server: answers search queries over a kb index and serves its articles.",
               "kb-server"};
  app.get_formatter()->column_width(34);
  app.add_option("--index", config.index_dir, "Index folder (as written by kb-index)")->required();
  app.add_option("--articles", config.articles_dir,
                 "Articles folder: index it at start (creating the index if missing)");
  app.add_option("--host", config.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", config.port, "Port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--threads", config.threads,
                 "Worker threads (each holds one open connection at a time)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--keep-alive-timeout", config.keep_alive_timeout_s,
                 "Seconds an idle keep-alive connection is kept")
      ->check(CLI::Range(0, 300))
      ->capture_default_str();
  app.add_option("--reload-interval-ms", config.reload_interval_ms,
                 "How often to look for a newly published index")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  app.add_option("--article-url", config.article_url,
                 "Result link template with {slug} and {anchor}")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "kb-server: " << e.what() << "\nRun 'kb-server --help' for the flags.\n";
    return 2;
  }
  if (const std::string problem = Validate(config); !problem.empty()) {
    std::cerr << "kb-server: " << problem << "\n";
    return 2;
  }
  return config;
}

}  // namespace kb
