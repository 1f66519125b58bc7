// kb-bench-fts5: the benchmark's peer, SQLite FTS5 behind a minimal HTTP endpoint.
//
//   kb-bench-fts5 index ARTICLES_DIR DB          one FTS5 row per public article section
//   kb-bench-fts5 serve DB [--port 8090]         GET /api/search?q=... and GET /healthz
//
// It serves with kb-server's own connection settings (threads, TCP_NODELAY, keep-alive), so the
// two differ only in their search.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "bench/fts5/fts5_index.h"
#include "bench/fts5/fts5_search.h"
#include "server/http/connection_settings.h"
#include "server/http/query_string.h"

namespace {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

int Serve(const std::string& db_path, const std::string& host, int port,
          const kb::ConnectionSettings& settings) {
  httplib::Server server;
  kb::ApplyConnectionSettings(settings, server);
  server.Get("/api/search", [&](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t question = req.target.find('?');
    const kb::QueryParams params =
        question == std::string::npos
            ? kb::QueryParams{}
            : kb::ParseQueryString(std::string_view(req.target).substr(question + 1));
    const auto q = params.find("q");
    if (q == params.end() || q->second.empty()) {
      return SendJson(res, 400, {{"error", {{"code", "missing_query"}}}});
    }
    auto answer = kb::bench::SearchFts5(db_path, q->second, 10);
    if (!answer.ok()) {
      return SendJson(res, 503, {{"error", {{"message", answer.status().message()}}}});
    }
    (*answer)["took_ms"] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    SendJson(res, 200, *answer);
  });
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"status", "ok"}});
  });
  if (!server.bind_to_port(host, port)) {
    std::cerr << "kb-bench-fts5: cannot listen on " << host << ":" << port << "\n";
    return 1;
  }
  std::cout << "kb-bench-fts5: listening on http://" << host << ":" << port << std::endl;
  server.listen_after_bind();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The benchmark's peer: SQLite FTS5 with bm25() behind a minimal HTTP endpoint.",
               "kb-bench-fts5"};
  app.require_subcommand(1);
  std::string articles_dir;
  std::string db_path;
  CLI::App* index = app.add_subcommand("index", "Build DB from a folder of articles");
  index->add_option("ARTICLES_DIR", articles_dir, "Folder of .md articles")->required();
  index->add_option("DB", db_path, "SQLite file to write (replaced)")->required();
  std::string host = "127.0.0.1";
  int port = 8090;
  kb::ConnectionSettings settings;
  CLI::App* serve = app.add_subcommand("serve", "Serve DB over HTTP");
  serve->add_option("DB", db_path, "SQLite file written by 'index'")
      ->required()
      ->check(CLI::ExistingFile);
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", port, "Port")->check(CLI::Range(1, 65535))->capture_default_str();
  serve->add_option("--threads", settings.threads, "Worker threads (as kb-server's)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--keep-alive-timeout", settings.keep_alive_timeout_s,
                   "Seconds an idle keep-alive connection is kept (as kb-server's)")
      ->check(CLI::Range(0, 300))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (index->parsed()) {
    const auto start = std::chrono::steady_clock::now();
    auto sections = kb::bench::BuildFts5Index(articles_dir, db_path);
    if (!sections.ok()) {
      std::cerr << "kb-bench-fts5: " << sections.status().message() << "\n";
      return 2;
    }
    std::cout << "kb-bench-fts5: indexed " << *sections << " sections in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
              << " s\n";
    return 0;
  }
  return Serve(db_path, host, port, settings);
}
