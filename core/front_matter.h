// YAML front matter: the optional block between two `---` lines at the top of an article.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.h"

namespace kb {

// The fields an author may set. Absent fields are nullopt or empty; defaults are applied later,
// by the article parser, which knows the file's path and body.
struct FrontMatter {
  std::optional<std::string> title;
  std::optional<std::string> slug;
  std::optional<std::string> category;
  std::optional<std::string> locale;
  std::optional<std::string> audience;
  std::optional<std::string> summary;
  std::optional<std::string> updated;  // validated YYYY-MM-DD
  std::vector<std::string> tags;       // lower case, trimmed, de-duplicated
  std::vector<std::string> keywords;
};

// Limits on what front matter may hold, so one article cannot bloat the index.
inline constexpr std::size_t kMaxTitleBytes = 200;
inline constexpr std::size_t kMaxSummaryBytes = 1000;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxTagBytes = 64;
inline constexpr std::size_t kMaxKeywords = 50;
inline constexpr std::size_t kMaxKeywordBytes = 200;

struct SplitFrontMatter {
  FrontMatter fields;
  std::string_view body;             // the Markdown after the closing `---`
  int body_line = 1;                 // file line on which `body` starts
  std::vector<Diagnostic> warnings;  // e.g. unknown fields: reported, not fatal
};

// Separates and parses the front matter of `file_text` (valid UTF-8). A file without a leading
// `---` line has no front matter and its whole text is the body. On failure returns the first
// problem found, positioned at the offending line and column of the file.
std::variant<SplitFrontMatter, Diagnostic> ParseFrontMatter(std::string_view file_text);

}  // namespace kb
