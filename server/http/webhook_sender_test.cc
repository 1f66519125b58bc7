#include "server/http/webhook_sender.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/http/metrics.h"
#include "server/insight/gap_alerts.h"
#include "server/search/live_index.h"
#include "tests/support/fixture_index.h"

namespace kb {
namespace {

using nlohmann::json;

const std::string kSecret = "kb-test-secret-0123456789";
// 2026-09-21 14:00 UTC.
constexpr std::int64_t kHour14 = 1789999200000;

// The test's own check of a delivery's signature, with nothing of the sender's code.
std::string ExpectedSignature(const std::string& timestamp, const std::string& body) {
  const std::string message = timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecret.data(), static_cast<int>(kSecret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", mac[i]);
    hex += byte;
  }
  return "sha256=" + hex;
}

// Waits, in real time, for `done`: the sender works on its own thread.
bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

// A webhook receiver on a free loopback port, answering each delivery as `answer` says for its
// attempt (1, 2, ...): 200, 500, or 0 to drop the connection before the answer is complete.
class Receiver {
 public:
  explicit Receiver(std::function<int(int attempt)> answer) : answer_(std::move(answer)) {
    server_.Post("/hooks/kb", [this](const httplib::Request& req, httplib::Response& res) {
      int attempt;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(req);
        attempt = static_cast<int>(requests_.size());
      }
      const int status = answer_(attempt);
      if (status == 0) {
        // Promises a body and closes the connection without sending it.
        res.set_content_provider(
            64, "application/json",
            [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
        return;
      }
      res.status = status;
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/kb"; }
  std::vector<httplib::Request> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t count() { return requests().size(); }

 private:
  std::function<int(int)> answer_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<httplib::Request> requests_;
};

// A loopback port on which nothing listens: bound to learn a free one, closed without listening.
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

class WebhookSenderTest : public ::testing::Test {
 protected:
  void SetUp() override { log_ = std::move(LogDatabase::Open(path_)).value(); }

  WebhookOptions Options(const std::string& url) {
    WebhookOptions options;
    options.url = url;
    options.secret = kSecret;
    options.admin_url = "https://kb.example.com/admin";
    options.poll_interval = std::chrono::milliseconds(10);
    options.timeout_s = 5;
    return options;
  }
  std::unique_ptr<WebhookSender> Start(const WebhookOptions& options) {
    auto sender = WebhookSender::Start(options, path_, clock_);
    EXPECT_TRUE(sender.ok()) << sender.status().message();
    return sender.ok() ? std::move(*sender) : nullptr;
  }
  // An alert in the outbox, as the watcher adds it.
  void AddAlert(const std::string& gap_id = "00000000000000aa") {
    GapAlert alert;
    alert.gap_id = gap_id;
    alert.period = AlertPeriod(kHour14);
    alert.created_ms = clock_.NowMs();
    alert.representative = "zither strings";
    alert.examples = {"zither strings", "zither string"};
    alert.searches = 23;
    alert.sessions = 9;
    alert.window = EmergingWindow::kHour;
    alert.emerging_since_ms = kHour14;
    alert.recent_misses = 23;
    alert.baseline_rate = 0.5;
    auto added = log_->AddGapAlert(alert, 0);
    ASSERT_TRUE(added.ok() && *added);
  }
  GapAlert Stored() {
    auto alerts = log_->GapAlerts();
    EXPECT_TRUE(alerts.ok() && alerts->size() == 1u);
    return alerts.ok() && !alerts->empty() ? alerts->front() : GapAlert{};
  }
  bool StoredState(AlertState state, int attempts) {
    const GapAlert a = Stored();
    return a.state == state && a.attempts == attempts;
  }

  testing::TempDir dir_;
  const std::string path_ = dir_ / "log.sqlite";
  FakeClock clock_{kHour14 + 20 * 60 * 1000};
  std::unique_ptr<LogDatabase> log_;
};

TEST(WebhookSignatureTest, IsTheHexHmacSha256OfTimestampDotBody) {
  // As `printf '%s' '1790000000.{"alert_id":1}' | openssl dgst -sha256 -hmac SECRET` prints it.
  EXPECT_EQ(WebhookSignature(kSecret, 1790000000, R"({"alert_id":1})"),
            "sha256=a420cd01ca57fa92560ba26ddf45e6c0f615c02e44142a5d9607a9cb06377c6b");
  EXPECT_EQ(WebhookSignature(kSecret, 1790000000, R"({"alert_id":1})"),
            ExpectedSignature("1790000000", R"({"alert_id":1})"));
}

TEST(WebhookRetryTest, DelaysDoubleFromOneSecondUpToTheCap) {
  const WebhookOptions options;
  EXPECT_EQ(WebhookRetryDelayMs(1, options), 1000);
  EXPECT_EQ(WebhookRetryDelayMs(2, options), 2000);
  EXPECT_EQ(WebhookRetryDelayMs(3, options), 4000);
  EXPECT_EQ(WebhookRetryDelayMs(10, options), 512000);
  EXPECT_EQ(WebhookRetryDelayMs(11, options), 600000);
  EXPECT_EQ(WebhookRetryDelayMs(40, options), 600000);
  std::int64_t total = 0;
  for (int failed = 1; failed < options.max_attempts; ++failed) {
    total += WebhookRetryDelayMs(failed, options);
  }
  EXPECT_EQ(total, 1623000);  // the last attempt about 27 minutes after the first
}

TEST(WebhookUrlTest, TakesHttpAndHttpsUrlsAndSaysWhatIsWrongWithOthers) {
  auto plain = ParseWebhookUrl("http://127.0.0.1:9000/hooks/kb?team=docs");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->Origin(), "http://127.0.0.1:9000");
  EXPECT_EQ(plain->path, "/hooks/kb?team=docs");
  auto bare = ParseWebhookUrl("http://hooks.example.com");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->port, 80);
  EXPECT_EQ(bare->path, "/");
  auto v6 = ParseWebhookUrl("http://[::1]:8081/x");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->Origin(), "http://[::1]:8081");
  // Debian's cpp-httplib is built with OpenSSL, so https works.
  ASSERT_TRUE(WebhookSupportsHttps());
  auto tls = ParseWebhookUrl("https://hooks.example.com/kb");
  ASSERT_TRUE(tls.ok());
  EXPECT_EQ(tls->port, 443);

  for (const std::string bad :
       {"hooks.example.com/kb", "ftp://hooks.example.com/", "http://", "http://:80/",
        "http://host:0/", "http://host:99999/", "http://host:port/", "http://user:pw@host/",
        "http://host/#x", "http://[::1/"}) {
    auto parsed = ParseWebhookUrl(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().message().rfind("--webhook-url " + bad + ": ", 0), 0u)
        << parsed.status().message();
  }
}

TEST_F(WebhookSenderTest, RefusesToStartWithoutASecretOrAUsableUrl) {
  WebhookOptions no_secret = Options("http://127.0.0.1:9/");
  no_secret.secret.clear();
  auto refused = WebhookSender::Start(no_secret, path_, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--webhook-secret-file"), std::string::npos);
  EXPECT_FALSE(WebhookSender::Start(Options("mailto:docs@example.com"), path_, clock_).ok());
}

TEST_F(WebhookSenderTest, DeliversASignedAlert) {
  Receiver receiver([](int) { return 200; });
  AddAlert();
  auto sender = Start(Options(receiver.url()));
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kSent, 1); }));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  const httplib::Request& req = requests[0];
  EXPECT_EQ(req.get_header_value("Content-Type"), "application/json");
  const std::string timestamp = req.get_header_value("X-Kb-Timestamp");
  EXPECT_EQ(timestamp, std::to_string(clock_.NowMs() / 1000));
  EXPECT_EQ(req.get_header_value("X-Kb-Signature"), ExpectedSignature(timestamp, req.body));

