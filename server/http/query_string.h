// Decoding of URL query strings ("q=reset+password&limit=5").
//
// Written here because cpp-httplib 0.11 leaves '+' undecoded in query parameters, while every
// browser form and URLSearchParams encodes a space as '+'.
#pragma once

#include <string_view>

#include "server/search/search_request.h"

namespace kb {

// Splits `query` (the part of a request target after '?', without the '?') into parameters,
// turning '+' into a space and %XX escapes into bytes. Malformed escapes are kept as they are;
// the bytes are not checked for UTF-8 here (the request parser does that).
QueryParams ParseQueryString(std::string_view query);

}  // namespace kb
