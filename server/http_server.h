// The HTTP front of kb-server: routes, limits and lifecycle. Handlers are thin: they turn the
// request into a call on SearchService and its answer into JSON.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "server/admin_service.h"
#include "server/config.h"
#include "server/search_service.h"

namespace httplib {
class Server;
struct Request;
}  // namespace httplib

namespace kb {

class HttpServer {
 public:
  // `admin` may be null: the admin API then answers 401.
  HttpServer(const ServerConfig& config, SearchService& service, AdminService* admin = nullptr);
  ~HttpServer();

  // Binds config.host:config.port (a free port when 0). Fails with a message naming the address
  // when it is in use or not available; nothing is listening then.
  Status Bind();
  int port() const { return port_; }

  // Serves until Stop(); in-flight requests finish before it returns.
  void Run();
  void Stop();
  bool running() const;

 private:
  void RegisterRoutes();
  // An agent when the request carries the agent token, else a customer.
  Caller CallerOf(const httplib::Request& req) const;

  const ServerConfig config_;
  SearchService& service_;
  AdminService* admin_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace kb