  const json body = json::parse(req.body);
  EXPECT_EQ(body["type"], "emerging_gap");
  EXPECT_EQ(body["alert_id"], Stored().id);
  EXPECT_EQ(body["gap_id"], "00000000000000aa");
  EXPECT_EQ(body["period"], "2026-09-21");
  EXPECT_EQ(body["representative"], "zither strings");
  EXPECT_EQ(body["examples"], json::array({"zither strings", "zither string"}));
  EXPECT_EQ(body["window"], "hour");
  EXPECT_EQ(body["emerging_since"], "2026-09-21T14:00:00Z");
  EXPECT_EQ(body["recent_misses"], 23);
  EXPECT_EQ(body["baseline_rate"], 0.5);
  EXPECT_EQ(body["sessions"], 9);
  EXPECT_EQ(body["text"],
            "\"zither strings\" is emerging since 2026-09-21 14:00 UTC: 23 misses in the last hour "
            "against 0.5/hour before");
  EXPECT_EQ(body["admin_url"], "https://kb.example.com/admin");
  EXPECT_EQ(Stored().sent_ms, clock_.NowMs());
  // The counts follow the outbox once the sender has saved the delivery.
  EXPECT_TRUE(Eventually([&] { return sender->stats().sent == 1; }));
  EXPECT_EQ(sender->stats().delivered, 1u);
  EXPECT_EQ(sender->stats().pending, 0);
}

