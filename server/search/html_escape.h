// Escaping for text and attribute values in the HTML kb-server writes itself.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// Escapes &, <, >, " and ' so `text` is inert in element content and in quoted attributes.
inline std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace kb
