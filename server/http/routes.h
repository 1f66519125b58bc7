// Every route kb-server answers, in one table, and the named handler of each. Handlers see an
// HttpRequest and answer a Reply: no socket and no httplib in sight (http_server.cc connects the
// table to cpp-httplib), so the routes can be read, listed (GET /api) and tested as data.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/http/http_options.h"
#include "server/http/reply.h"
#include "server/http/webhook_sender.h"
#include "server/insight/admin_service.h"
#include "server/insight/search_log.h"
#include "server/search/search_service.h"

namespace kb {

// What kb-server's routes call. `search` must outlive the routes; `log` may be null (--no-log:
// no events, no log figures in /healthz) and so may `admin` (the admin API then answers 401).
// `webhook_stats`, when set, says how the webhook's deliveries go, or nullopt when there is no
// webhook (no --webhook-url: no alert figures in /metrics).
struct HttpServices {
  SearchService& search;
  SearchLog* log = nullptr;
  AdminService* admin = nullptr;
  std::function<std::optional<WebhookStats>()> webhook_stats = nullptr;
};

// Who may call a route: anyone, agents (the agent token), or content owners (the admin token).
enum class Access { kAnyone, kAgent, kAdmin };

// A request as the handlers see it.
struct HttpRequest {
  std::string method;
  std::string path;
  QueryParams params;
  std::string capture;  // the route pattern's one group ("{slug}", "{id}"), if it has one
  std::string body;
  std::string authorization;  // the Authorization header
  std::string if_none_match;  // the If-None-Match header
};

struct Route {
  std::string method;   // GET or POST
  std::string pattern;  // a regular expression over the path, with at most one group
  std::string doc;      // how GET /api lists it; empty for the pages, which it does not list
  Access access = Access::kAnyone;
  std::function<Reply(const HttpRequest&, const Caller&)> handle;
};

class Routes {
 public:
  Routes(HttpServices services, HttpOptions options);
  // The table's handlers hold `this`.
  Routes(const Routes&) = delete;
  Routes& operator=(const Routes&) = delete;

  const std::vector<Route>& table() const { return table_; }

  // Checks `route`'s access for `request` and runs its handler.
  Reply Handle(const Route& route, const HttpRequest& request) const;

  // An agent when `authorization` carries the agent token, else a customer.
  Caller CallerOf(const std::string& authorization) const;

 private:
  std::vector<Route> MakeTable();

  Reply Search(const HttpRequest& request, const Caller& caller) const;
  Reply ArticleData(const HttpRequest& request, const Caller& caller) const;
  Reply RecordEvent(const HttpRequest& request, const Caller& caller) const;
  Reply Health(const HttpRequest& request, const Caller& caller) const;
  Reply Metrics(const HttpRequest& request, const Caller& caller) const;
  Reply Gaps(const HttpRequest& request, const Caller& caller) const;
  Reply SetGapStatus(const HttpRequest& request, const Caller& caller) const;
  Reply DismissSynonym(const HttpRequest& request, const Caller& caller) const;
  Reply ArticlesReport(const HttpRequest& request, const Caller& caller) const;
  Reply Categories(const HttpRequest& request, const Caller& caller) const;
  Reply ApiIndex(const HttpRequest& request, const Caller& caller) const;
  Reply ArticlePage(const HttpRequest& request, const Caller& caller) const;
  Reply Widget(const HttpRequest& request, const Caller& caller) const;

  HttpServices services_;
  const HttpOptions options_;
  const std::string widget_etag_;
  std::vector<Route> table_;
};

// The JSON error reply for `status`.
Reply ErrorReply(Status status);

}  // namespace kb
