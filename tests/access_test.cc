// Who may see what: agents with their token see internal articles, customers never do; pages on
// allowed origins may call the API from the browser (CORS), others may not.
#include <gtest/gtest.h>

#include "tests/support/fixture_index.h"
#include "tests/support/test_server.h"

namespace kb {
namespace {

using nlohmann::json;

const std::string kAgentToken = "agent-token-for-tests-0123";
const std::string kAllowed = "https://help.example.com";

class AccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(dir_->path());
    ServerConfig config;
    config.agent_token = kAgentToken;
    config.allowed_origins = {kAllowed, "http://localhost:3000"};
    server_ = new testing::TestServer(dir_->path(), config);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static std::vector<std::string> Slugs(const std::string& path, const httplib::Headers& headers) {
    httplib::Client client = server_->Client();
    auto res = client.Get(path, headers);
    std::vector<std::string> slugs;
    if (!res || res->status != 200) return {"(error)"};
    const json body = json::parse(res->body);
    for (const json& r : body["results"]) slugs.push_back(r["slug"]);
    return slugs;
  }

  static testing::TempDir* dir_;
  static testing::TestServer* server_;
};
testing::TempDir* AccessTest::dir_ = nullptr;
testing::TestServer* AccessTest::server_ = nullptr;

TEST_F(AccessTest, AgentsSeeInternalArticlesWithTheirToken) {
  const httplib::Headers agent = {{"Authorization", "Bearer " + kAgentToken}};
  EXPECT_EQ(Slugs("/api/search?q=backoffice", agent), std::vector<std::string>{"manual-refund"});
  EXPECT_TRUE(Slugs("/api/search?q=backoffice", {}).empty());
  EXPECT_TRUE(
      Slugs("/api/search?q=backoffice", {{"Authorization", "Bearer wrong-token-wrong-token"}})
          .empty());
  httplib::Client client = server_->Client();
  EXPECT_EQ(client.Get("/api/articles/manual-refund", agent)->status, 200);
  EXPECT_EQ(client.Get("/api/articles/manual-refund")->status, 404);
}

TEST_F(AccessTest, AllowedOriginsGetCorsHeadersOthersDoNot) {
  httplib::Client client = server_->Client();
  auto allowed = client.Get("/api/search?q=refund", {{"Origin", kAllowed}});
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_EQ(allowed->get_header_value("Vary"), "Origin");
  auto other = client.Get("/api/search?q=refund", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other->status, 200);
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));

  // The preflight a browser sends before POSTing JSON events.
  auto preflight =
      client.Options("/api/events", {{"Origin", kAllowed},
                                     {"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("POST"),
            std::string::npos);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Content-Type"),
            std::string::npos);
  auto refused = client.Options("/api/events", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Methods"));
}

}  // namespace
}  // namespace kb
