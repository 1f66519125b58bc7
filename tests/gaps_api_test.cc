// The knowledge-gap loop over HTTP: searches and events from "the widget", the admin token, the
// report, status changes, the article report, and the replay after a reindex.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/time_format.h"
#include "server/insight/log_database.h"
#include "tests/support/fixture_index.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace kb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kToken = "test-admin-token-0123456789";
const std::string kAgentToken = "test-agent-token-0123456789";

class GapsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::FixtureArticlesDir(), articles_, fs::copy_options::recursive);
    testing::BuildFixtureIndex(index_, articles_);
    fs::create_directories(data_);
    ServerConfig config;
    config.data_dir = data_;
    config.admin_token = kToken;
    config.agent_token = kAgentToken;
    config.reload_interval_ms = 50;
    server_ = std::make_unique<testing::TestServer>(index_, config);
    client_ = std::make_unique<httplib::Client>(server_->Client());
  }

  // Searches as the widget does; returns the search id.
  std::string Search(const std::string& q, const std::string& session) {
    int status = 0;
    const json body =
        testing::GetJson(*client_, "/api/search?q=" + q + "&session=" + session, &status);
    EXPECT_EQ(status, 200);
    return body.value("search_id", "");
  }
  int PostEvent(const json& event) {
    auto res = client_->Post("/api/events", event.dump(), "application/json");
    return res ? res->status : -1;
  }
  json Admin(const std::string& path, int expected = 200) {
    httplib::Headers headers = {{"Authorization", "Bearer " + kToken}};
    auto res = client_->Get(path, headers);
    EXPECT_TRUE(res);
    if (!res) return nullptr;
    EXPECT_EQ(res->status, expected) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json Gaps() {
    server_->log()->Flush();
    return Admin("/api/gaps");
  }
  const json* FindGap(const json& report, const std::string& typed) {
    for (const json& gap : report["gaps"]) {
      for (const json& e : gap["examples"]) {
        if (e == typed) return &gap;
      }
    }
    return nullptr;
  }

  testing::TempDir dir_;
  const std::string articles_ = dir_ / "articles";
  const std::string index_ = dir_ / "index";
  const std::string data_ = dir_ / "data";
  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(GapsApiTest, AdminApiNeedsTheToken) {
  for (const char* path : {"/api/gaps", "/api/articles-report"}) {
    auto none = client_->Get(path);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401);
    EXPECT_EQ(json::parse(none->body)["error"]["code"], "unauthorized");
    EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
    auto wrong = client_->Get(path, {{"Authorization", "Bearer not-the-token-at-all-xx"}});
    EXPECT_EQ(wrong->status, 401);
    Admin(path, 200);
  }
  auto status = client_->Post("/api/gaps/0123456789abcdef/status", R"({"status":"planned"})",
                              "application/json");
  EXPECT_EQ(status->status, 401);
}

TEST_F(GapsApiTest, EventsAreValidatedAndAcknowledgedOnceOnDisk) {
  const std::string id = Search("refund", "sess-1");
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", id}, {"slug", "refunds"}}), 201);
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", "ffffffffffffffff"}, {"slug", "refunds"}}),
            404);
  EXPECT_EQ(PostEvent({{"type", "like"}, {"search_id", id}, {"slug", "refunds"}}), 400);
  auto malformed = client_->Post("/api/events", "{not json", "application/json");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(json::parse(malformed->body)["error"]["code"], "invalid_json");
  auto oversized = client_->Post("/api/events", std::string(5000, ' '), "application/json");
  EXPECT_EQ(oversized->status, 413);
  EXPECT_EQ(json::parse(oversized->body)["error"]["code"], "body_too_large");
}

