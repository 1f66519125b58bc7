#include "server/http/article_page.h"

#include "core/schema.h"
#include "server/search/html_escape.h"

namespace kb {
namespace {

std::string Head(const std::string& title, const std::string& locale) {
  return "<!doctype html>\n<html lang=\"" + EscapeHtml(locale) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         EscapeHtml(title) +
         " · Help center</title>\n<link rel=\"stylesheet\" href=\"/article.css\">\n"
         "<script src=\"/article.js\" defer></script>\n</head>\n<body>\n";
}

}  // namespace

std::string RenderArticlePage(const ArticleRecord& a, const std::vector<ArticleLink>& related) {
  std::string html = Head(a.title, a.locale);
  html +=
      "<header class=\"site\"><a href=\"/\">Help center</a> <span aria-hidden=\"true\">›</span> " +
      EscapeHtml(a.category) + "</header>\n<main>\n<article data-slug=\"" + EscapeHtml(a.slug) +
      "\">\n<h1>" + EscapeHtml(a.title) + "</h1>\n<p class=\"meta\">Updated <time datetime=\"" +
      EscapeHtml(a.updated) + "\">" + EscapeHtml(a.updated) + "</time>";
  if (a.audience != schema::kPublic) html += " · <strong>Internal: agents only</strong>";
  html += "</p>\n";
  if (a.sections.size() > 1) {
    html += "<nav class=\"toc\" aria-label=\"On this page\">\n<h2>On this page</h2>\n<ul>\n";
    for (const auto& s : a.sections) {
      html +=
          "<li><a href=\"#" + EscapeHtml(s.anchor) + "\">" + EscapeHtml(s.heading) + "</a></li>\n";
    }
    html += "</ul>\n</nav>\n";
  }
  html += "<div class=\"body\">\n" + a.html + "</div>\n</article>\n";
  html +=
      "<section class=\"feedback\" aria-labelledby=\"feedback-title\">\n"
      "<h2 id=\"feedback-title\">Was this helpful?</h2>\n"
      "<div class=\"buttons\"><button type=\"button\" data-vote=\"helpful\">Yes</button>"
      "<button type=\"button\" data-vote=\"not_helpful\">No</button></div>\n"
      "<form class=\"reason\" hidden><label for=\"reason\">What was missing? (optional)</label>"
      "<textarea id=\"reason\" maxlength=\"500\" rows=\"3\"></textarea>"
      "<button type=\"submit\">Send</button></form>\n"
      "<p class=\"thanks\" role=\"status\" aria-live=\"polite\"></p>\n</section>\n";
  if (!related.empty()) {
    html +=
        "<aside class=\"related\" aria-labelledby=\"related-title\">\n"
        "<h2 id=\"related-title\">Related articles</h2>\n<ul>\n";
    for (const ArticleLink& link : related) {
      html += "<li><a href=\"/articles/" + EscapeHtml(link.slug) + "\">" + EscapeHtml(link.title) +
              "</a></li>\n";
    }
    html += "</ul>\n</aside>\n";
  }
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string RenderArticleNotFoundPage() {
  return Head("Article not found", "en") +
         "<header class=\"site\"><a href=\"/\">Help center</a></header>\n<main>\n"
         "<h1>Article not found</h1>\n<p>This article does not exist or has moved. "
         "<a href=\"/\">Search the help center</a> instead.</p>\n</main>\n</body>\n</html>\n";
}

}  // namespace kb
