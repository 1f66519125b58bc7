#include "server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <iostream>

#include "server/article_page.h"
#include "server/connection_settings.h"
#include "server/http_errors.h"
#include "server/json_views.h"
#include "server/pages.h"
#include "server/query_string.h"

namespace kb {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr std::size_t kMaxBodyBytes = 64 * 1024;  // nothing kb accepts is larger

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(Dump(body), kJson);
}

void SendError(httplib::Response& res, const Status& status) {
  SendJson(res, HttpStatusFor(status.code()), ErrorJson(status));
}

// Parses the raw target ourselves: cpp-httplib's req.params keeps '+' instead of a space.
// 401 for a missing or wrong `who` token, saying how to fix it; `off` when no token is set.
void SendUnauthorized(httplib::Response& res, const std::string& who, bool off,
                      const std::string& what, const std::string& flag, const std::string& env) {
  res.set_header("WWW-Authenticate", "Bearer");
  SendJson(res, 401,
           ErrorJson(Status(StatusCode::kInvalidArgument, "unauthorized",
                            off ? what + " is off: start kb-server with " + flag + " or " + env
                                : "send the " + who + " token as 'Authorization: Bearer TOKEN'")));
}

// Compares in time independent of where the strings differ, so response timing does not leak the
// token a byte at a time.
bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

QueryParams ParamsOf(const httplib::Request& req) {
  const std::size_t question = req.target.find('?');
  if (question == std::string::npos) return {};
  return ParseQueryString(std::string_view(req.target).substr(question + 1));
}

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, SearchService& service, AdminService* admin)
    : config_(config),
      service_(service),
      admin_(admin),
      server_(std::make_unique<httplib::Server>()) {
  httplib::Server& s = *server_;
  ApplyConnectionSettings(ConnectionSettingsOf(config_), s);
  s.set_payload_max_length(kMaxBodyBytes);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  RegisterRoutes();
}

HttpServer::~HttpServer() = default;

Caller HttpServer::CallerOf(const httplib::Request& req) const {
  Caller caller;
  caller.agent =
      !config_.agent_token.empty() &&
      ConstantTimeEquals(req.get_header_value("Authorization"), "Bearer " + config_.agent_token);
  return caller;
}

