// The HTTP API end to end: the fixture articles indexed by the real indexer, served by the real
// server on an ephemeral port, queried over HTTP.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "tests/support/fixture_index.h"
#include "tests/support/test_server.h"

namespace kb {
namespace {

using nlohmann::json;

class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(dir_->path());
    server_ = new testing::TestServer(dir_->path());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  json Get(const std::string& path, int expected_status = 200) {
    httplib::Client client = server_->Client();
    int status = 0;
    json body = testing::GetJson(client, path, &status);
    EXPECT_EQ(status, expected_status) << path << " -> " << body.dump();
    return body;
  }
  std::vector<std::string> Slugs(const std::string& path) {
    std::vector<std::string> slugs;
    const json body = Get(path);
    for (const json& r : body["results"]) slugs.push_back(r["slug"]);
    return slugs;
  }
  std::string Top(const std::string& q) {
    const auto slugs = Slugs("/api/search?q=" + httplib::detail::encode_query_param(q));
    return slugs.empty() ? "(none)" : slugs[0];
  }
  void ExpectError(const std::string& path, int status, const std::string& code) {
    const json body = Get(path, status);
    ASSERT_TRUE(body.contains("error")) << path << " -> " << body.dump();
    EXPECT_EQ(body["error"]["code"], code) << path;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  }

