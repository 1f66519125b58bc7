// How kb-server's HTTP front treats connections: worker threads, Nagle, keep-alive, timeouts and
// socket options. One function applies them, so anything else served "the same way" (the
// benchmark's SQLite FTS5 peer) gets exactly kb-server's settings.
#pragma once

namespace httplib {
class Server;
}  // namespace httplib

namespace kb {

struct ConnectionSettings {
  int threads = 32;
  int keep_alive_timeout_s = 3;
  int keep_alive_max_count = 1000;
  int read_timeout_s = 5;
  int write_timeout_s = 5;
};

// Applies `settings` to `server` before it listens.
void ApplyConnectionSettings(const ConnectionSettings& settings, httplib::Server& server);

}  // namespace kb