// Every route, on one screen.
void HttpServer::RegisterRoutes() {
  httplib::Server& s = *server_;

  // CORS: pages on the allowed origins may call the API; others get no CORS headers, so the
  // browser keeps their scripts out.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const std::string origin = req.get_header_value("Origin");
    const bool allowed =
        !origin.empty() && std::find(config_.allowed_origins.begin(), config_.allowed_origins.end(),
                                     origin) != config_.allowed_origins.end();
    if (allowed) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS") {
      if (allowed) {
        res.set_header("Access-Control-Allow-Methods", "GET, POST");
        res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
        res.set_header("Access-Control-Max-Age", "600");
      }
      res.status = 204;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  s.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    auto response = service_.Search(ParamsOf(req), CallerOf(req));
    if (!response.ok()) return SendError(res, response.status());
    SendJson(res, 200, SearchResponseJson(*response));
  });

  s.Get(R"(/api/articles/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto article = service_.Article(req.matches[1], CallerOf(req));
    if (!article.ok()) return SendError(res, article.status());
    auto related = service_.RelatedArticles(*article, CallerOf(req));
    SendJson(res, 200,
             ArticleJson(*article, service_.urls(),
                         related.ok() ? *related : std::vector<ArticleLink>{}));
  });

  s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    const auto log = service_.LogStats();
    SendJson(res, 200, HealthJson(service_.Info(), log ? &*log : nullptr));
  });

  s.Post("/api/events", [this](const httplib::Request& req, httplib::Response& res) {
    if (Status recorded = service_.RecordEvent(req.body); !recorded.ok()) {
      return SendError(res, recorded);
    }
    SendJson(res, 201, {{"status", "recorded"}});
  });

  // The admin API: content owners only.
  auto admin = [this](auto handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      const std::string expected = "Bearer " + config_.admin_token;
      if (config_.admin_token.empty() || admin_ == nullptr ||
          !ConstantTimeEquals(req.get_header_value("Authorization"), expected)) {
        return SendUnauthorized(res, "admin", config_.admin_token.empty(), "the admin API",
                                "--admin-token-file", "KB_ADMIN_TOKEN");
      }
      handler(req, res);
    };
  };
  s.Get("/api/gaps", admin([this](const httplib::Request& req, httplib::Response& res) {
          const QueryParams params = ParamsOf(req);
          auto report = admin_->Gaps(params);
          if (!report.ok()) return SendError(res, report.status());
          const auto format = params.find("format");
          if (format != params.end() && format->second == "csv") {
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Disposition", "attachment; filename=\"kb-gaps.csv\"");
            return res.set_content(GapReportCsv(*report), "text/csv; charset=utf-8");
          }
          if (format != params.end() && format->second != "json") {
            return SendError(
                res, Status::InvalidArgument("invalid_format", "'format' must be json or csv"));
          }
          SendJson(res, 200, GapReportJson(*report, service_.Info().generation));
        }));
  s.Post(R"(/api/gaps/([^/]+)/status)",
         admin([this](const httplib::Request& req, httplib::Response& res) {
           if (Status saved = admin_->SetGapStatus(req.matches[1], req.body); !saved.ok()) {
             return SendError(res, saved);
           }
           SendJson(res, 200, {{"status", "saved"}});
         }));
  // For the agent console.
  s.Get("/api/categories", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CallerOf(req).agent) {
      return SendUnauthorized(res, "agent", config_.agent_token.empty(), "the agent console",
                              "--agent-token-file", "KB_AGENT_TOKEN");
    }
    auto categories = service_.Categories();
    if (!categories.ok()) return SendError(res, categories.status());
    SendJson(res, 200, {{"categories", *categories}});
  });

  s.Get("/api/articles-report", admin([this](const httplib::Request& req, httplib::Response& res) {
          auto rows = admin_->ArticlesReport(ParamsOf(req));
          if (!rows.ok()) return SendError(res, rows.status());
          SendJson(res, 200, ArticlesReportJson(*rows));
        }));

  s.Get("/api", [](const httplib::Request&, httplib::Response& res) {
    SendJson(
        res, 200,
        {{"name", "kb"},
         {"endpoints",
          {"GET /api/search?q=…&limit=10&offset=0&locale=&category=&tag=&session=",
           "GET /api/articles/{slug}", "POST /api/events", "GET /healthz", "GET /api/gaps (admin)",
           "POST /api/gaps/{id}/status (admin)", "GET /api/articles-report (admin)"}}});
  });

  // The content owners' page. It holds no data: everything it shows comes from the admin API,
  // with the token the person types in. A strict Content-Security-Policy keeps any injected
  // markup inert.
  auto page = [](std::string_view body, const char* type) {
    return [body = std::string(body), type](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; "
                     "connect-src 'self'; img-src 'self' https: data:; base-uri 'none'; "
                     "form-action 'none'; frame-ancestors 'none'");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_content(body.data(), body.size(), type);
    };
  };
  s.Get("/admin", page(pages::kAdminHtml, "text/html; charset=utf-8"));
  s.Get("/article.js", page(pages::kArticleJs, "text/javascript; charset=utf-8"));
  s.Get("/agent", page(pages::kAgentHtml, "text/html; charset=utf-8"));
  s.Get("/agent.js", page(pages::kAgentJs, "text/javascript; charset=utf-8"));
  s.Get("/", page(pages::kDemoHtml, "text/html; charset=utf-8"));
  // Browsers ask for it on every page; "no icon" is an answer, not an error.
  s.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });

  // The widget, for any site that embeds it: cacheable for a while, and revalidated by ETag.
  const std::string widget_etag =
      "\"" + std::to_string(std::hash<std::string_view>{}(pages::kWidgetJs)) + "\"";
  s.Get("/widget.js", [widget_etag](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=300");
    res.set_header("ETag", widget_etag);
    if (req.get_header_value("If-None-Match") == widget_etag) {
      res.status = 304;
      return;
    }
    res.set_content(pages::kWidgetJs.data(), pages::kWidgetJs.size(),
                    "text/javascript; charset=utf-8");
  });
  s.Get("/article.css", page(pages::kArticleCss, "text/css; charset=utf-8"));

  // Each article as a readable page, so every result link works without another site.
  s.Get(R"(/articles/([^/]+))", [this, page](const httplib::Request& req, httplib::Response& res) {
    const Caller caller = CallerOf(req);
    auto article = service_.Article(req.matches[1], caller);
    if (!article.ok()) {
      const std::string body = RenderArticleNotFoundPage();
      page(body, "text/html; charset=utf-8")(req, res);
      res.status = article.status().code() == StatusCode::kNotFound ? 404 : 503;
      return;
    }
    auto related = service_.RelatedArticles(*article, caller);
    const std::string body =
        RenderArticlePage(*article, related.ok() ? *related : std::vector<ArticleLink>{});
    page(body, "text/html; charset=utf-8")(req, res);
  });
  s.Get("/admin.js", page(pages::kAdminJs, "text/javascript; charset=utf-8"));
  s.Get("/admin.css", page(pages::kAdminCss, "text/css; charset=utf-8"));

  // Methods the API does not take, on any path.
  const auto method_not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    SendJson(res, 405,
             ErrorJson(Status(StatusCode::kInvalidArgument, "method_not_allowed",
                              req.method + " is not supported on " + req.path + "; use GET")));
    res.set_header("Allow", "GET, HEAD");
  };
  s.Post(".*", method_not_allowed);
  s.Put(".*", method_not_allowed);
  s.Delete(".*", method_not_allowed);
  s.Patch(".*", method_not_allowed);

  // Anything else: a JSON error, never an HTML page or an empty body.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      SendError(res, Status::NotFound("not_found", "no such route: " + req.method + " " + req.path +
                                                       "; the API is under /api/"));
    } else {
      const int status = res.status;
      SendJson(res, status,
               ErrorJson(Status(
                   StatusCode::kInvalidArgument, "http_" + std::to_string(status),
                   "the request could not be processed (HTTP " + std::to_string(status) + ")")));
    }
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
        SendError(res, Status::Internal("internal error; the server log has the details"));
      });
}

Status HttpServer::Bind() {
  if (config_.port == 0) {
    port_ = server_->bind_to_any_port(config_.host);
  } else {
    port_ = server_->bind_to_port(config_.host, config_.port) ? config_.port : -1;
  }
  if (port_ < 0) {
    return Status::Unavailable(
        "bind", "cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                    ": the port is in use or the address is not on this machine; pick another "
                    "with --port or --host");
  }
  return Status::Ok();
}

void HttpServer::Run() { server_->listen_after_bind(); }

void HttpServer::Stop() { server_->stop(); }

bool HttpServer::running() const { return server_->is_running(); }

}  // namespace kb
