// Times as kb prints them: ISO 8601, UTC, to the second.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace kb {

// "2026-09-14T10:30:00Z" for `ms` milliseconds since the Unix epoch; "" for 0 (never).
inline std::string FormatIsoTime(std::int64_t ms) {
  if (ms == 0) return "";
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace kb
