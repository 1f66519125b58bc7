#include "server/insight/event_request.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "core/slug.h"
#include "core/utf8.h"
#include "server/insight/log_values.h"
#include "server/search/search_request.h"

namespace kb {
namespace {

Status Invalid(const std::string& reason, const std::string& message) {
  return Status::InvalidArgument(reason, message);
}

// Reads optional string field `name` into `out`; fails when it is not a string.
Status StringField(const nlohmann::json& body, const char* name, std::string& out) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_string())
    return Invalid("invalid_" + std::string(name), std::string("'") + name + "' must be a string");
  out = it->get<std::string>();
  return Status::Ok();
}

}  // namespace

bool IsValidSearchId(std::string_view id) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<StoredEvent> ParseEventRequest(std::string_view text) {
  if (text.size() > kMaxEventBodyBytes) {
    return Status::TooLarge("body_too_large", "the event is " + std::to_string(text.size()) +
                                                  " bytes; the limit is " +
                                                  std::to_string(kMaxEventBodyBytes));
  }
  if (!IsValidUtf8(text)) return Invalid("invalid_utf8", "the body is not valid UTF-8");
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return Invalid("invalid_json",
                   "the body must be a JSON object like {\"type\":\"click\",\"search_id\":\"…\","
                   "\"slug\":\"…\"}");
  }
  StoredEvent event;
  std::string type;
  for (const auto& [name, field] : {std::pair{"type", &type},
                                    {"search_id", &event.search_id},
                                    {"slug", &event.slug},
                                    {"session", &event.session},
                                    {"reason", &event.reason}}) {
    if (Status s = StringField(body, name, *field); !s.ok()) return s;
  }
  const std::optional<EventType> parsed = ParseEventType(type);
  if (!parsed) {
    return Invalid("invalid_type", "'type' must be one of " + SpellingList(kEventTypes, ", ") +
                                       ", not '" + type.substr(0, 40) + "'");
  }
  event.type = *parsed;
  // Feedback can come from an article page reached without a search; a click is always on a
  // result.
  const bool search_optional = event.type != EventType::kClick;
  if (!(search_optional && event.search_id.empty()) && !IsValidSearchId(event.search_id)) {
    return Invalid("invalid_search_id",
                   "'search_id' must be the search_id of a search (16 hex digits)");
  }
  if (event.type != EventType::kContact && event.slug.empty()) {
    return Invalid("missing_slug", "'slug' is required for a " + type + " event");
  }
  if (!event.slug.empty() && !IsValidArticleSlug(event.slug)) {
    return Invalid("invalid_slug", "'slug' is not an article slug");
  }
  if (!event.session.empty() && !IsValidSessionId(event.session)) {
    return Invalid("invalid_session",
                   "'session' must be 1-64 characters of A-Z, a-z, 0-9, '-', '_'");
  }
  if (event.reason.size() > kMaxReasonBytes) {
    return Invalid("reason_too_long",
                   "'reason' is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
  }
  return event;
}

}  // namespace kb
