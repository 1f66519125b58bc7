#include "server/http/routes.h"

#include "server/http/article_page.h"
#include "server/http/json_views.h"
#include "server/http/metrics.h"
#include "server/http/pages.h"

namespace kb {
namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kHtmlType = "text/html; charset=utf-8";
constexpr const char* kScriptType = "text/javascript; charset=utf-8";
constexpr const char* kCssType = "text/css; charset=utf-8";
// The widget is embedded by other sites: cached for a while, then revalidated by its ETag.
constexpr const char* kWidgetCaching = "public, max-age=300";

Reply JsonReply(const nlohmann::json& body, ReplyKind kind = ReplyKind::kOk) {
  Reply reply;
  reply.kind = kind;
  reply.body = Dump(body);
  reply.content_type = kJsonType;
  reply.Header("Cache-Control", "no-store");
  return reply;
}

// kb's own pages hold no data: what they show comes from the API. A strict Content-Security-Policy
// keeps any injected markup inert.
Reply PageReply(std::string body, const char* type) {
  Reply reply;
  reply.body = std::move(body);
  reply.content_type = type;
  reply.Header("Cache-Control", "no-cache")
      .Header("Content-Security-Policy",
              "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
              "img-src 'self' https: data:; base-uri 'none'; form-action 'none'; "
              "frame-ancestors 'none'")
      .Header("Referrer-Policy", "no-referrer");
  return reply;
}

// Compares in time independent of where the strings differ, so response timing does not leak the
// token a byte at a time.
bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool CarriesToken(const std::string& authorization, const std::string& token) {
  return !token.empty() && ConstantTimeEquals(authorization, "Bearer " + token);
}

// 401 for a missing or wrong token, saying how to fix it.
Reply Unauthorized(const std::string& who, const std::string& token, const std::string& what,
                   const std::string& flag, const std::string& env) {
  Reply reply = ErrorReply(Status::Unauthenticated(
      "unauthorized", token.empty()
                          ? what + " is off: start kb-server with " + flag + " or " + env
                          : "send the " + who + " token as 'Authorization: Bearer TOKEN'"));
  reply.Header("WWW-Authenticate", "Bearer");
  return reply;
}

std::string EtagOf(std::string_view content) {
  return "\"" + std::to_string(std::hash<std::string_view>{}(content)) + "\"";
}

}  // namespace

Reply ErrorReply(Status status) {
  Reply reply = JsonReply(ErrorJson(status));
  reply.error = std::move(status);
  return reply;
}

Routes::Routes(HttpServices services, HttpOptions options)
    : services_(services),
      options_(std::move(options)),
      widget_etag_(EtagOf(pages::kWidgetJs)),
      table_(MakeTable()) {}

