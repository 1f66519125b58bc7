// Markdown to safe HTML and to indexable sections, with cmark-gfm and its GitHub extensions
// (table, strikethrough, autolink, tagfilter). This is the one file that talks to cmark-gfm.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// A searchable part of an article: the text before the first `##` heading (the introduction),
// then one per top-level `##` or `###` heading (a top-level `#` heading after the first block
// also starts one). Deeper headings stay inside their section.
struct MarkdownSection {
  int level = 0;        // 0 for the introduction, else the heading level
  std::string heading;  // heading as plain text; "" for the introduction
  std::string anchor;   // the heading's id in the HTML; "" for the introduction
  std::string text;     // the section's body as plain text (code included, markup and URLs not)
};

struct RenderedMarkdown {
  // The text of a `# ` heading that opens the document. It is the article's title when the front
  // matter has none, and it is left out of `html` either way (pages show the title themselves).
  std::optional<std::string> leading_title;
  // Safe HTML: raw HTML is dropped, link and image URLs other than http(s), mailto, tel and
  // relative ones are emptied, and every heading carries a unique id="anchor".
  std::string html;
  std::vector<MarkdownSection> sections;  // sections[0] is the introduction, possibly empty
};

// Renders `markdown` (valid UTF-8). Never fails: any input has a rendering.
RenderedMarkdown RenderMarkdown(std::string_view markdown);

// True when `url` is safe to put in an href: no scheme (relative), or http, https, mailto, tel.
bool IsSafeUrl(std::string_view url);

}  // namespace kb
