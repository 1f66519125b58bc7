#include "server/http/webhook_sender.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "server/http/json_views.h"

namespace kb {
namespace {

// How many due alerts one pass takes at most; the next pass takes the rest.
constexpr int kAlertsPerPass = 100;

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

Status BadUrl(const std::string& url, const std::string& why) {
  return Status::InvalidArgument("invalid_webhook_url", "--webhook-url " + url + ": " + why);
}

}  // namespace

std::string WebhookUrl::Origin() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool WebhookSupportsHttps() {
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  return true;
#else
  return false;
#endif
}

Result<WebhookUrl> ParseWebhookUrl(const std::string& url) {
  WebhookUrl parsed;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return BadUrl(url, "give an http:// or https:// URL, like https://hooks.example.com/kb");
  }
  parsed.scheme = url.substr(0, scheme_end);
  if (parsed.scheme != "http" && parsed.scheme != "https") {
    return BadUrl(url, "the scheme must be http or https");
  }
  if (parsed.scheme == "https" && !WebhookSupportsHttps()) {
    return BadUrl(url,
                  "this kb-server's cpp-httplib was built without OpenSSL, so it cannot POST to "
                  "https; use an http:// URL (a relay on the same machine) or a cpp-httplib "
                  "built with CPPHTTPLIB_OPENSSL_SUPPORT");
  }
  const std::size_t authority_start = scheme_end + 3;
  const std::size_t path_start = url.find_first_of("/?#", authority_start);
  const std::string authority = url.substr(authority_start, path_start - authority_start);
  if (authority.find('@') != std::string::npos) {
    return BadUrl(url, "credentials in the URL are not supported; the signature authenticates kb");
  }
  std::string port;
  if (!authority.empty() && authority[0] == '[') {  // [IPv6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) return BadUrl(url, "an IPv6 address needs its closing ']'");
    parsed.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return BadUrl(url, "unexpected text after ']'");
      port = authority.substr(close + 2);
      if (port.empty()) return BadUrl(url, "the port is empty");
    }
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string::npos) {
    parsed.host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return BadUrl(url, "the port is empty");
  } else {
    parsed.host = authority;
  }
  if (parsed.host.empty()) return BadUrl(url, "the host is missing");
  if (!port.empty()) {
    if (!AllDigits(port) || port.size() > 5 || std::stoi(port) < 1 || std::stoi(port) > 65535) {
      return BadUrl(url, "the port must be a number in 1..65535");
    }
    parsed.port = std::stoi(port);
  } else {
    parsed.port = parsed.scheme == "https" ? 443 : 80;
  }
  parsed.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (parsed.path.find('#') != std::string::npos) {
    return BadUrl(url, "a fragment (#...) means nothing to a webhook; remove it");
  }
  if (parsed.path[0] == '?') parsed.path = "/" + parsed.path;
  if (parsed.path.find_first_of(" \t\r\n") != std::string::npos) {
    return BadUrl(url, "the URL holds whitespace; percent-encode it");
  }
  return parsed;
}

std::string WebhookSignature(std::string_view secret, std::int64_t timestamp_s,
                             std::string_view body) {
  const std::string message = std::to_string(timestamp_s) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string signature = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    signature += kHex[mac[i] >> 4];
    signature += kHex[mac[i] & 0xf];
  }
  return signature;
}

std::int64_t WebhookRetryDelayMs(int attempts, const WebhookOptions& options) {
  std::int64_t delay = options.first_retry_ms;
  for (int i = 1; i < attempts && delay < options.max_retry_ms; ++i) delay *= 2;
  return std::min(delay, options.max_retry_ms);
}

