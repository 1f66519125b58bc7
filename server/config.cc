#include "server/config.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "server/http/webhook_sender.h"

namespace kb {
namespace fs = std::filesystem;
namespace {

// A webhook secret shorter than this is guessable; tokens have the same floor.
constexpr std::size_t kMinWebhookSecretBytes = 16;

bool IsOrigin(const std::string& origin) {
  // scheme://host[:port], nothing after: what browsers send in the Origin header.
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string::npos || origin.empty() || origin.back() == '/') return false;
  const std::string protocol = origin.substr(0, scheme);
  return (protocol == "http" || protocol == "https") &&
         origin.find('/', scheme + 3) == std::string::npos && origin.size() > scheme + 3;
}

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
  if (fs::exists(config.data_dir, ec) && !fs::is_directory(config.data_dir, ec)) {
    return "--data " + config.data_dir + ": exists but is not a folder";
  }
  for (const auto& [name, token] :
       {std::pair{"admin", &config.admin_token}, std::pair{"agent", &config.agent_token}}) {
    if (!token->empty() && token->size() < 16) {
      return std::string("the ") + name + " token is " + std::to_string(token->size()) +
             " characters; use at least 16 (e.g. from 'openssl rand -hex 24')";
    }
  }
  if (!config.admin_token.empty() && config.admin_token == config.agent_token) {
    return "the admin and agent tokens must differ";
  }
  if (!config.webhook_url.empty()) {
    if (auto url = ParseWebhookUrl(config.webhook_url); !url.ok()) return url.status().message();
    if (config.webhook_secret.empty()) {
      return "--webhook-url needs --webhook-secret-file FILE: the secret that signs each "
             "delivery (e.g. 'openssl rand -hex 32 > FILE')";
    }
    if (!config.log_enabled) {
      return "--webhook-url needs the log: alerts are about the gaps it records (drop --no-log)";
    }
  }
  if (!config.public_url.empty() && !IsOrigin(config.public_url)) {
    return "--public-url " + config.public_url +
           ": give the address people reach kb at, like https://kb.example.com (scheme and host, "
           "optional port, no path)";
  }
  for (const std::string& origin : config.allowed_origins) {
    if (!IsOrigin(origin)) {
      return "--allow-origin " + origin +
             ": give an origin like https://www.example.com (scheme "
             "and host, optional port, no path)";
    }
  }
  return "";
}

// Reads a token from the first line of `file` (trailing whitespace dropped), else from the
// environment variable `env`. Returns false, having said why, when the file cannot be read.
bool ReadToken(const std::string& flag, const std::string& file, const char* env,
               std::string& token) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in || !std::getline(in, token)) {
      std::cerr << "kb-server: " << flag << " " << file << ": cannot read it\n";
      return false;
    }
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
      token.pop_back();
    }
  } else if (const char* value = std::getenv(env)) {
    token = value;
  }
  return true;
}

// The webhook's secret: all of `file`, trailing newlines dropped. Returns false, having said why,
// when the file cannot be read, is empty, or is too short to be a secret.
bool ReadWebhookSecret(const std::string& file, std::string& secret) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "kb-server: --webhook-secret-file " << file << ": cannot read it\n";
    return false;
  }
  secret.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) {
    std::cerr << "kb-server: --webhook-secret-file " << file
              << ": the file is empty; put the secret in it (e.g. 'openssl rand -hex 32 > " << file
              << "')\n";
    return false;
  }
  if (secret.size() < kMinWebhookSecretBytes) {
    std::cerr << "kb-server: --webhook-secret-file " << file << ": the secret is " << secret.size()
              << " bytes; use at least " << kMinWebhookSecretBytes
              << " (e.g. 'openssl rand -hex 32 > " << file << "')\n";
    return false;
  }
  return true;
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
  app.add_option("--popularity-refresh", config.popularity_refresh_s,
                 "Seconds between re-reading clicks and votes from the log for popularity")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  app.add_option("--article-url", config.article_url,
                 "Result link template with {slug} and {anchor}")
      ->capture_default_str();
  app.add_option("--data", config.data_dir, "Folder for the search and event log")
      ->capture_default_str();
  bool no_log = false;
  app.add_flag("--no-log", no_log,
               "Record no searches or events (no gap report; POST /api/events answers 503)");
  app.add_option("--cache-entries", config.cache_entries,
                 "Search results kept for repeated requests; 0 turns the cache off")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  app.add_option("--retention-days", config.retention_days, "Days searches and events are kept")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  app.add_option("--gap-min-sessions", config.gap_min_sessions,
                 "Sessions a gap needs before it is reported")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  std::string admin_token_file;
  app.add_option("--admin-token-file", admin_token_file,
                 "File holding the admin API token (else $KB_ADMIN_TOKEN)");
  std::string agent_token_file;
  app.add_option("--agent-token-file", agent_token_file,
                 "File holding the agent token (else $KB_AGENT_TOKEN)");
  app.add_option("--allow-origin", config.allowed_origins,
                 "Origin whose pages may call the API (repeatable), e.g. https://www.example.com");
  app.add_option(
      "--webhook-url", config.webhook_url,
      "POST alerts about emerging gaps to this http(s) URL (needs --webhook-secret-file)");
  std::string webhook_secret_file;
  app.add_option("--webhook-secret-file", webhook_secret_file,
                 "File holding the secret that signs each alert (X-Kb-Signature, HMAC-SHA256)");
  app.add_option("--public-url", config.public_url,
                 "Where people reach this server, for links in alerts (default http://HOST:PORT)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "kb-server: " << e.what() << "\nRun 'kb-server --help' for the flags.\n";
    return 2;
  }
  config.log_enabled = !no_log;
  if (!ReadToken("--admin-token-file", admin_token_file, "KB_ADMIN_TOKEN", config.admin_token) ||
      !ReadToken("--agent-token-file", agent_token_file, "KB_AGENT_TOKEN", config.agent_token)) {
    return 2;
  }
  if (!webhook_secret_file.empty()) {
    if (config.webhook_url.empty()) {
      std::cerr << "kb-server: --webhook-secret-file is only used with --webhook-url; add the URL "
                   "to send alerts to, or drop the secret\n";
      return 2;
    }
    if (!ReadWebhookSecret(webhook_secret_file, config.webhook_secret)) return 2;
  }
  if (const std::string problem = Validate(config); !problem.empty()) {
    std::cerr << "kb-server: " << problem << "\n";
    return 2;
  }
  return config;
}

HttpOptions HttpOptionsOf(const ServerConfig& config) {
  HttpOptions options;
  options.host = config.host;
  options.port = config.port;
  options.connection.threads = config.threads;
  options.connection.keep_alive_timeout_s = config.keep_alive_timeout_s;
  options.connection.read_timeout_s = config.read_timeout_s;
  options.connection.write_timeout_s = config.write_timeout_s;
  options.admin_token = config.admin_token;
  options.agent_token = config.agent_token;
  options.allowed_origins = config.allowed_origins;
  return options;
}

}  // namespace kb
