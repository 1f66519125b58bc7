// The HTTP front of kb-server: the route table (routes.h) on cpp-httplib, with its limits, CORS,
// the answers for what no route takes, and the server's lifecycle.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "server/http/http_options.h"
#include "server/http/routes.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace kb {

class HttpServer {
 public:
  HttpServer(HttpOptions options, HttpServices services);
  ~HttpServer();

  // Binds options.host:options.port (a free port when 0). Fails with a message naming the
  // address when it is in use or not available; nothing is listening then.
  Status Bind();
  int port() const { return port_; }

  // Serves until Stop(); in-flight requests finish before it returns.
  void Run();
  void Stop();
  bool running() const;

 private:
  void Register();

  const HttpOptions options_;
  const Routes routes_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace kb
