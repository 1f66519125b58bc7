// kb-index and kb-server as a person runs them: exit codes, messages, startup and shutdown.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/index_layout.h"
#include "tests/support/fixture_index.h"
#include "tests/support/process.h"

namespace kb {
namespace {

using testing::RunCommand;

const std::string kBroken = std::string(KB_SOURCE_DIR) + "/tests/fixtures/broken";

// The port a server printed in its "listening on http://127.0.0.1:PORT" line, or -1.
int ListeningPort(const std::string& out) {
  std::smatch match;
  static const std::regex line("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  return std::regex_search(out, match, line) ? std::stoi(match[1]) : -1;
}

TEST(KbIndexCliTest, IndexesAFolderAndSaysSo) {
  testing::TempDir dir;
  const auto result = RunCommand({KB_INDEX_BIN, testing::FixtureArticlesDir(), dir / "index"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_TRUE(std::regex_search(result.out,
                                std::regex("^indexed 10 articles \\([0-9]+ sections\\), 0 failed, "
                                           "[0-9.]+ s; 10 added")))
      << result.out;
  const auto again = RunCommand({KB_INDEX_BIN, testing::FixtureArticlesDir(), dir / "index"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("index unchanged"), std::string::npos) << again.out;
}

TEST(KbIndexCliTest, BrokenArticlesAreReportedLikeCompilerErrors) {
  testing::TempDir dir;
  const auto result = RunCommand({KB_INDEX_BIN, kBroken, dir / "index"});
  EXPECT_EQ(result.exit_code, 1);
  const std::string& e = result.err;
  auto has = [&](const std::string& line) {
    EXPECT_NE(e.find(kBroken + "/" + line + "\n"), std::string::npos)
        << "missing: " << line << "\nin:\n"
        << e;
  };
  has("bad-audience.md:3:11: front matter: 'audience' must be 'public' or 'internal', not "
      "'everyone'");
  has("wrong-type.md:3:7: front matter: 'tags' must be a list of strings");
  has("invalid-utf8.md:3:4: invalid UTF-8: save the file as UTF-8");
  has("no-title.md:4:1: article has no title: add 'title:' to the front matter or start the "
      "body with a '# Title' line");
  has("sub/duplicate-slug.md:3:1: duplicate slug 'good': " + kBroken +
      "/good.md already uses it; set a different 'slug:'");
  EXPECT_NE(e.find(kBroken + "/bad-yaml.md:3:1: front matter: "), std::string::npos) << e;
  EXPECT_NE(result.out.find("indexed 1 article (1 section), 6 failed, "), std::string::npos)
      << result.out;
}

TEST(KbIndexCliTest, ABrokenSynonymsFileIsReportedAndTheIndexKeepsTheLastGoodOne) {
  testing::TempDir dir;
  const std::string articles = dir / "articles";
  std::filesystem::copy(testing::FixtureArticlesDir(), articles,
                        std::filesystem::copy_options::recursive);
  ASSERT_EQ(RunCommand({KB_INDEX_BIN, articles, dir / "index"}).exit_code, 0);
  auto has_payback = [&] {
    auto db = index_layout::OpenGeneration(dir / "index",
                                           *index_layout::CurrentGeneration(dir / "index"));
    return db.ok() && db->synonyms_begin("payback") != db->synonyms_end("payback");
  };
  ASSERT_TRUE(has_payback());

  std::ofstream(articles + "/_synonyms.yaml") << "equivalent:\n  - [refund]\n";
  std::ofstream(articles + "/billing/new.md") << "# A new article\n\nStill indexed.\n";
  const auto result = RunCommand({KB_INDEX_BIN, articles, dir / "index"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, articles +
                            "/_synonyms.yaml:2:5: a group needs at least two entries; add "
                            "one or remove the group\n" +
                            articles +
                            "/_synonyms.yaml: the index keeps the previous version "
                            "of this file\n");
  EXPECT_NE(result.out.find("1 failed"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 added"), std::string::npos) << result.out;
  EXPECT_TRUE(has_payback());
}

TEST(KbIndexCliTest, UsageErrorsExitWith2) {
  EXPECT_EQ(RunCommand({KB_INDEX_BIN}).exit_code, 2);
  testing::TempDir dir;
  const auto missing = RunCommand({KB_INDEX_BIN, dir / "no-such-folder", dir / "index"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such-folder: not a readable folder of articles"),
            std::string::npos)
      << missing.err;
}

TEST(KbServerCliTest, HelpDocumentsEveryFlag) {
  const auto help = RunCommand({KB_SERVER_BIN, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--index", "--articles", "--host", "--port", "--threads",
                           "--keep-alive-timeout", "--reload-interval-ms", "--article-url",
                           "--webhook-url", "--webhook-secret-file", "--public-url"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
  EXPECT_NE(help.out.find("8080"), std::string::npos);  // defaults are shown
}

TEST(KbServerCliTest, UnusableFlagsFailBeforeBinding) {
  testing::TempDir dir;
  auto bad_port = RunCommand({KB_SERVER_BIN, "--index", dir.path(), "--port", "70000"});
  EXPECT_EQ(bad_port.exit_code, 2);
  EXPECT_NE(bad_port.err.find("--port"), std::string::npos) << bad_port.err;

  auto no_index = RunCommand({KB_SERVER_BIN, "--index", dir / "nothing"});
  EXPECT_EQ(no_index.exit_code, 2);
  EXPECT_NE(no_index.err.find("no index there; build it with 'kb-index"), std::string::npos)
      << no_index.err;

  auto bad_flag = RunCommand({KB_SERVER_BIN, "--index", dir.path(), "--colour", "blue"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_NE(bad_flag.err.find("kb-server --help"), std::string::npos) << bad_flag.err;
}

TEST(KbServerCliTest, BuildsTheIndexAtStartServesAndStopsCleanly) {
  testing::TempDir dir;
  // Its own data folder: the default (./data) is shared by every test that CTest runs at once.
  testing::Background server({KB_SERVER_BIN, "--index", dir / "index", "--articles",
                              testing::FixtureArticlesDir(), "--data", dir / "data", "--port",
                              "0"});
  ASSERT_TRUE(server.WaitForOutput("listening on", std::chrono::seconds(20)))
      << server.out() << server.err();
  const int port = ListeningPort(server.out());
  ASSERT_GT(port, 0) << server.out();
  EXPECT_NE(server.out().find("/api/search?q="), std::string::npos);  // it prints its URLs
  EXPECT_NE(server.err().find("indexed 10 articles"), std::string::npos) << server.err();

  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0) << server.err();
  EXPECT_NE(server.err().find("stopped"), std::string::npos);
}

TEST(KbServerCliTest, AWebhookNeedsAUsableUrlAndASecret) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir / name) << content;
    return dir / name;
  };
  const std::string secret = write("secret", "0123456789abcdef0123456789abcdef\n");
  auto run = [&](std::vector<std::string> flags) {
    std::vector<std::string> argv = {
        KB_SERVER_BIN, "--index", dir / "index", "--data", dir / "data", "--port", "0"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    return RunCommand(argv);
  };
  auto fails_saying = [&](std::vector<std::string> flags, const std::string& message) {
    const auto result = run(flags);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
    EXPECT_EQ(result.out.find("listening on"), std::string::npos);
  };
  fails_saying({"--webhook-url", "http://127.0.0.1:9/hooks"},
               "--webhook-url needs --webhook-secret-file FILE");
  fails_saying(
      {"--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret-file", dir / "missing"},
      "--webhook-secret-file " + dir / "missing" + ": cannot read it");
  fails_saying(
      {"--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret-file", write("empty", "\n")},
      ": the file is empty");
  fails_saying({"--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret-file",
                write("short", "hunter2\n")},
               "the secret is 7 bytes; use at least 16");
  fails_saying({"--webhook-secret-file", secret}, "--webhook-secret-file is only used with");
  fails_saying({"--webhook-url", "hooks.example.com", "--webhook-secret-file", secret},
               "--webhook-url hooks.example.com: give an http:// or https:// URL");
  fails_saying(
      {"--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret-file", secret, "--no-log"},
      "--webhook-url needs the log");
  fails_saying({"--public-url", "https://kb.example.com/help/"}, "--public-url");
}

TEST(KbServerCliTest, StartsWithAWebhookAndCountsItsAlerts) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  std::ofstream(dir / "secret") << "0123456789abcdef0123456789abcdef\n";
  testing::Background server({KB_SERVER_BIN, "--index", dir / "index", "--data", dir / "data",
                              "--port", "0", "--webhook-url",
                              "https://hooks.example.com/services/T0/B0/tokenpart",
                              "--webhook-secret-file", dir / "secret"});
  ASSERT_TRUE(server.WaitForOutput("listening on", std::chrono::seconds(10))) << server.err();
  // Only the webhook's origin is printed: its path may hold the receiver's token.
  EXPECT_NE(server.out().find("alerts:   emerging gaps to https://hooks.example.com:443\n"),
            std::string::npos)
      << server.out();
  EXPECT_EQ(server.out().find("tokenpart"), std::string::npos);
  httplib::Client client("127.0.0.1", ListeningPort(server.out()));
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("kb_gap_alerts{state=\"pending\"} 0\n"), std::string::npos)
      << metrics->body;
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0) << server.err();
}

TEST(KbServerCliTest, PortInUseIsAClearError) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  testing::Background first(
      {KB_SERVER_BIN, "--index", dir / "index", "--data", dir / "data", "--port", "0"});
  ASSERT_TRUE(first.WaitForOutput("listening on", std::chrono::seconds(10))) << first.err();
  const int port = ListeningPort(first.out());
  const auto second = RunCommand({KB_SERVER_BIN, "--index", dir / "index", "--data", dir / "data",
                                  "--port", std::to_string(port)});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << second.err;
  EXPECT_EQ(second.out.find("listening on"), std::string::npos);
}

}  // namespace
}  // namespace kb
