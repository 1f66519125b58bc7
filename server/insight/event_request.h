// What a client may send to POST /api/events, validated.
#pragma once

#include <string_view>

#include "core/status.h"
#include "server/insight/log_database.h"

namespace kb {

inline constexpr std::size_t kMaxEventBodyBytes = 4096;
inline constexpr std::size_t kMaxReasonBytes = 500;

// Parses `{"type": "click"|"helpful"|"not_helpful"|"contact", "search_id": "...", "slug": "...",
// "session": "...", "reason": "..."}`. `type` is required; `search_id` too for click, while
// helpful, not_helpful and contact may come without one (feedback on an article page reached
// without a search); `slug` is required for every type but contact. Unknown fields are ignored.
// Fails with kInvalidArgument saying what to fix.
Result<StoredEvent> ParseEventRequest(std::string_view body);

// True for an id as /api/search hands them out: 16 lower-case hex digits.
bool IsValidSearchId(std::string_view id);

}  // namespace kb
