// An article: one Markdown file of the help center, parsed and validated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/markdown.h"

namespace kb {

// Articles larger than this are rejected: no real help article comes close, and it bounds the
// memory one bad file can take.
inline constexpr std::size_t kMaxArticleBytes = 1 << 20;

// A file as read from the articles folder.
struct SourceFile {
  std::string path;          // relative to the articles root, '/'-separated: "billing/refunds.md"
  std::string display_path;  // as printed in messages: "articles/billing/refunds.md"
  std::string bytes;
  std::int64_t mtime_seconds = 0;  // modification time, seconds since the epoch (UTC)
};

struct Article {
  std::string path;  // SourceFile::path
  std::string slug;
  std::string title;
  std::string category;  // lower-case slug form: "account-and-login"
  std::string locale;    // normalized: "en", "de", "pt-br"
  std::string audience;  // "public" or "internal"
  std::string summary;
  std::string updated;  // YYYY-MM-DD
  std::vector<std::string> tags;
  std::vector<std::string> keywords;
  std::string html;
  std::vector<MarkdownSection> sections;  // sections[0] is the introduction
};

struct ParsedArticle {
  bool ok() const { return errors.empty(); }
  Article article;                   // meaningful only when ok()
  std::vector<Diagnostic> errors;    // why the article cannot be indexed
  std::vector<Diagnostic> warnings;  // worth fixing, but the article is indexed
};

// Parses, validates and renders one article file, applying the documented defaults: slug from
// the file name, category from the first folder, locale "en", audience "public", updated from
// the modification time, title from a leading `# ` heading. Uniqueness of slugs across the folder
// is the indexer's job.
ParsedArticle ParseArticle(const SourceFile& file);

}  // namespace kb