TEST_F(WebhookSenderTest, RetriesAfterA500AndADroppedConnectionThenDeliversOnce) {
  // The first attempt gets a 500, the second a connection closed mid-answer, the third a 200.
  Receiver receiver([](int attempt) { return attempt == 1 ? 500 : attempt == 2 ? 0 : 200; });
  AddAlert();
  auto sender = Start(Options(receiver.url()));

  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 1); }));
  EXPECT_EQ(Stored().last_error, "the webhook answered HTTP 500");
  EXPECT_EQ(Stored().next_attempt_ms, clock_.NowMs() + 1000);
  // Nothing is tried again before the backoff has passed.
  ASSERT_TRUE(sender->DeliverDue().ok());
  EXPECT_EQ(receiver.count(), 1u);

  clock_.Advance(1000);
  sender->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 2); }));
  EXPECT_NE(Stored().last_error.find("no answer from http://127.0.0.1:"), std::string::npos)
      << Stored().last_error;
  EXPECT_EQ(Stored().next_attempt_ms, clock_.NowMs() + 2000);  // twice as long

  clock_.Advance(2000);
  sender->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kSent, 3); }));
  EXPECT_EQ(Stored().last_error, "");

  // Delivered once: no attempt after the 200, however long one waits.
  clock_.Advance(kDayMs);
  ASSERT_TRUE(sender->DeliverDue().ok());
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  // Every attempt was signed, each with its own timestamp, over the same body.
  for (const httplib::Request& req : requests) {
    EXPECT_EQ(req.get_header_value("X-Kb-Signature"),
              ExpectedSignature(req.get_header_value("X-Kb-Timestamp"), req.body));
    EXPECT_EQ(req.body, requests[0].body);
  }
  EXPECT_NE(requests[0].get_header_value("X-Kb-Timestamp"),
            requests[2].get_header_value("X-Kb-Timestamp"));
  const WebhookStats stats = sender->stats();
  EXPECT_EQ(stats.delivered, 1u);
  EXPECT_EQ(stats.failed_attempts, 2u);
  EXPECT_EQ(stats.pending, 0);
  EXPECT_EQ(stats.sent, 1);
}

TEST_F(WebhookSenderTest, GivesUpAfterTheLastAttemptAndSaysSoInTheMetrics) {
  Receiver receiver([](int) { return 503; });
  AddAlert();
  WebhookOptions options = Options(receiver.url());
  options.max_attempts = 3;
  auto sender = Start(options);
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 1); }));
  clock_.Advance(1000);
  sender->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 2); }));
  clock_.Advance(2000);
  sender->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kFailed, 3); }));
  clock_.Advance(kDayMs);
  ASSERT_TRUE(sender->DeliverDue().ok());
  EXPECT_EQ(receiver.count(), 3u);

  const WebhookStats stats = sender->stats();
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(stats.failed_attempts, 3u);
  const std::string metrics = MetricsText(nullptr, &stats);
  EXPECT_NE(metrics.find("kb_gap_alerts{state=\"failed\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kb_gap_alerts{state=\"pending\"} 0\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kb_webhook_attempts_total{outcome=\"failed\"} 3\n"), std::string::npos)
      << metrics;
}

TEST_F(WebhookSenderTest, ARefusedConnectionIsRetried) {
  AddAlert();
  auto sender = Start(Options("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/hooks/kb"));
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 1); }));
  EXPECT_NE(Stored().last_error.find("no answer"), std::string::npos) << Stored().last_error;
  EXPECT_EQ(Stored().next_attempt_ms, clock_.NowMs() + 1000);
  EXPECT_EQ(sender->stats().pending, 1);
}

