// What the search log keeps when kb-server stops: everything on a clean stop (SIGTERM), and
// everything but the last fraction of a second of searches on a crash (SIGKILL), with every
// acknowledged event and an intact database either way.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "tests/support/fixture_index.h"
#include "tests/support/process.h"

namespace kb {
namespace {

using Clock = std::chrono::steady_clock;

class ServerProcess {
 public:
  explicit ServerProcess(const testing::TempDir& dir)
      : process_({KB_SERVER_BIN, "--index", dir / "index", "--data", dir / "data", "--port", "0"}) {
    EXPECT_TRUE(process_.WaitForOutput("listening on", std::chrono::seconds(10))) << process_.err();
    std::smatch match;
    const std::string out = process_.out();
    if (std::regex_search(out, match, std::regex("listening on http://127\\.0\\.0\\.1:([0-9]+)"))) {
      port_ = std::stoi(match[1]);
    }
  }
  int port() const { return port_; }
  testing::Background& process() { return process_; }

 private:
  testing::Background process_;
  int port_ = -1;
};

std::set<std::string> Column(const std::string& db_path, const std::string& sql) {
  std::set<std::string> values;
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    values.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return values;
}

TEST(LogDurabilityTest, CleanStopLosesNothing) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  ServerProcess server(dir);
  httplib::Client client("127.0.0.1", server.port());
  std::set<std::string> ids;
  for (int i = 0; i < 300; ++i) {
    auto res = client.Get("/api/search?q=refund&session=s" + std::to_string(i));
    ASSERT_TRUE(res && res->status == 200);
    ids.insert(nlohmann::json::parse(res->body)["search_id"]);
  }
  server.process().Signal(SIGTERM);
  EXPECT_EQ(server.process().Wait(), 0) << server.process().err();
  EXPECT_NE(server.process().err().find("300 searches logged, 0 dropped"), std::string::npos)
      << server.process().err();
  EXPECT_EQ(Column(dir / "data/kb-log.sqlite", "SELECT id FROM searches"), ids);
}

TEST(LogDurabilityTest, CrashKeepsTheDatabaseIntactAndLosesOnlyTheLastMoment) {
  testing::TempDir dir;
  testing::BuildFixtureIndex(dir / "index");
  ServerProcess server(dir);
  // Before the clients start: cpp-httplib builds a static on a client's first request, which
  // ThreadSanitizer cannot see it do (tests/tsan.supp).
  ASSERT_TRUE(httplib::Client("127.0.0.1", server.port()).Get("/healthz"));

  std::mutex mutex;
  std::vector<std::pair<Clock::time_point, std::string>> answered;  // when, search id
  std::set<std::string> acknowledged_events;                        // search ids
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 2; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(2);
      for (int i = 0; !stop; ++i) {
        auto res = client.Get("/api/search?q=refund+policy&session=c" + std::to_string(t) + "x" +
                              std::to_string(i));
        if (!res || res->status != 200) continue;
        const std::string id = nlohmann::json::parse(res->body)["search_id"];
        {
          std::lock_guard<std::mutex> lock(mutex);
          answered.emplace_back(Clock::now(), id);
        }
        if (i % 20 == 0) {
          const nlohmann::json event = {{"type", "click"}, {"search_id", id}, {"slug", "refunds"}};
          auto ack = client.Post("/api/events", event.dump(), "application/json");
          if (ack && ack->status == 201) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged_events.insert(id);
          }
        }
      }
    });
  }
  // At least 1.5 s of searches, and more than 50 answered however slow the build (ThreadSanitizer).
  const auto started = Clock::now();
  auto answered_count = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    return answered.size();
  };
  while (Clock::now() - started < std::chrono::milliseconds(1500) ||
         (answered_count() <= 50 && Clock::now() - started < std::chrono::seconds(30))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto killed_at = Clock::now();
  server.process().Signal(SIGKILL);
  server.process().Wait();
  stop = true;
  for (auto& c : clients) c.join();

  const std::string path = dir / "data/kb-log.sqlite";
  EXPECT_EQ(Column(path, "PRAGMA integrity_check"), std::set<std::string>{"ok"});
  const auto stored = Column(path, "SELECT id FROM searches");
  const auto events = Column(path, "SELECT search_id FROM events");
  ASSERT_GT(answered.size(), 50u);
  int lost_old = 0;
  int lost_recent = 0;
  for (const auto& [when, id] : answered) {
    if (stored.count(id)) continue;
    (killed_at - when > std::chrono::milliseconds(900) ? lost_old : lost_recent)++;
  }
  std::cout << answered.size() << " searches answered, " << stored.size() << " on disk, "
            << lost_recent << " of the last 0.9 s lost, " << acknowledged_events.size()
            << " events acknowledged\n";
  EXPECT_EQ(lost_old, 0) << "searches answered more than 0.9 s before the crash were lost";
  for (const std::string& id : acknowledged_events) {
    EXPECT_TRUE(events.count(id)) << "acknowledged event for " << id << " was lost";
  }
}

}  // namespace
}  // namespace kb
