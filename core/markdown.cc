#include "core/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/slug.h"

namespace kb {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
// Safe mode is cmark-gfm's default: raw HTML becomes a comment and dangerous URLs are dropped.
// We add our own URL allowlist on top (IsSafeUrl) rather than rely on its blocklist alone.
constexpr int kOptions = CMARK_OPT_DEFAULT;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

std::unique_ptr<cmark_parser, ParserDeleter> NewParser() {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

bool IsType(cmark_node* node, const char* type_string) {
  return std::strcmp(cmark_node_get_type_string(node), type_string) == 0;
}

// Appends the plain text under `root`: text, inline code and code blocks; breaks become spaces
// and block ends newlines. Raw HTML (which is never rendered) and URLs are left out.
void AppendPlainText(cmark_node* root, std::string& out) {
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          out += cmark_node_get_literal(node);
          break;
        case CMARK_NODE_CODE_BLOCK:
          out += cmark_node_get_literal(node);
          out += '\n';
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          out += ' ';
          break;
        default:
          break;
      }
    } else if (event == CMARK_EVENT_EXIT) {
      if (IsType(node, "table_cell")) {
        out += " | ";
      } else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                 type == CMARK_NODE_ITEM || IsType(node, "table_row")) {
        if (!out.empty() && out.back() != '\n') out += '\n';
      }
    }
  }
}

std::string PlainText(cmark_node* node) {
  std::string text;
  AppendPlainText(node, text);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Empties the URL of every link and image that IsSafeUrl rejects, and collects the anchors of
// all headings in document order (the order in which the HTML renderer will emit them).
std::vector<std::string> SanitizeAndCollectAnchors(cmark_node* doc,
                                                   std::vector<cmark_node*>& headings) {
  AnchorAllocator anchors;
  std::vector<std::string> ids;
  IterPtr iter(cmark_iter_new(doc));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url && !IsSafeUrl(url)) cmark_node_set_url(node, "");
    } else if (type == CMARK_NODE_HEADING) {
      ids.push_back(anchors.Allocate(PlainText(node)));
      headings.push_back(node);
    }
  }
  return ids;
}

// Gives the n-th heading tag in `html` the n-th id. In safe mode every "<hN>" in the output comes
// from a heading node (text is escaped, raw HTML is dropped), so the order matches `ids`.
std::string AddHeadingIds(const std::string& html, const std::vector<std::string>& ids) {
  std::string out;
  out.reserve(html.size() + ids.size() * 24);
  std::size_t pos = 0;
  std::size_t next_id = 0;
  while (pos < html.size()) {
    const std::size_t tag = html.find("<h", pos);
    if (tag == std::string::npos || tag + 3 >= html.size()) break;
    const char level = html[tag + 2];
    if (level >= '1' && level <= '6' && html[tag + 3] == '>' && next_id < ids.size()) {
      out.append(html, pos, tag + 3 - pos);
      out += " id=\"" + ids[next_id++] + "\"";  // anchors hold no '"', '<' or '&'
      pos = tag + 3;
    } else {
      out.append(html, pos, tag + 2 - pos);
      pos = tag + 2;
    }
  }
  out.append(html, pos, std::string::npos);
  return out;
}

}  // namespace

bool IsSafeUrl(std::string_view url) {
  // Browsers ignore leading whitespace/control characters and tabs or newlines inside a scheme,
  // so compare against what the browser would see.
  std::string normalized;
  for (char c : url) {
    if (static_cast<unsigned char>(c) > 0x20) {
      normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  const std::size_t colon = normalized.find(':');
  const std::size_t delimiter = normalized.find_first_of("/?#");
  if (colon == std::string::npos || (delimiter != std::string::npos && delimiter < colon)) {
    return true;  // relative URL: no scheme
  }
  const std::string scheme = normalized.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

RenderedMarkdown RenderMarkdown(std::string_view markdown) {
  auto parser = NewParser();
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

  RenderedMarkdown result;
  cmark_node* first = cmark_node_first_child(doc.get());
  if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
      cmark_node_get_heading_level(first) == 1) {
    result.leading_title = PlainText(first);
    cmark_node_unlink(first);
    cmark_node_free(first);
  }

  std::vector<cmark_node*> headings;
  const std::vector<std::string> ids = SanitizeAndCollectAnchors(doc.get(), headings);

  result.sections.emplace_back();  // the introduction
  std::size_t heading_index = 0;
  for (cmark_node* node = cmark_node_first_child(doc.get()); node; node = cmark_node_next(node)) {
    const bool is_heading = cmark_node_get_type(node) == CMARK_NODE_HEADING;
    // Headings nested in lists or quotes are not top-level; find this one's id by identity.
    while (is_heading && heading_index < headings.size() && headings[heading_index] != node) {
      ++heading_index;
    }
    if (is_heading && cmark_node_get_heading_level(node) <= 3) {
      MarkdownSection section;
      section.level = cmark_node_get_heading_level(node);
      section.heading = PlainText(node);
      section.anchor = ids[heading_index];
      result.sections.push_back(std::move(section));
      continue;
    }
    std::string& text = result.sections.back().text;
    AppendPlainText(node, text);
    if (!text.empty() && text.back() != '\n') text += '\n';
  }
  for (MarkdownSection& section : result.sections) {
    while (!section.text.empty() && (section.text.back() == '\n' || section.text.back() == ' ')) {
      section.text.pop_back();
    }
  }

  char* html =
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  result.html = AddHeadingIds(html, ids);
  std::free(html);
  return result;
}

}  // namespace kb
