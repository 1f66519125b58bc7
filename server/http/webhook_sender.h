// Delivers the alerts about emerging gaps (server/insight/gap_alerts.h) from the log's outbox to
// a webhook: each pending alert is POSTed as JSON, signed with HMAC-SHA256, on a thread of its
// own; a failed attempt (no connection, a timeout, an answer other than 2xx) is retried with
// exponential backoff up to a number of attempts, then the alert is marked failed. Every attempt
// is saved in the log, so a restarted server resumes where it was.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/clock.h"
#include "core/status.h"
#include "server/insight/log_database.h"

namespace kb {

// The retries: 1 s after the first failure, then twice as long each time up to 10 minutes, 12
// attempts in all (the last about 27 minutes after the first): a webhook that is down for a
// deploy or a short outage still gets the alert, and one that is gone does not keep kb busy.
inline constexpr std::int64_t kWebhookFirstRetryMs = 1000;
inline constexpr std::int64_t kWebhookMaxRetryMs = 10 * 60 * 1000;
inline constexpr int kWebhookMaxAttempts = 12;
// Each attempt's connection, read and write timeout.
inline constexpr int kWebhookTimeoutS = 10;

struct WebhookUrl {
  std::string scheme;  // "http" or "https"
  std::string host;
  int port = 0;
  std::string path;  // with its query; "/" at least
  // scheme://host:port, as cpp-httplib's client takes it.
  std::string Origin() const;
};

// `url` as a webhook target, or what is wrong with it (an https URL included, when this build's
// cpp-httplib has no TLS).
Result<WebhookUrl> ParseWebhookUrl(const std::string& url);
// True when this build can POST to https URLs (cpp-httplib built with OpenSSL).
bool WebhookSupportsHttps();

// "sha256=" and the lower-case hex HMAC-SHA256, keyed by `secret`, of "<timestamp>.<body>": the
// X-Kb-Signature header of a delivery whose X-Kb-Timestamp is `timestamp_s`.
std::string WebhookSignature(std::string_view secret, std::int64_t timestamp_s,
                             std::string_view body);

struct WebhookOptions {
  std::string url;
  std::string secret;     // the HMAC key
  std::string admin_url;  // the /admin page each alert links to
  // How often the outbox is looked at when nothing wakes the sender.
  std::chrono::milliseconds poll_interval{1000};
  std::int64_t first_retry_ms = kWebhookFirstRetryMs;
  std::int64_t max_retry_ms = kWebhookMaxRetryMs;
  int max_attempts = kWebhookMaxAttempts;
  int timeout_s = kWebhookTimeoutS;
};

// The wait before the next attempt after `attempts` failed ones: first_retry_ms × 2^(attempts−1),
// at most max_retry_ms.
std::int64_t WebhookRetryDelayMs(int attempts, const WebhookOptions& options);

struct WebhookStats {
  std::uint64_t delivered = 0;        // attempts the webhook accepted, since start
  std::uint64_t failed_attempts = 0;  // attempts that failed, since start
  // The outbox, as of the sender's last pass.
  int pending = 0;
  int sent = 0;
  int failed = 0;  // given up on after max_attempts
};

class WebhookSender {
 public:
  // Checks the options (a URL it can reach, a secret) and starts delivering from the outbox of
  // the log at `log_path`, on its own connection.
  static Result<std::unique_ptr<WebhookSender>> Start(WebhookOptions options,
                                                      const std::string& log_path,
                                                      const Clock& clock);
  ~WebhookSender();  // stops (after the delivery in flight, if any) and joins
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Looks at the outbox now rather than at the next poll (new alerts were added).
  void Wake();
  // Delivers every alert that is due, on the caller's thread.
  Status DeliverDue();

  WebhookStats stats() const;

 private:
  WebhookSender(WebhookOptions options, WebhookUrl url, std::unique_ptr<LogDatabase> db,
                const Clock& clock);
  void Loop();
  Status Deliver(GapAlert& alert);
  Status CountOutbox();

  const WebhookOptions options_;
  const WebhookUrl url_;
  const Clock& clock_;
  std::mutex deliver_mutex_;         // one pass at a time; guards db_
  std::unique_ptr<LogDatabase> db_;  // the outbox

  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failed_attempts_{0};
  std::atomic<int> pending_{0};
  std::atomic<int> sent_{0};
  std::atomic<int> failed_{0};

  std::mutex mutex_;  // guards stopping_ and woken_
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace kb
