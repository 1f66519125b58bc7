// Small ASCII string helpers shared across kb. Non-ASCII bytes pass through unchanged (UTF-8
// stays valid); for Unicode-aware lower-casing use Xapian::Unicode, as core/slug.cc does.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// `s` with A-Z turned into a-z.
inline std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// `s` without leading and trailing ASCII whitespace.
inline std::string TrimAsciiSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return "";
  return std::string(s.substr(begin, s.find_last_not_of(kSpace) - begin + 1));
}

}  // namespace kb
