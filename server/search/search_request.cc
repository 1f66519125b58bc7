#include "server/search/search_request.h"

#include <charconv>

#include "core/ascii_text.h"
#include "core/language.h"
#include "core/utf8.h"

namespace kb {
namespace {

// The single value of `name`, or nullopt. Fails when the parameter is repeated.
Result<std::optional<std::string>> Single(const QueryParams& params, const std::string& name) {
  auto [first, last] = params.equal_range(name);
  if (first == last) return std::optional<std::string>();
  if (std::next(first) != last) {
    return Status::InvalidArgument("repeated_parameter",
                                   "'" + name + "' is given more than once; send it once");
  }
  if (!IsValidUtf8(first->second)) {
    return Status::InvalidArgument("invalid_utf8", "'" + name + "' is not valid UTF-8");
  }
  return std::optional<std::string>(first->second);
}

Status ParseInt(const QueryParams& params, const std::string& name, int min, int max, int& out) {
  auto value = Single(params, name);
  if (!value.ok()) return value.status();
  if (!*value) return Status::Ok();
  const std::string& text = **value;
  int parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return Status::InvalidArgument("invalid_" + name,
                                   "'" + name + "' must be a whole number in " + range);
  }
  if (parsed < min || parsed > max) {
    return Status::InvalidArgument("invalid_" + name,
                                   "'" + name + "' is " + text + "; it must be in " + range);
  }
  out = parsed;
  return Status::Ok();
}

Status ParseFilter(const QueryParams& params, const std::string& name, std::size_t max_bytes,
                   std::string& out) {
  auto value = Single(params, name);
  if (!value.ok()) return value.status();
  if (!*value) return Status::Ok();
  if ((*value)->size() > max_bytes) {
    return Status::InvalidArgument(
        "invalid_" + name, "'" + name + "' is longer than " + std::to_string(max_bytes) + " bytes");
  }
  out = **value;
  return Status::Ok();
}

}  // namespace

bool IsValidSessionId(std::string_view session) {
  if (session.empty() || session.size() > 64) return false;
  for (char c : session) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<SearchRequest> ParseSearchRequest(const QueryParams& params, const SearchLimits& limits) {
  SearchRequest request;
  auto q = Single(params, "q");
  if (!q.ok()) return q.status();
  if (!*q || TrimAsciiSpace(**q).empty()) {
    return Status::InvalidArgument("missing_query",
                                   "'q' is missing or empty: send the words to search for, "
                                   "e.g. /api/search?q=reset+password");
  }
  if ((*q)->size() > limits.max_query_bytes) {
    return Status::InvalidArgument("query_too_long", "'q' is " + std::to_string((*q)->size()) +
                                                         " bytes; the limit is " +
                                                         std::to_string(limits.max_query_bytes));
  }
  // Keep a trailing space: it tells the parser the last word is complete, not a prefix.
  request.query = **q;
  request.query.erase(0, request.query.find_first_not_of(" \t\r\n\f\v"));

  if (Status s = ParseInt(params, "limit", 1, limits.max_limit, request.limit); !s.ok()) return s;
  if (Status s = ParseInt(params, "offset", 0, limits.max_offset, request.offset); !s.ok()) {
    return s;
  }
  if (Status s = ParseFilter(params, "locale", limits.max_filter_bytes, request.locale); !s.ok()) {
    return s;
  }
  // A well-formed locale the index has no articles for (or Xapian no stemmer for) is not an
  // error: the search falls back to the default locale and says so.
  request.locale = AsciiLower(request.locale);
  if (!request.locale.empty() && request.locale != kAllLocales &&
      !IsValidLocaleTag(request.locale)) {
    return Status::InvalidArgument("invalid_locale",
                                   "'locale' is '" + request.locale +
                                       "'; send a language tag such as 'en', 'de' or 'pt-BR', "
                                       "or 'all' for every language");
  }
  if (Status s = ParseFilter(params, "category", limits.max_filter_bytes, request.category);
      !s.ok()) {
    return s;
  }
  auto [first_tag, last_tag] = params.equal_range("tag");
  for (auto it = first_tag; it != last_tag; ++it) {
    if (request.tags.size() == limits.max_tags) {
      return Status::InvalidArgument("invalid_tag", "more than " + std::to_string(limits.max_tags) +
                                                        " 'tag' parameters; send fewer");
    }
    if (!IsValidUtf8(it->second) || it->second.size() > limits.max_filter_bytes) {
      return Status::InvalidArgument("invalid_tag", "'tag' must be valid UTF-8 of at most " +
                                                        std::to_string(limits.max_filter_bytes) +
                                                        " bytes");
    }
    if (!it->second.empty()) request.tags.push_back(AsciiLower(it->second));
  }
  if (Status s = ParseFilter(params, "session", 64, request.session); !s.ok()) return s;
  std::string facets;
  if (Status s = ParseFilter(params, "facets", 5, facets); !s.ok()) return s;
  if (facets == "1" || facets == "true") {
    request.facets = true;
  } else if (!facets.empty() && facets != "0" && facets != "false") {
    return Status::InvalidArgument("invalid_facets", "'facets' must be true or false");
  }
  if (!request.session.empty() && !IsValidSessionId(request.session)) {
    return Status::InvalidArgument("invalid_session",
                                   "'session' must be 1-64 characters of A-Z, a-z, 0-9, '-', '_'");
  }
  return request;
}

}  // namespace kb