TEST_F(GapsApiTest, MissesBecomeARankedGroupedReport) {
  // Three people fail to find "cancel my plan" in three ways; one finds "refund".
  Search("cancel+my+subscription", "p1");
  const std::string second = Search("cancelling+subscriptions", "p2");
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", second}, {"slug", "cancel-subscription"}}),
            201);
  EXPECT_EQ(PostEvent({{"type", "not_helpful"},
                       {"search_id", second},
                       {"slug", "cancel-subscription"},
                       {"reason", "mail me at jo@example.com"}}),
            201);
  const std::string third = Search("how+to+cancel+subscribtion", "p3");
  EXPECT_EQ(PostEvent({{"type", "contact"}, {"search_id", third}}), 201);
  const std::string found = Search("refund", "p4");
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", found}, {"slug", "refunds"}}), 201);
  Search("xylophone+for+jane%40example.com", "p5");
  Search("xylophone+for+jane%40example.com", "p6");

  const json report = Gaps();
  ASSERT_EQ(report["gaps"].size(), 2u) << report.dump(2);
  const json& cancel = report["gaps"][0];  // impact ½ + 2 + 3 beats 1 + 1
  EXPECT_EQ(cancel["sessions"], 3);
  EXPECT_EQ(cancel["searches"], 3);
  EXPECT_EQ(cancel["misses"]["no_click"], 2);  // p1, and p3 who then contacted support
  EXPECT_EQ(cancel["misses"]["not_helpful"], 1);
  EXPECT_EQ(cancel["misses"]["contact"], 1);
  EXPECT_EQ(cancel["examples"].size(), 3u);
  EXPECT_EQ(cancel["queries"].size(), 3u);
  EXPECT_EQ(cancel["diagnosis"]["code"], "not_helpful_results");
  // What the reader wrote is shown with the gap, redacted.
  EXPECT_EQ(cancel["reasons"], json::array({"mail me at <email>"}));
  EXPECT_EQ(cancel["trend_percent"], "new");
  const json* xylophone = FindGap(report, "xylophone for <email>");
  ASSERT_NE(xylophone, nullptr) << report.dump(2);
  EXPECT_EQ((*xylophone)["misses"]["no_results"], 2);
  EXPECT_EQ((*xylophone)["diagnosis"]["code"], "no_article");
  // Personal data never reached the log.
  EXPECT_EQ(report.dump().find("jane@"), std::string::npos);
  EXPECT_EQ(report["searches"], 6);

  httplib::Headers headers = {{"Authorization", "Bearer " + kToken}};
  auto csv = client_->Get("/api/gaps?format=csv", headers);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 3);

  Admin("/api/gaps?since=2026-13-01", 400);
  Admin("/api/gaps?since=2030-01-02&until=2030-01-01", 400);
  Admin("/api/gaps?audience=robots", 400);
  Admin("/api/gaps?format=xml", 400);
}

TEST_F(GapsApiTest, AnEmergingGapComesFirstWithWhenItsSurgeStarted) {
  const std::int64_t now = SystemClock().NowMs();
  {
    // Written straight into the log: it has been recording for days, and a steady gap with more
    // sessions than the new one was missed two days ago.
    auto log = LogDatabase::Open(data_ + "/kb-log.sqlite");
    ASSERT_TRUE(log.ok()) << log.status().message();
    for (int i = 0; i < 12; ++i) {
      StoredSearch s;
      s.id = "00000000000000" + std::to_string(10 + i);
      s.time_ms = now - (i == 0 ? 5 : 2) * kDayMs;
      s.session = "old" + std::to_string(i);
      s.query = i == 0 ? "cancel subscription" : "xylophone lessons";
      s.language = "en";
      ASSERT_TRUE((*log)->InsertSearch(s).ok());
    }
  }
  // Ten people now find nothing for something new (ten: however an hour's turn splits them, one
  // of the two hours has five).
  for (int i = 0; i < 10; ++i) Search("zither+strings", "new" + std::to_string(i));

  const json report = Gaps();
  ASSERT_EQ(report["gaps"].size(), 2u) << report.dump(2);
  const json& zither = report["gaps"][0];
  EXPECT_EQ(zither["representative"], "zither strings");
  EXPECT_EQ(zither["emerging"], true);
  EXPECT_EQ(zither["emerging_window"], "hour");
  EXPECT_GE(zither["recent_misses"].get<int>(), 5);
  EXPECT_EQ(zither["baseline_rate"], 0);
  const std::string since = zither["emerging_since"];
  EXPECT_EQ(since.substr(14), "00:00Z") << since;  // the start of an hour
  EXPECT_LE(since, FormatIsoTime(now + 60000));
  EXPECT_GE(since, FormatIsoTime(now - 2 * kHourMs));
  const json& xylophone = report["gaps"][1];
  EXPECT_GT(xylophone["impact"].get<double>(), zither["impact"].get<double>());
  EXPECT_EQ(xylophone["emerging"], false);
  EXPECT_TRUE(xylophone["emerging_since"].is_null());
  EXPECT_TRUE(xylophone["recent_misses"].is_null());
}

