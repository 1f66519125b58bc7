#include "core/article.h"

#include <ctime>
#include <variant>

#include "core/front_matter.h"
#include "core/language.h"
#include "core/slug.h"
#include "core/utf8.h"

namespace kb {
namespace {

std::string FileStem(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

std::string DateOf(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace

ParsedArticle ParseArticle(const SourceFile& file) {
  ParsedArticle parsed;
  auto fail = [&](int line, int column, std::string message) {
    parsed.errors.push_back(Diagnostic{line, column, std::move(message)});
    return parsed;
  };

  if (file.bytes.size() > kMaxArticleBytes) {
    return fail(1, 1,
                "file is " + std::to_string(file.bytes.size()) +
                    " bytes; articles are limited to " + std::to_string(kMaxArticleBytes) +
                    " bytes: split it into several articles");
  }
  std::string_view text = file.bytes;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);  // byte order mark
  if (const auto bad = FindInvalidUtf8(text)) {
    const TextPosition pos = PositionOf(text, *bad);
    return fail(pos.line, pos.column, "invalid UTF-8: save the file as UTF-8");
  }

  auto split = ParseFrontMatter(text);
  if (auto* error = std::get_if<Diagnostic>(&split)) {
    parsed.errors.push_back(*error);
    return parsed;
  }
  SplitFrontMatter& front = std::get<SplitFrontMatter>(split);
  parsed.warnings = std::move(front.warnings);
  FrontMatter& fields = front.fields;

  Article& article = parsed.article;
  article.path = file.path;
  RenderedMarkdown rendered = RenderMarkdown(front.body);

  if (fields.title) {
    article.title = *fields.title;
  } else if (rendered.leading_title && !rendered.leading_title->empty()) {
    article.title = *rendered.leading_title;
  } else {
    return fail(front.body_line, 1,
                "article has no title: add 'title:' to the front matter or start the body with "
                "a '# Title' line");
  }

  if (fields.slug) {
    article.slug = *fields.slug;  // validated by ParseFrontMatter
  } else {
    article.slug = Slugify(FileStem(file.path));
    if (!IsValidArticleSlug(article.slug)) {
      return fail(1, 1,
                  "the file name does not make a valid slug ('" + article.slug +
                      "'): rename the file using a-z, 0-9 and '-', or set 'slug:'");
    }
  }

  const std::size_t slash = file.path.find('/');
  const std::string folder = slash == std::string::npos ? "" : file.path.substr(0, slash);
  article.category = Slugify(fields.category.value_or(folder));
  if (article.category.empty()) article.category = "general";

  article.locale = fields.locale.value_or(std::string(kDefaultLocale));  // validated

  article.audience = fields.audience.value_or("public");
  article.summary = fields.summary.value_or("");
  article.updated = fields.updated.value_or(DateOf(file.mtime_seconds));
  article.tags = std::move(fields.tags);
  article.keywords = std::move(fields.keywords);
  article.html = std::move(rendered.html);
  article.sections = std::move(rendered.sections);
  article.sections[0].heading = article.title;
  return parsed;
}

}  // namespace kb
