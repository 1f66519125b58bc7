#include "core/utf8.h"

#include <cstdint>

namespace kb {

std::optional<std::size_t> FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra;
    std::uint32_t min_code_point;
    std::uint32_t code_point;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min_code_point = 0x80, code_point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min_code_point = 0x800, code_point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min_code_point = 0x10000, code_point = c & 0x07;
    } else {
      return i;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (s[i + k] & 0x3F);
    }
    if (code_point < min_code_point || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return i;
    }
    i += extra + 1;
  }
  return std::nullopt;
}

TextPosition PositionOf(std::string_view text, std::size_t offset) {
  TextPosition pos;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

}  // namespace kb
