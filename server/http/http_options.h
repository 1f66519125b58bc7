// What the HTTP front is told by kb-server's configuration (server/config.h makes it): where to
// listen, how to treat connections, who is an admin or an agent, and which origins may call.
#pragma once

#include <string>
#include <vector>

#include "server/http/connection_settings.h"

namespace kb {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  ConnectionSettings connection;
  std::string admin_token;                   // empty: the admin API answers 401 to everyone
  std::string agent_token;                   // empty: nobody is an agent
  std::vector<std::string> allowed_origins;  // CORS; empty: same-origin only
};

}  // namespace kb
