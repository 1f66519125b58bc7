// GET /metrics: kb-server's counters in the Prometheus text format, for a scraper or a person
// with curl. The one place that text is made.
#pragma once

#include <string>

#include "server/http/webhook_sender.h"
#include "server/insight/search_log.h"

namespace kb {

// The log's counters (null: --no-log) and the webhook's (null: no --webhook-url).
std::string MetricsText(const SearchLogStats* log, const WebhookStats* webhook);

}  // namespace kb
