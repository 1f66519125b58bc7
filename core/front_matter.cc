// Parses article front matter with yaml-cpp; its exceptions are turned into Diagnostics here.
#include "core/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/ascii_text.h"
#include "core/language.h"
#include "core/slug.h"

namespace kb {
namespace {

constexpr const char* kKnownFields[] = {"title",    "slug",     "category", "tags",   "locale",
                                        "audience", "keywords", "summary",  "updated"};

// Thrown inside this file only, caught in ParseFrontMatter.
struct FieldError {
  YAML::Mark mark;
  std::string message;
};

std::string ScalarField(const YAML::Node& node, const std::string& name, std::size_t max_bytes) {
  if (!node.IsScalar()) throw FieldError{node.Mark(), "'" + name + "' must be a string"};
  std::string value = TrimAsciiSpace(node.Scalar());
  if (value.empty()) throw FieldError{node.Mark(), "'" + name + "' must not be empty"};
  if (value.size() > max_bytes) {
    throw FieldError{node.Mark(), "'" + name + "' is " + std::to_string(value.size()) +
                                      " bytes long; the limit is " + std::to_string(max_bytes)};
  }
  return value;
}

std::vector<std::string> ListField(const YAML::Node& node, const std::string& name,
                                   std::size_t max_items, std::size_t max_bytes) {
  const std::string kind = "'" + name + "' must be a list of strings";
  if (!node.IsSequence()) throw FieldError{node.Mark(), kind};
  if (node.size() > max_items) {
    throw FieldError{node.Mark(), "'" + name + "' has " + std::to_string(node.size()) +
                                      " entries; the limit is " + std::to_string(max_items)};
  }
  std::vector<std::string> values;
  for (const auto& item : node) {
    if (!item.IsScalar()) throw FieldError{item.Mark(), kind};
    std::string value = TrimAsciiSpace(item.Scalar());
    if (value.empty()) throw FieldError{item.Mark(), "'" + name + "' has an empty entry"};
    if (value.size() > max_bytes) {
      throw FieldError{item.Mark(), "an entry of '" + name + "' is longer than " +
                                        std::to_string(max_bytes) + " bytes"};
    }
    values.push_back(std::move(value));
  }
  return values;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Accepts YYYY-MM-DD, optionally followed by a time ("2026-09-14T10:00:00Z"), which is dropped.
std::optional<std::string> ParseDate(const std::string& text) {
  if (text.size() < 10) return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  if (text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1970 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const int days_in_month = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  if (day > days_in_month) return std::nullopt;
  return text.substr(0, 10);
}

void ReadField(const std::string& key, const YAML::Node& value, FrontMatter& out) {
  if (key == "title") {
    out.title = ScalarField(value, key, kMaxTitleBytes);
  } else if (key == "slug") {
    out.slug = ScalarField(value, key, 100);
    if (!IsValidArticleSlug(*out.slug)) {
      throw FieldError{value.Mark(),
                       "'slug' must be 1-100 characters of a-z, 0-9, '-' and '_' "
                       "starting with a letter or digit, not '" +
                           *out.slug + "'"};
    }
  } else if (key == "category") {
    out.category = ScalarField(value, key, 100);
  } else if (key == "locale") {
    auto language = LanguageForLocale(ScalarField(value, key, 35));
    if (!language.ok()) throw FieldError{value.Mark(), language.status().message()};
    out.locale = language->locale;
  } else if (key == "audience") {
    out.audience = ScalarField(value, key, 20);
    if (*out.audience != "public" && *out.audience != "internal") {
      throw FieldError{value.Mark(),
                       "'audience' must be 'public' or 'internal', not '" + *out.audience + "'"};
    }
  } else if (key == "summary") {
    out.summary = ScalarField(value, key, kMaxSummaryBytes);
  } else if (key == "updated") {
    const std::string text = ScalarField(value, key, 40);
    out.updated = ParseDate(text);
    if (!out.updated) {
      throw FieldError{value.Mark(),
                       "'updated' must be a date like 2026-09-14, not '" + text + "'"};
    }
  } else if (key == "tags") {
    std::set<std::string> seen;
    for (std::string& tag : ListField(value, key, kMaxTags, kMaxTagBytes)) {
      tag = AsciiLower(std::move(tag));
      if (seen.insert(tag).second) out.tags.push_back(tag);
    }
  } else if (key == "keywords") {
    out.keywords = ListField(value, key, kMaxKeywords, kMaxKeywordBytes);
  }
}

// Finds the closing delimiter line ("---" or "...", trailing blanks allowed) at or after `from`.
// Returns the offset of that line's first byte and sets `after` past its end.
std::optional<std::size_t> FindClosingLine(std::string_view text, std::size_t from,
                                           std::size_t& after) {
  std::size_t line_start = from;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line == "---" || line == "...") {
      after = std::min(line_end + 1, text.size());
      return line_start;
    }
    line_start = line_end + 1;
  }
  return std::nullopt;
}

int CountLines(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

std::variant<SplitFrontMatter, Diagnostic> ParseFrontMatter(std::string_view file_text) {
  SplitFrontMatter result;
  result.body = file_text;
  const bool has_opening = file_text.rfind("---\n", 0) == 0 || file_text.rfind("---\r\n", 0) == 0;
  if (!has_opening) return result;

  const std::size_t yaml_start = file_text.find('\n') + 1;
  std::size_t body_start = 0;
  const auto closing = FindClosingLine(file_text, yaml_start, body_start);
  if (!closing) {
    return Diagnostic{1, 1, "front matter: the opening '---' has no closing '---' line"};
  }
  const std::string yaml(file_text.substr(yaml_start, *closing - yaml_start));
  result.body = file_text.substr(body_start);
  result.body_line = 1 + CountLines(file_text.substr(0, body_start));

  // yaml-cpp marks are 0-based and relative to the YAML text, which starts on file line 2.
  auto at = [](const YAML::Mark& mark, std::string message) {
    const bool known = mark.line >= 0 && mark.column >= 0;
    return Diagnostic{known ? mark.line + 2 : 2, known ? mark.column + 1 : 1,
                      "front matter: " + std::move(message)};
  };
  try {
    const YAML::Node root = YAML::Load(yaml);
    if (root.IsNull()) return result;
    if (!root.IsMap()) {
      return at(root.Mark(), "expected 'field: value' lines (a YAML mapping)");
    }
    for (const auto& entry : root) {
      if (!entry.first.IsScalar()) return at(entry.first.Mark(), "field names must be strings");
      const std::string key = entry.first.Scalar();
      const auto known = std::find(std::begin(kKnownFields), std::end(kKnownFields), key);
      if (known == std::end(kKnownFields)) {
        result.warnings.push_back(
            at(entry.first.Mark(), "unknown field '" + key +
                                       "' ignored (known: title, slug, category, tags, locale, "
                                       "audience, keywords, summary, updated)"));
        continue;
      }
      ReadField(key, entry.second, result.fields);
    }
  } catch (const FieldError& e) {
    return at(e.mark, e.message);
  } catch (const YAML::Exception& e) {
    return at(e.mark, e.msg);
  }
  return result;
}

}  // namespace kb