// Every route, on one screen.
std::vector<Route> Routes::MakeTable() {
  using namespace std::placeholders;
  auto handler = [this](Reply (Routes::*method)(const HttpRequest&, const Caller&) const) {
    return std::bind(method, this, _1, _2);
  };
  auto page = [](std::string_view body, const char* type) {
    return [body, type](const HttpRequest&, const Caller&) {
      return PageReply(std::string(body), type);
    };
  };
  const Access anyone = Access::kAnyone, agent = Access::kAgent, admin = Access::kAdmin;
  return {
      // The API. GET /api lists these, from this table.
      {"GET", "/api/search",
       "GET /api/search?q=…&limit=10&offset=0&locale=&category=&tag=&session=", anyone,
       handler(&Routes::Search)},
      {"GET", R"(/api/articles/([^/]+))", "GET /api/articles/{slug}", anyone,
       handler(&Routes::ArticleData)},
      {"POST", "/api/events", "POST /api/events", anyone, handler(&Routes::RecordEvent)},
      {"GET", "/healthz", "GET /healthz", anyone, handler(&Routes::Health)},
      {"GET", "/metrics", "GET /metrics", anyone, handler(&Routes::Metrics)},
      {"GET", "/api/categories", "GET /api/categories", agent, handler(&Routes::Categories)},
      {"GET", "/api/gaps", "GET /api/gaps?since=&until=&audience=&limit=100&format=json|csv", admin,
       handler(&Routes::Gaps)},
      {"POST", R"(/api/gaps/([^/]+)/status)", "POST /api/gaps/{id}/status", admin,
       handler(&Routes::SetGapStatus)},
      {"POST", "/api/synonym-suggestions/dismiss", "POST /api/synonym-suggestions/dismiss", admin,
       handler(&Routes::DismissSynonym)},
      {"GET", "/api/articles-report", "GET /api/articles-report?since=&until=", admin,
       handler(&Routes::ArticlesReport)},
      {"GET", "/api", "GET /api", anyone, handler(&Routes::ApiIndex)},
      // The pages, compiled into the binary (server/http/pages/ and the widget).
      {"GET", R"(/articles/([^/]+))", "", anyone, handler(&Routes::ArticlePage)},
      {"GET", "/", "", anyone, page(pages::kDemoHtml, kHtmlType)},
      {"GET", "/widget.js", "", anyone, handler(&Routes::Widget)},
      {"GET", "/article.js", "", anyone, page(pages::kArticleJs, kScriptType)},
      {"GET", "/article.css", "", anyone, page(pages::kArticleCss, kCssType)},
      {"GET", "/agent", "", anyone, page(pages::kAgentHtml, kHtmlType)},
      {"GET", "/agent.js", "", anyone, page(pages::kAgentJs, kScriptType)},
      {"GET", "/admin", "", anyone, page(pages::kAdminHtml, kHtmlType)},
      {"GET", "/admin.js", "", anyone, page(pages::kAdminJs, kScriptType)},
      {"GET", "/admin.css", "", anyone, page(pages::kAdminCss, kCssType)},
      // Browsers ask for it on every page; "no icon" is an answer, not an error.
      {"GET", "/favicon.ico", "", anyone,
       [](const HttpRequest&, const Caller&) { return Reply::Of(ReplyKind::kNoContent); }},
  };
}

Caller Routes::CallerOf(const std::string& authorization) const {
  return Caller{CarriesToken(authorization, options_.agent_token)};
}

Reply Routes::Handle(const Route& route, const HttpRequest& request) const {
  if (route.access == Access::kAdmin &&
      (services_.admin == nullptr || !CarriesToken(request.authorization, options_.admin_token))) {
    return Unauthorized("admin", options_.admin_token, "the admin API", "--admin-token-file",
                        "KB_ADMIN_TOKEN");
  }
  const Caller caller = CallerOf(request.authorization);
  if (route.access == Access::kAgent && !caller.agent) {
    return Unauthorized("agent", options_.agent_token, "the agent console", "--agent-token-file",
                        "KB_AGENT_TOKEN");
  }
  return route.handle(request, caller);
}

Reply Routes::Search(const HttpRequest& request, const Caller& caller) const {
  auto response = services_.search.Search(request.params, caller);
  if (!response.ok()) return ErrorReply(response.status());
  return JsonReply(SearchResponseJson(*response));
}

Reply Routes::ArticleData(const HttpRequest& request, const Caller& caller) const {
  auto article = services_.search.Article(request.capture, caller);
  if (!article.ok()) return ErrorReply(article.status());
  auto related = services_.search.RelatedArticles(*article, caller);
  return JsonReply(ArticleJson(*article, services_.search.urls(),
                               related.ok() ? *related : std::vector<ArticleLink>{}));
}

Reply Routes::RecordEvent(const HttpRequest& request, const Caller&) const {
  if (services_.log == nullptr) {
    return ErrorReply(Status::Unavailable("log_disabled", "this server records no events"));
  }
  if (Status recorded = services_.log->RecordEventRequest(request.body); !recorded.ok()) {
    return ErrorReply(recorded);
  }
  return JsonReply(DoneJson("recorded"), ReplyKind::kCreated);
}

Reply Routes::Health(const HttpRequest&, const Caller&) const {
  std::optional<SearchLogStats> log;
  if (services_.log) log = services_.log->stats();
  return JsonReply(HealthJson(services_.search.Info(), log ? &*log : nullptr));
}