  static testing::TempDir* dir_;
  static testing::TestServer* server_;
};
testing::TempDir* HttpApiTest::dir_ = nullptr;
testing::TestServer* HttpApiTest::server_ = nullptr;

TEST_F(HttpApiTest, SearchReturnsTheDocumentedShape) {
  const json body = Get("/api/search?q=backup+codes");
  EXPECT_EQ(body["query"], "backup codes");
  EXPECT_TRUE(body["corrected"].is_null());
  EXPECT_EQ(body["search_id"].get<std::string>().size(), 16u);
  EXPECT_TRUE(body["took_ms"].is_number());
  EXPECT_GE(body["total"].get<int>(), 1);
  const json& hit = body["results"][0];
  EXPECT_EQ(hit["slug"], "two-factor");
  EXPECT_EQ(hit["title"], "Set up two-factor authentication");
  EXPECT_EQ(hit["section"], "Backup codes");
  EXPECT_EQ(hit["url"], "/articles/two-factor#backup-codes");
  EXPECT_EQ(hit["category"], "account");
  EXPECT_EQ(hit["audience"], "public");
  EXPECT_EQ(hit["tags"], json::array({"security", "login"}));
  EXPECT_NE(hit["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_TRUE(hit["sections"].is_array());
}

TEST_F(HttpApiTest, RanksTheAnswerFirst) {
  EXPECT_EQ(Top("how do I reset my password"), "reset-password");
  EXPECT_EQ(Top("get my money back"), "refunds");
  EXPECT_EQ(Top("cancel subscription"), "cancel-subscription");
  EXPECT_EQ(Top("webhook retries"), "webhooks");
  EXPECT_EQ(Top("vat number"), "invoices");
}

TEST_F(HttpApiTest, PrefixSearchAsYouType) {
  EXPECT_EQ(Top("rese"), "reset-password");
  EXPECT_EQ(Top("cancel subscr"), "cancel-subscription");
  EXPECT_EQ(Top("signat"), "webhooks");
}

TEST_F(HttpApiTest, TypoIsCorrectedAndSaidSo) {
  const json body = Get("/api/search?q=subscripton+cancle+");
  EXPECT_EQ(body["corrected"], "subscription cancel");
  ASSERT_FALSE(body["results"].empty());
  EXPECT_EQ(body["results"][0]["slug"], "cancel-subscription");
}

TEST_F(HttpApiTest, LocaleStemming) {
  EXPECT_EQ(Slugs("/api/search?q=rechnung+&locale=de"), std::vector<std::string>{"rechnungen"});
  EXPECT_EQ(Slugs("/api/search?q=abonnement+k%C3%BCndigen&locale=all").at(0),
            "abonnement-kuendigen");
  EXPECT_TRUE(Slugs("/api/search?q=rechnung+&locale=en").empty());
  // Without a locale, the default one.
  const json plain = Get("/api/search?q=refund");
  EXPECT_EQ(plain["locale"], "en");
  EXPECT_TRUE(plain["locale_fallback"].is_null());
}

TEST_F(HttpApiTest, ALocaleWithoutArticlesFallsBackAndSaysSo) {
  const json body = Get("/api/search?q=refund&locale=pt-BR");
  EXPECT_EQ(body["locale"], "en");
  EXPECT_EQ(body["locale_fallback"]["requested"], "pt-br");
  EXPECT_NE(body["locale_fallback"]["message"].get<std::string>().find("'pt-br'"),
            std::string::npos);
  ASSERT_FALSE(body["results"].empty());
  EXPECT_EQ(body["results"][0]["slug"], "refunds");
}

TEST_F(HttpApiTest, SynonymsFromTheArticlesFolder) {
  // tests/fixtures/articles/_synonyms.yaml: no article says "payback" or "stop paying".
  EXPECT_EQ(Slugs("/api/search?q=payback"), std::vector<std::string>{"refunds"});
  const auto stop_paying = Slugs("/api/search?q=how+do+i+stop+paying");
  EXPECT_NE(std::find(stop_paying.begin(), stop_paying.end(), "cancel-subscription"),
            stop_paying.end());
  EXPECT_EQ(Top("mfa"), "two-factor");
}

TEST_F(HttpApiTest, CurationRulesPinAndHide) {
  // tests/fixtures/articles/_rules.yaml pins the refund policy, then the invoices, for "receipts".
  for (const std::string q : {"Receipts", "receipt"}) {
    const json body = Get("/api/search?q=" + q);
    ASSERT_GE(body["results"].size(), 2u) << body.dump();
    EXPECT_EQ(body["results"][0]["slug"], "refunds");
    EXPECT_EQ(body["results"][0]["pinned"], true);
    EXPECT_EQ(body["results"][1]["slug"], "invoices");
    EXPECT_EQ(body["results"][1]["pinned"], true);
  }
  const json other = Get("/api/search?q=vat+number");
  ASSERT_FALSE(other["results"].empty());
  EXPECT_EQ(other["results"][0]["pinned"], false);
  // ...and hides the refund policy for "cancel".
  for (const std::string& slug : Slugs("/api/search?q=cancel")) EXPECT_NE(slug, "refunds");
  // The runbook pinned for agents is never shown to customers.
  for (const std::string& slug : Slugs("/api/search?q=manual+refund")) {
    EXPECT_NE(slug, "manual-refund");
  }
}

TEST_F(HttpApiTest, OneResultPerArticle) {
  const json body = Get("/api/search?q=desktop+sync+clock");
  std::set<std::string> seen;
  for (const json& r : body["results"]) EXPECT_TRUE(seen.insert(r["slug"]).second);
  ASSERT_FALSE(body["results"].empty());
  EXPECT_EQ(body["results"][0]["slug"], "sync");
  // The other "Desktop" section is listed under the hit.
  bool other_desktop = false;
  for (const json& s : body["results"][0]["sections"]) {
    if (s["section"] == "Desktop") other_desktop = s["anchor"] != body["results"][0]["anchor"];
  }
  EXPECT_TRUE(other_desktop) << body.dump();
}

TEST_F(HttpApiTest, FiltersByCategoryAndTag) {
  const json billing = Get("/api/search?q=billing&category=billing");
  for (const json& r : billing["results"]) {
    EXPECT_EQ(r["category"], "billing");
  }
  EXPECT_EQ(Slugs("/api/search?q=billing&tag=subscription"),
            std::vector<std::string>{"cancel-subscription"});
  EXPECT_TRUE(Slugs("/api/search?q=billing&tag=subscription&tag=security").empty());
}

TEST_F(HttpApiTest, FacetsOfferTheCategoriesAndTagsOfTheMatches) {
  EXPECT_TRUE(Get("/api/search?q=billing+settings")["facets"]["category"].empty());  // asked for
  const json body = Get("/api/search?q=billing+settings&facets=true");
  ASSERT_TRUE(body["facets"]["category"].is_array());
  std::map<std::string, int> categories;
  for (const json& c : body["facets"]["category"]) categories[c["value"]] = c["count"];
  std::map<std::string, int> expected;
  for (const json& r : body["results"]) ++expected[r["category"].get<std::string>()];
  EXPECT_EQ(categories, expected);
  EXPECT_TRUE(body["facets"]["exact"].get<bool>());
  bool has_subscription_tag = false;
  for (const json& t : body["facets"]["tag"]) has_subscription_tag |= t["value"] == "subscription";
  EXPECT_TRUE(has_subscription_tag) << body["facets"].dump();
  // Choosing a facet value narrows the results to it.
  const json narrowed = Get("/api/search?q=billing+settings&tag=subscription");
  for (const json& r : narrowed["results"]) {
    const auto& tags = r["tags"];
    EXPECT_NE(std::find(tags.begin(), tags.end(), "subscription"), tags.end());
  }
}

TEST_F(HttpApiTest, InternalArticlesAreInvisible) {
  EXPECT_TRUE(Slugs("/api/search?q=backoffice").empty());
  ExpectError("/api/articles/manual-refund", 404, "article_not_found");
}

TEST_F(HttpApiTest, ArticleEndpoint) {
  const json a = Get("/api/articles/refunds");
  EXPECT_EQ(a["slug"], "refunds");
  EXPECT_EQ(a["title"], "Refund policy");
  EXPECT_EQ(a["category"], "billing");
  EXPECT_EQ(a["locale"], "en");
  EXPECT_TRUE(a["updated"].is_string());
  EXPECT_NE(a["html"].get<std::string>().find("<h2 id=\"annual-plans\">"), std::string::npos);
  ASSERT_EQ(a["sections"].size(), 3u);
  EXPECT_EQ(a["sections"][0]["title"], "Annual plans");
  EXPECT_EQ(a["sections"][0]["anchor"], "annual-plans");
  // Related articles: other public articles that share its distinctive words.
  ASSERT_TRUE(a["related"].is_array());
  ASSERT_FALSE(a["related"].empty());
  EXPECT_LE(a["related"].size(), 5u);
  std::set<std::string> related;
  for (const json& r : a["related"]) related.insert(r["slug"]);
  EXPECT_TRUE(related.count("cancel-subscription")) << a["related"].dump();
  EXPECT_FALSE(related.count("refunds"));
  EXPECT_FALSE(related.count("manual-refund"));  // internal: invisible to the public
}

TEST_F(HttpApiTest, ArticlePageIsServedAsHtml) {
  httplib::Client client = server_->Client();
  auto page = client.Get("/articles/refunds");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_NE(page->body.find("<h1>Refund policy</h1>"), std::string::npos);
  EXPECT_NE(page->body.find("<h2 id=\"annual-plans\">"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"#annual-plans\""), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/articles/cancel-subscription\""), std::string::npos);
  EXPECT_EQ(page->body.find("manual-refund"), std::string::npos);  // internal: not related

  auto internal = client.Get("/articles/manual-refund");
  EXPECT_EQ(internal->status, 404);
  EXPECT_NE(internal->body.find("Article not found"), std::string::npos);
  EXPECT_EQ(client.Get("/articles/no-such-thing")->status, 404);
  EXPECT_EQ(client.Get("/article.js")->status, 200);
}

TEST_F(HttpApiTest, WidgetIsServedWithCachingHeaders) {
  httplib::Client client = server_->Client();
  auto widget = client.Get("/widget.js");
  ASSERT_TRUE(widget);
  EXPECT_EQ(widget->status, 200);
  EXPECT_EQ(widget->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(widget->get_header_value("Cache-Control"), "public, max-age=300");
  EXPECT_NE(widget->body.find("KbWidget"), std::string::npos);
  const std::string etag = widget->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client.Get("/widget.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  auto demo = client.Get("/");
  EXPECT_EQ(demo->status, 200);
  EXPECT_NE(demo->body.find("/widget.js"), std::string::npos);
}

TEST_F(HttpApiTest, HealthReportsTheIndex) {
  const json h = Get("/healthz");
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["articles"], 10);
  EXPECT_GT(h["sections"].get<int>(), 10);
  EXPECT_EQ(h["locales"], json::array({"de", "en"}));
  EXPECT_FALSE(h["built_at"].get<std::string>().empty());
}

TEST_F(HttpApiTest, RootListsTheEndpoints) {
  const json root = Get("/api");
  EXPECT_EQ(root["name"], "kb");
  // Made from the route table: every API route, each marked with who may call it.
  std::vector<std::string> endpoints = root["endpoints"];
  EXPECT_EQ(endpoints.size(), 11u);
  auto listed = [&](const std::string& entry) {
    return std::find(endpoints.begin(), endpoints.end(), entry) != endpoints.end();
  };
  EXPECT_TRUE(listed("GET /api/articles/{slug}"));
  EXPECT_TRUE(listed("POST /api/events"));
  EXPECT_TRUE(listed("POST /api/synonym-suggestions/dismiss (admin)")) << root.dump(2);
  EXPECT_TRUE(listed("GET /api/categories (agent)"));
  EXPECT_TRUE(listed("POST /api/gaps/{id}/status (admin)"));
  EXPECT_TRUE(listed("GET /metrics"));
  EXPECT_FALSE(listed("GET /admin"));  // pages are not API
}

TEST_F(HttpApiTest, EveryBadInputGetsAJsonError) {
  ExpectError("/api/search", 400, "missing_query");
  ExpectError("/api/search?q=", 400, "missing_query");
  ExpectError("/api/search?q=+++", 400, "missing_query");
  ExpectError("/api/search?q=" + std::string(257, 'a'), 400, "query_too_long");
  ExpectError("/api/search?q=%FF%FE", 400, "invalid_utf8");
  ExpectError("/api/search?q=a&limit=0", 400, "invalid_limit");
  ExpectError("/api/search?q=a&limit=51", 400, "invalid_limit");
  ExpectError("/api/search?q=a&limit=many", 400, "invalid_limit");
  ExpectError("/api/search?q=a&offset=-5", 400, "invalid_offset");
  ExpectError("/api/search?q=a&locale=%3Cscript%3E", 400, "invalid_locale");
  ExpectError("/api/search?q=a&q=b", 400, "repeated_parameter");
  ExpectError("/api/articles/no-such-article", 404, "article_not_found");
  ExpectError("/api/articles/Not%20A%20Slug", 404, "article_not_found");
  ExpectError("/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "not_found");
  ExpectError("/no/such/route", 404, "not_found");
}

TEST_F(HttpApiTest, WrongMethodIs405) {
  httplib::Client client = server_->Client();
  auto res = client.Post("/api/search?q=x", "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "method_not_allowed");
}

TEST_F(HttpApiTest, OversizedBodyAndUriAreRefusedWithJson) {
  httplib::Client client = server_->Client();
  auto big = client.Post("/api/search", std::string(200 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_TRUE(json::parse(big->body, nullptr, false).contains("error"));
  auto long_uri = client.Get("/api/search?q=" + std::string(10000, 'a'));
  ASSERT_TRUE(long_uri);
  EXPECT_EQ(long_uri->status, 414);
  EXPECT_TRUE(json::parse(long_uri->body, nullptr, false).contains("error"));
}

TEST_F(HttpApiTest, RandomGarbageNeverCrashesOrGets5xx) {
  std::mt19937 random(42);
  httplib::Client client = server_->Client();
  for (int i = 0; i < 300; ++i) {
    std::string q;
    const int length = static_cast<int>(random() % 40);
    for (int k = 0; k < length; ++k) q += static_cast<char>(random() % 256);
    const std::string path = "/api/search?q=" + httplib::detail::encode_query_param(q) +
                             "&limit=" + std::to_string(static_cast<int>(random() % 60) - 5);
    auto res = client.Get(path);
    ASSERT_TRUE(res) << "request " << i << " failed";
    EXPECT_LT(res->status, 500) << path;
    EXPECT_TRUE(json::accept(res->body)) << path;
  }
  EXPECT_EQ(Get("/healthz")["status"], "ok");
}

TEST_F(HttpApiTest, AStalledClientDoesNotBlockOthers) {
  // A client that opens a connection and sends half a request, then nothing.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server_->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string partial = "GET /api/search?q=refund HTTP/1.1\r\nHost: x\r\n";
  ASSERT_GT(::send(fd, partial.data(), partial.size(), 0), 0);
  EXPECT_EQ(Top("refund"), "refunds");
  ::close(fd);
}

}  // namespace
}  // namespace kb