Result<std::unique_ptr<WebhookSender>> WebhookSender::Start(WebhookOptions options,
                                                            const std::string& log_path,
                                                            const Clock& clock) {
  auto url = ParseWebhookUrl(options.url);
  if (!url.ok()) return url.status();
  if (options.secret.empty()) {
    return Status::InvalidArgument("missing_webhook_secret",
                                   "a webhook needs a secret to sign its deliveries with: pass "
                                   "--webhook-secret-file FILE");
  }
  auto db = LogDatabase::Open(log_path);
  if (!db.ok()) return db.status();
  std::unique_ptr<WebhookSender> sender(
      new WebhookSender(std::move(options), std::move(*url), std::move(*db), clock));
  if (Status s = sender->CountOutbox(); !s.ok()) return s;
  sender->thread_ = std::thread([raw = sender.get()] { raw->Loop(); });
  return sender;
}

WebhookSender::WebhookSender(WebhookOptions options, WebhookUrl url,
                             std::unique_ptr<LogDatabase> db, const Clock& clock)
    : options_(std::move(options)), url_(std::move(url)), clock_(clock), db_(std::move(db)) {}

WebhookSender::~WebhookSender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookSender::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

WebhookStats WebhookSender::stats() const {
  WebhookStats stats;
  stats.delivered = delivered_.load();
  stats.failed_attempts = failed_attempts_.load();
  stats.pending = pending_.load();
  stats.sent = sent_.load();
  stats.failed = failed_.load();
  return stats;
}

void WebhookSender::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (Status s = DeliverDue(); !s.ok())
      std::cerr << "kb-server: webhook: " << s.message() << "\n";
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

Status WebhookSender::DeliverDue() {
  std::lock_guard<std::mutex> one_at_a_time(deliver_mutex_);
  auto due = db_->DueGapAlerts(clock_.NowMs(), kAlertsPerPass);
  if (!due.ok()) return due.status();
  for (GapAlert& alert : *due) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) break;
    }
    if (Status s = Deliver(alert); !s.ok()) return s;
    if (Status s = CountOutbox(); !s.ok()) return s;  // /metrics follows each delivery
  }
  return CountOutbox();
}

Status WebhookSender::CountOutbox() {
  auto counts = db_->CountGapAlerts();
  if (!counts.ok()) return counts.status();
  pending_ = (*counts)[AlertState::kPending];
  sent_ = (*counts)[AlertState::kSent];
  failed_ = (*counts)[AlertState::kFailed];
  return Status::Ok();
}

Status WebhookSender::Deliver(GapAlert& alert) {
  // The body is the same on every attempt; the timestamp, and so the signature, are not, so a
  // receiver can refuse an old delivery replayed at it.
  const std::string body = Dump(GapAlertJson(alert, options_.admin_url));
  const std::int64_t timestamp_s = clock_.NowMs() / 1000;
  httplib::Client client(url_.Origin());
  client.set_connection_timeout(options_.timeout_s, 0);
  client.set_read_timeout(options_.timeout_s, 0);
  client.set_write_timeout(options_.timeout_s, 0);
  const httplib::Headers headers = {
      {"X-Kb-Timestamp", std::to_string(timestamp_s)},
      {"X-Kb-Signature", WebhookSignature(options_.secret, timestamp_s, body)},
      {"User-Agent", "kb-server"},
  };
  const httplib::Result result = client.Post(url_.path, headers, body, "application/json");

  ++alert.attempts;
  std::string error;
  if (!result) {
    error = "no answer from " + url_.Origin() + ": " + httplib::to_string(result.error());
  } else if (result->status < 200 || result->status > 299) {
    error = "the webhook answered HTTP " + std::to_string(result->status);
  }
  if (error.empty()) {
    alert.state = AlertState::kSent;
    alert.sent_ms = clock_.NowMs();
    alert.last_error.clear();
    ++delivered_;
  } else {
    ++failed_attempts_;
    alert.last_error = error;
    if (alert.attempts >= options_.max_attempts) {
      alert.state = AlertState::kFailed;
      std::cerr << "kb-server: webhook: gave up on the alert for gap " << alert.gap_id << " after "
                << alert.attempts << " attempts: " << error << "\n";
    } else {
      alert.next_attempt_ms = clock_.NowMs() + WebhookRetryDelayMs(alert.attempts, options_);
    }
  }
  return db_->UpdateGapAlertDelivery(alert);
}

}  // namespace kb
