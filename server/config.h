// Everything kb-server can be told, with its default and its bounds, in one struct. Flags are
// parsed and validated here and nowhere else.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "server/http/http_options.h"
#include "server/insight/gap_report.h"
#include "server/insight/search_log.h"
#include "server/search/search_request.h"

namespace kb {

struct ServerConfig {
  // Where the index lives (kb-index's INDEX_DIR). Required.
  std::string index_dir;
  // With this, the server indexes these articles at start (creating the index if there is none;
  // updating it, cheaply, if there is). Without it, the index must already exist.
  std::string articles_dir;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (printed at start)
  // Worker threads. cpp-httplib gives each open connection a thread for as long as it is kept
  // alive, so this is also the number of browsers that can hold a connection at once.
  int threads = 32;
  // Idle keep-alive connections are closed after this, so they cannot starve the pool for long.
  int keep_alive_timeout_s = 3;
  int read_timeout_s = 5;  // a client that sends nothing for this long is dropped
  int write_timeout_s = 5;
  int reload_interval_ms = 250;   // how often to look for a newly published index
  int popularity_refresh_s = 60;  // how often clicks and votes are re-read for popularity
  std::string article_url = "/articles/{slug}#{anchor}";
  // The search and event log lives here (kb-log.sqlite).
  std::string data_dir = "data";
  // Off (--no-log): no search or event is recorded, so there is no knowledge-gap report and
  // POST /api/events answers 503. For measuring what the log costs, and for servers whose
  // owners do not want any record of searches.
  bool log_enabled = true;
  int retention_days = kDefaultRetentionDays;
  int gap_min_sessions =
      kDefaultGapMinSessions;  // a gap is reported only once this many sessions hit it
  // Bearer token for the admin API and /admin. From --admin-token-file, else $KB_ADMIN_TOKEN.
  // Empty: the admin API answers 401 to everyone.
  std::string admin_token;
  // Bearer token for agents: with it, searches and articles include internal articles and
  // searches are logged as agent searches. From --agent-token-file, else $KB_AGENT_TOKEN.
  std::string agent_token;
  // Origins whose pages may call the API from the browser (CORS), e.g. https://www.example.com.
  // Empty: same-origin only.
  std::vector<std::string> allowed_origins;
  SearchLimits limits;
  // Search results kept for repeated requests (search-as-you-type repeats itself); 0 turns the
  // cache off.
  int cache_entries = 0;
  // Alerts about emerging gaps are POSTed to this http(s) URL, signed with `webhook_secret`
  // (from --webhook-secret-file, trailing newlines stripped). Empty: no alerts.
  std::string webhook_url;
  std::string webhook_secret;
  // Where people reach this server (https://kb.example.com), for the /admin link in alerts.
  // Empty: http://HOST:PORT.
  std::string public_url;
};

// The part of `config` the HTTP front needs.
HttpOptions HttpOptionsOf(const ServerConfig& config);

// Parses and validates the command line. Returns the config, or the exit status to end with after
// having printed help (0) or what is wrong and how to fix it (2).
std::variant<ServerConfig, int> ParseServerFlags(int argc, char** argv);

}  // namespace kb
