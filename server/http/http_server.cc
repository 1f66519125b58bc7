#include "server/http/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <iostream>

#include "server/http/http_status.h"
#include "server/http/query_string.h"

namespace kb {
namespace {

constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // nothing kb accepts is larger

HttpRequest RequestOf(const httplib::Request& req) {
  HttpRequest request;
  request.method = req.method;
  request.path = req.path;
  // Parsed from the raw target: cpp-httplib's req.params keeps '+' instead of a space.
  if (const std::size_t question = req.target.find('?'); question != std::string::npos) {
    request.params = ParseQueryString(std::string_view(req.target).substr(question + 1));
  }
  if (req.matches.size() > 1) request.capture = req.matches[1];
  request.body = req.body;
  request.authorization = req.get_header_value("Authorization");
  request.if_none_match = req.get_header_value("If-None-Match");
  return request;
}

void Send(const Reply& reply, httplib::Response& res) {
  res.status = HttpStatusFor(reply);
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  if (!reply.body.empty()) res.set_content(reply.body, reply.content_type);
}

}  // namespace

HttpServer::HttpServer(HttpOptions options, HttpServices services)
    : options_(std::move(options)),
      routes_(services, options_),
      server_(std::make_unique<httplib::Server>()) {
  ApplyConnectionSettings(options_.connection, *server_);
  server_->set_payload_max_length(kMaxBodyBytes);
  server_->set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  Register();
}

HttpServer::~HttpServer() = default;

void HttpServer::Register() {
  httplib::Server& s = *server_;

  // CORS: pages on the allowed origins may call the API; others get no CORS headers, so the
  // browser keeps their scripts out.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const std::string origin = req.get_header_value("Origin");
    const std::vector<std::string>& allowed_origins = options_.allowed_origins;
    const bool allowed =
        !origin.empty() &&
        std::find(allowed_origins.begin(), allowed_origins.end(), origin) != allowed_origins.end();
    if (allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    if (req.method != "OPTIONS") return httplib::Server::HandlerResponse::Unhandled;
    Reply preflight = Reply::Of(ReplyKind::kNoContent);
    if (allowed) {
      preflight.Header("Access-Control-Allow-Methods", "GET, POST")
          .Header("Access-Control-Allow-Headers", "Content-Type, Authorization")
          .Header("Access-Control-Max-Age", "600");
    }
    Send(preflight, res);
    return httplib::Server::HandlerResponse::Handled;
  });

  for (const Route& route : routes_.table()) {
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
      Send(routes_.Handle(route, RequestOf(req)), res);
    };
    if (route.method == "GET") {
      s.Get(route.pattern, handler);
    } else {
      s.Post(route.pattern, handler);
    }
  }

  // Methods the API does not take, on any path.
  const auto method_not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    Reply reply = ErrorReply(Status::NotAllowed(
        "method_not_allowed", req.method + " is not supported on " + req.path + "; use GET"));
    Send(reply.Header("Allow", "GET, HEAD"), res);
  };
  s.Post(".*", method_not_allowed);
  s.Put(".*", method_not_allowed);
  s.Delete(".*", method_not_allowed);
  s.Patch(".*", method_not_allowed);

  // Anything else: a JSON error, never an HTML page or an empty body.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      return Send(
          ErrorReply(Status::NotFound("not_found", "no such route: " + req.method + " " + req.path +
                                                       "; the API is under /api/")),
          res);
    }
    // cpp-httplib's own refusals (a body or URI over the limit, a malformed request): keep its
    // status, and say it in JSON.
    const int status = res.status;
    Reply reply = ErrorReply(Status::InvalidArgument(
        "http_" + std::to_string(status),
        "the request could not be processed (HTTP " + std::to_string(status) + ")"));
    Send(reply, res);
    res.status = status;
  });
  s.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::cerr << "kb-server: error handling " << req.method << " " << req.path << ": " << what
                  << "\n";
        Send(ErrorReply(Status::Internal("internal error; the server log has the details")), res);
      });
}

Status HttpServer::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
  } else {
    port_ = server_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ < 0) {
    return Status::Unavailable(
        "bind", "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    ": the port is in use or the address is not on this machine; pick another "
                    "with --port or --host");
  }
  return Status::Ok();
}

void HttpServer::Run() { server_->listen_after_bind(); }

void HttpServer::Stop() { server_->stop(); }

bool HttpServer::running() const { return server_->is_running(); }

}  // namespace kb
