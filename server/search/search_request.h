// What a client may ask of /api/search, validated: every number clamped to a documented range,
// every string bounded and valid UTF-8.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kb {

// Bounds on search input. Defaults are the product's documented limits.
struct SearchLimits {
  std::size_t max_query_bytes = 256;
  int max_limit = 50;
  int max_offset = 1000;               // deep paging is not a help-center use case
  std::size_t max_filter_bytes = 100;  // category, tag, locale
  std::size_t max_tags = 10;
};

// `locale=all` searches every locale in the index, each with its own stemmer.
inline constexpr std::string_view kAllLocales = "all";

struct SearchRequest {
  std::string query;
  int limit = 10;
  int offset = 0;
  std::string locale;             // "" = the default locale; kAllLocales = every locale
  std::string category;           // "" = any
  std::vector<std::string> tags;  // an article must have all of them; empty = any
  bool include_internal = false;  // agents only
  std::string session;            // the widget's anonymous session id; "" when none was sent
  bool facets = false;            // count categories and tags of the matches (first page only)
};

// True for an anonymous session id as the widget makes them: 1-64 of A-Z a-z 0-9 '-' '_'.
bool IsValidSessionId(std::string_view session);

// URL query parameters as decoded by the HTTP layer (the same type as httplib::Params).
using QueryParams = std::multimap<std::string, std::string>;

// Validates the parameters of a search. Parameters kb does not know are ignored (clients may send
// more than this version reads); known ones that cannot be used fail with kInvalidArgument and a
// message saying what to send instead.
Result<SearchRequest> ParseSearchRequest(const QueryParams& params, const SearchLimits& limits);

}  // namespace kb