TEST_F(WebhookSenderTest, AReceiverThatTakesTooLongIsRetried) {
  Receiver slow([](int attempt) {
    if (attempt == 1) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return 200;
  });
  AddAlert();
  WebhookOptions options = Options(slow.url());
  options.timeout_s = 1;
  auto sender = Start(options);
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 1); }));
  EXPECT_NE(Stored().last_error.find("no answer"), std::string::npos) << Stored().last_error;
  clock_.Advance(1000);
  sender->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kSent, 2); }));
}

TEST_F(WebhookSenderTest, ARestartedSenderResumesWhereTheLastOneStopped) {
  AddAlert();
  {
    Receiver down([](int) { return 502; });
    auto sender = Start(Options(down.url()));
    ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kPending, 1); }));
  }  // the server stops, its receiver too

  Receiver up([](int) { return 204; });
  clock_.Advance(500);
  auto restarted = Start(Options(up.url()));
  ASSERT_TRUE(restarted->DeliverDue().ok());
  EXPECT_EQ(up.count(), 0u);  // the backoff is kept across the restart
  clock_.Advance(500);
  restarted->Wake();
  ASSERT_TRUE(Eventually([&] { return StoredState(AlertState::kSent, 2); }));
  EXPECT_EQ(up.count(), 1u);
}

// The whole way: searches in the log, the watcher seeing a gap emerge, the sender delivering it.
class EmergingGapWebhookTest : public WebhookSenderTest {
 protected:
  static void SetUpTestSuite() {
    index_dir_ = new testing::TempDir();
    testing::BuildFixtureIndex(index_dir_->path());
    index_ = LiveIndex::Open(index_dir_->path())->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete index_dir_;
  }

  void Search(const std::string& query, const std::string& session, std::int64_t time_ms) {
    StoredSearch s;
    char id[17];
    std::snprintf(id, sizeof id, "%016x", ++next_id_);
    s.id = id;
    s.time_ms = time_ms;
    s.session = session;
    s.query = query;
    s.language = "en";
    ASSERT_TRUE(log_->InsertSearch(s).ok());
  }
  // Six people find nothing for the same new thing, now.
  void Surge(const std::string& tag) {
    for (int i = 0; i < 6; ++i) Search("zither strings", tag + std::to_string(i), clock_.NowMs());
  }

  static testing::TempDir* index_dir_;
  static LiveIndex* index_;
  int next_id_ = 0;
};
testing::TempDir* EmergingGapWebhookTest::index_dir_ = nullptr;
LiveIndex* EmergingGapWebhookTest::index_ = nullptr;

TEST_F(EmergingGapWebhookTest, AnEmergingGapIsDeliveredOncePerPeriod) {
  Search("kb was already recording", "z", clock_.NowMs() - 10 * kDayMs);
  Receiver receiver([](int) { return 200; });
  auto sender = Start(Options(receiver.url()));
  GapAlertWatcher watcher(*index_, path_, clock_, /*min_sessions=*/2, std::chrono::hours(1),
                          [&] { sender->Wake(); });
  EXPECT_EQ(watcher.Check().value(), 0);  // nothing is emerging yet

  Surge("a");
  EXPECT_EQ(watcher.Check().value(), 1);
  ASSERT_TRUE(Eventually([&] { return receiver.count() == 1u; }));
  const json first = json::parse(receiver.requests()[0].body);
  EXPECT_EQ(first["representative"], "zither strings");
  EXPECT_EQ(first["window"], "hour");
  EXPECT_EQ(first["emerging_since"], "2026-09-21T14:00:00Z");
  EXPECT_EQ(first["recent_misses"], 6);
  EXPECT_EQ(first["baseline_rate"], 0);

  // The next passes see the same surge: no second alert.
  clock_.Advance(60000);
  EXPECT_EQ(watcher.Check().value(), 0);
  Surge("b");
  clock_.Advance(60000);
  EXPECT_EQ(watcher.Check().value(), 0);
  ASSERT_TRUE(sender->DeliverDue().ok());
  EXPECT_EQ(receiver.count(), 1u);

  // Two days on, a new surge of the same gap is a new period.
  clock_.Advance(2 * kDayMs);
  Surge("c");
  EXPECT_EQ(watcher.Check().value(), 1);
  ASSERT_TRUE(Eventually([&] { return receiver.count() == 2u; }));
  const json second = json::parse(receiver.requests()[1].body);
  EXPECT_EQ(second["gap_id"], first["gap_id"]);
  EXPECT_EQ(second["period"], "2026-09-23");
  EXPECT_NE(second["alert_id"], first["alert_id"]);
}

}  // namespace
}  // namespace kb
