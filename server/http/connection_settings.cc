#include "server/http/connection_settings.h"

#include <httplib.h>

namespace kb {

void ApplyConnectionSettings(const ConnectionSettings& settings, httplib::Server& server) {
  const int threads = settings.threads;
  // cpp-httplib serves a connection on one pool thread for as long as it is kept alive; a
  // connection that finds every thread taken waits in the queue. The pool is therefore sized for
  // the connections expected at once (README, "Serving model"), not for the cores.
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Without TCP_NODELAY small responses wait on Nagle's algorithm: tens of ms per request.
  server.set_tcp_nodelay(true);
  // cpp-httplib's default also sets SO_REUSEPORT, which lets a second kb-server bind the same
  // port and silently take half the traffic. Keep only SO_REUSEADDR (fast restarts).
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // A keep-alive connection saves a TCP handshake per keystroke while someone types (the widget
  // sends a request every few hundred ms), but holds a thread while idle: it is closed after a
  // short idle time, and otherwise reused for many requests.
  server.set_keep_alive_timeout(settings.keep_alive_timeout_s);
  server.set_keep_alive_max_count(static_cast<std::size_t>(settings.keep_alive_max_count));
  server.set_read_timeout(settings.read_timeout_s, 0);
  server.set_write_timeout(settings.write_timeout_s, 0);
}

}  // namespace kb
