// Where a search result links to. One template for every URL kb hands out, so a team that
// publishes its articles elsewhere changes it in one place.
#pragma once

#include <string>

namespace kb {

class ArticleUrls {
 public:
  // `url_template` contains {slug} and optionally {anchor}; "#{anchor}" is dropped when a link
  // points at a whole article.
  explicit ArticleUrls(std::string url_template = "/articles/{slug}#{anchor}")
      : template_(std::move(url_template)) {}

  std::string For(const std::string& slug, const std::string& anchor) const {
    std::string url = template_;
    if (anchor.empty()) Replace(url, "#{anchor}", "");
    Replace(url, "{slug}", slug);
    Replace(url, "{anchor}", anchor);
    return url;
  }

 private:
  static void Replace(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
      s.replace(pos, from.size(), to);
      pos += to.size();
    }
  }
  std::string template_;
};

}  // namespace kb