Reply Routes::Metrics(const HttpRequest&, const Caller&) const {
  std::optional<SearchLogStats> log;
  if (services_.log) log = services_.log->stats();
  std::optional<WebhookStats> webhook;
  if (services_.webhook_stats) webhook = services_.webhook_stats();
  Reply reply;
  reply.body = MetricsText(log ? &*log : nullptr, webhook ? &*webhook : nullptr);
  reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
  reply.Header("Cache-Control", "no-store");
  return reply;
}

Reply Routes::Gaps(const HttpRequest& request, const Caller&) const {
  const auto format = request.params.find("format");
  const std::string wanted = format == request.params.end() ? "json" : format->second;
  if (wanted != "json" && wanted != "csv") {
    return ErrorReply(Status::InvalidArgument("invalid_format", "'format' must be json or csv"));
  }
  auto report = services_.admin->Gaps(request.params);
  if (!report.ok()) return ErrorReply(report.status());
  if (wanted == "json") {
    return JsonReply(GapReportJson(*report, services_.search.Info().generation));
  }
  Reply csv;
  csv.body = GapReportCsv(*report);
  csv.content_type = "text/csv; charset=utf-8";
  csv.Header("Cache-Control", "no-store")
      .Header("Content-Disposition", "attachment; filename=\"kb-gaps.csv\"");
  return csv;
}

Reply Routes::SetGapStatus(const HttpRequest& request, const Caller&) const {
  if (Status saved = services_.admin->SetGapStatus(request.capture, request.body); !saved.ok()) {
    return ErrorReply(saved);
  }
  return JsonReply(DoneJson("saved"));
}

Reply Routes::DismissSynonym(const HttpRequest& request, const Caller&) const {
  if (Status saved = services_.admin->DismissSynonym(request.body); !saved.ok()) {
    return ErrorReply(saved);
  }
  return JsonReply(DoneJson("dismissed"));
}

Reply Routes::ArticlesReport(const HttpRequest& request, const Caller&) const {
  auto rows = services_.admin->ArticlesReport(request.params);
  if (!rows.ok()) return ErrorReply(rows.status());
  return JsonReply(ArticlesReportJson(*rows));
}

Reply Routes::Categories(const HttpRequest&, const Caller&) const {
  auto categories = services_.search.Categories();
  if (!categories.ok()) return ErrorReply(categories.status());
  return JsonReply(CategoriesJson(*categories));
}

Reply Routes::ApiIndex(const HttpRequest&, const Caller&) const {
  std::vector<std::string> endpoints;
  for (const Route& route : table_) {
    if (route.doc.empty()) continue;
    endpoints.push_back(route.doc + (route.access == Access::kAdmin   ? " (admin)"
                                     : route.access == Access::kAgent ? " (agent)"
                                                                      : ""));
  }
  return JsonReply(ApiIndexJson(endpoints));
}

// Each article as a readable page, so every result link works without another site.
Reply Routes::ArticlePage(const HttpRequest& request, const Caller& caller) const {
  auto article = services_.search.Article(request.capture, caller);
  if (!article.ok()) {
    Reply reply = PageReply(RenderArticleNotFoundPage(), kHtmlType);
    // A missing article is a 404; an index that cannot be read, a 503 (a page all the same).
    reply.error = article.status();
    return reply;
  }
  auto related = services_.search.RelatedArticles(*article, caller);
  return PageReply(
      RenderArticlePage(*article, related.ok() ? *related : std::vector<ArticleLink>{}), kHtmlType);
}

Reply Routes::Widget(const HttpRequest& request, const Caller&) const {
  Reply reply;
  reply.Header("Cache-Control", kWidgetCaching).Header("ETag", widget_etag_);
  if (request.if_none_match == widget_etag_) {
    reply.kind = ReplyKind::kNotModified;
    return reply;
  }
  reply.body = std::string(pages::kWidgetJs);
  reply.content_type = kScriptType;
  return reply;
}

}  // namespace kb
