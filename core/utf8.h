// UTF-8 validation. Written here rather than taken from a library because the Debian packages we
// use offer none that reports *where* the first bad byte is, which our error messages need.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kb {

// Returns the byte offset of the first byte that is not part of a valid, shortest-form UTF-8
// sequence (surrogates and code points above U+10FFFF are invalid), or nullopt if `text` is valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return !FindInvalidUtf8(text).has_value(); }

// Line and column (both 1-based, column counted in bytes) of byte `offset` in `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition PositionOf(std::string_view text, std::size_t offset);

}  // namespace kb
