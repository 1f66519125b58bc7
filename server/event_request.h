// What a client may send to POST /api/events, validated.
#pragma once

#include <string_view>

#include "core/status.h"
#include "server/log_database.h"

namespace kb {

inline constexpr std::size_t kMaxEventBodyBytes = 4096;
inline constexpr std::size_t kMaxReasonBytes = 500;

// Parses `{"type": "click"|"helpful"|"not_helpful"|"contact", "search_id": "...", "slug": "...",
// "session": "...", "reason": "..."}`. `type` and `search_id` are required, `slug` too for every
// type but contact; unknown fields are ignored. Fails with kInvalidArgument saying what to fix.
Result<StoredEvent> ParseEventRequest(std::string_view body);

// True for an id as /api/search hands them out: 16 lower-case hex digits.
bool IsValidSearchId(std::string_view id);

}  // namespace kb
