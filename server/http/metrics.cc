#include "server/http/metrics.h"

namespace kb {
namespace {

void Metric(std::string& out, const std::string& name, const std::string& type,
            const std::string& help) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

template <typename Number>
void Sample(std::string& out, const std::string& name, const std::string& labels, Number value) {
  out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
}

}  // namespace

std::string MetricsText(const SearchLogStats* log, const WebhookStats* webhook) {
  std::string out;
  if (log) {
    Metric(out, "kb_log_searches_written_total", "counter", "Searches written to the log.");
    Sample(out, "kb_log_searches_written_total", "", log->written);
    Metric(out, "kb_log_searches_dropped_total", "counter",
           "Searches not logged because the queue was full.");
    Sample(out, "kb_log_searches_dropped_total", "", log->dropped);
    Metric(out, "kb_log_searches_queued", "gauge", "Searches waiting to be written.");
    Sample(out, "kb_log_searches_queued", "", log->queued);
  }
  if (webhook) {
    Metric(out, "kb_gap_alerts", "gauge",
           "Alerts about emerging gaps in the outbox, by state (failed: given up after the last "
           "attempt).");
    Sample(out, "kb_gap_alerts", "state=\"pending\"", webhook->pending);
    Sample(out, "kb_gap_alerts", "state=\"sent\"", webhook->sent);
    Sample(out, "kb_gap_alerts", "state=\"failed\"", webhook->failed);
    Metric(out, "kb_webhook_attempts_total", "counter",
           "Webhook deliveries attempted since the server started, by outcome.");
    Sample(out, "kb_webhook_attempts_total", "outcome=\"delivered\"", webhook->delivered);
    Sample(out, "kb_webhook_attempts_total", "outcome=\"failed\"", webhook->failed_attempts);
  }
  return out;
}

}  // namespace kb