TEST_F(GapsApiTest, MetricsCountTheLog) {
  Search("xylophone", "a");
  server_->log()->Flush();
  auto res = client_->Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(res->body.find("# TYPE kb_log_searches_written_total counter\n"
                           "kb_log_searches_written_total 1\n"),
            std::string::npos)
      << res->body;
  // No --webhook-url: no alert figures.
  EXPECT_EQ(res->body.find("kb_gap_alerts"), std::string::npos) << res->body;
}

TEST_F(GapsApiTest, ContentOwnersSetAGapsStatus) {
  Search("xylophone", "a");
  Search("xylophone", "b");
  const json report = Gaps();
  ASSERT_EQ(report["gaps"].size(), 1u);
  const std::string id = report["gaps"][0]["id"];
  httplib::Headers headers = {{"Authorization", "Bearer " + kToken}};
  auto saved =
      client_->Post("/api/gaps/" + id + "/status", headers,
                    R"({"status":"planned","note":"writing it this sprint"})", "application/json");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 200) << saved->body;
  const json after = Gaps();
  EXPECT_EQ(after["gaps"][0]["status"], "planned");
  EXPECT_EQ(after["gaps"][0]["note"], "writing it this sprint");

  auto bad = client_->Post("/api/gaps/" + id + "/status", headers, R"({"status":"done"})",
                           "application/json");
  EXPECT_EQ(bad->status, 400);
  auto unknown = client_->Post("/api/gaps/nope/status", headers, R"({"status":"planned"})",
                               "application/json");
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(GapsApiTest, ANewArticleClosesTheGapAfterReindex) {
  Search("quokka+care", "a");
  Search("quokka+care", "b");
  ASSERT_EQ(Gaps()["gaps"][0]["diagnosis"]["code"], "no_article");

  std::ofstream(articles_ + "/billing/quokka-care.md") << "# Quokka care\n\nFeed your quokka.\n";
  // In review, before it ships: the change is built into a throwaway index and checked.
  const auto review =
      testing::RunCommand({KB_INDEX_BIN, articles_, dir_ / "review-index", "--check-gaps", data_});
  EXPECT_EQ(review.exit_code, 0) << review.err;
  EXPECT_NE(review.out.find("this change answers 1 open gap:\n  \"quokka care\" (2 sessions) -> "
                            "quokka-care\n"),
            std::string::npos)
      << review.out;
  // Shipped: the live index is updated.
  ASSERT_EQ(testing::RunCommand({KB_INDEX_BIN, articles_, index_}).exit_code, 0);
  // The server notices the new index, replays the open gaps and records what answered them. The
  // gap stops ranking as open: it is answered, and watched.
  json report;
  for (int i = 0; i < 100; ++i) {
    report = Gaps();
    if (!report["watching"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(report["gaps"].empty()) << report.dump(2);
  ASSERT_EQ(report["watching"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["watching"][0]["answered_by"], "quokka-care");
  EXPECT_EQ(report["watching"][0]["watching"], true);
  ASSERT_EQ(report["answered_by_last_reindex"].size(), 1u);
  EXPECT_EQ(report["answered_by_last_reindex"][0]["answered_by"], "quokka-care");
  // Two more people miss after the answer: it did not help, and the gap is open again.
  Search("quokka+care+", "c");
  Search("quokka+care+", "d");
  report = Gaps();
  EXPECT_TRUE(report["watching"].empty()) << report.dump(2);
  ASSERT_EQ(report["gaps"].size(), 1u);
  EXPECT_EQ(report["gaps"][0]["answered_by"], "quokka-care");
}

TEST_F(GapsApiTest, ArticleReportCountsViewsAndVotes) {
  const std::string a = Search("refund", "a");
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", a}, {"slug", "refunds"}}), 201);
  EXPECT_EQ(PostEvent({{"type", "not_helpful"}, {"search_id", a}, {"slug", "refunds"}}), 201);
  const std::string b = Search("refund", "b");
  EXPECT_EQ(PostEvent({{"type", "click"}, {"search_id", b}, {"slug", "refunds"}}), 201);
  EXPECT_EQ(PostEvent({{"type", "helpful"}, {"search_id", b}, {"slug", "refunds"}}), 201);
  const json report = Admin("/api/articles-report");
  ASSERT_EQ(report["articles"].size(), 10u);
  const json& top = report["articles"][0];  // problems first
  EXPECT_EQ(top["slug"], "refunds");
  EXPECT_EQ(top["views"], 2);
  EXPECT_EQ(top["helpful"], 1);
  EXPECT_EQ(top["not_helpful"], 1);
  EXPECT_EQ(top["helpful_ratio"], 0.5);
  EXPECT_FALSE(top["updated"].get<std::string>().empty());
}

TEST_F(GapsApiTest, AgentSearchesAreRecordedAsAgents) {
  httplib::Headers agent = {{"Authorization", "Bearer " + kAgentToken}};
  for (const char* session : {"agent-1", "agent-2"}) {
    auto res = client_->Get(std::string("/api/search?q=xylophone&session=") + session, agent);
    ASSERT_EQ(res->status, 200);
  }
  Search("xylophone", "customer-1");
  const json report = Gaps();
  ASSERT_EQ(report["gaps"].size(), 1u);
  EXPECT_EQ(report["gaps"][0]["agent_searches"], 2);
  EXPECT_EQ(report["gaps"][0]["customer_searches"], 1);
  const json customers = Admin("/api/gaps?audience=customer");
  EXPECT_TRUE(customers["gaps"].empty());  // one customer session is below the threshold
}

TEST(GapsApiOffTest, WithoutATokenTheAdminApiIsOff) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  testing::TestServer server(dir / "index");
  httplib::Client client = server.Client();
  auto res = client.Get("/api/gaps", {{"Authorization", "Bearer "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(res->body.find("--admin-token-file"), std::string::npos);
}

// Popularity closes the other loop: what customers found helpful for a kind of query rises a
// little for it, through the same widget calls and log.
TEST_F(GapsApiTest, ResultsFoundHelpfulRiseForThatKindOfQuery) {
  int status = 0;
  const json before = testing::GetJson(*client_, "/api/search?q=account", &status);
  ASSERT_EQ(before["results"].size(), 2u) << before.dump();
  const std::string second = before["results"][1]["slug"];
  const json other_before = testing::GetJson(*client_, "/api/search?q=settings", &status);
  for (const std::string session : {"p1", "p2", "p3"}) {
    const std::string id = Search("Account", session);
    for (const char* type : {"click", "helpful"}) {
      ASSERT_EQ(
          PostEvent({{"type", type}, {"search_id", id}, {"slug", second}, {"session", session}}),
          201);
    }
  }
  server_->log()->Flush();
  ASSERT_TRUE(server_->popularity()->Refresh().ok());
  const json after = testing::GetJson(*client_, "/api/search?q=account", &status);
  EXPECT_EQ(after["results"][0]["slug"], second) << after.dump();
  // Other kinds of query are untouched.
  const json other = testing::GetJson(*client_, "/api/search?q=settings", &status);
  EXPECT_EQ(other["results"][0]["slug"], other_before["results"][0]["slug"]);
}

}  // namespace
}  // namespace kb
