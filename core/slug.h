// Slugs: the URL-safe names of articles and of heading anchors.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace kb {

// Lower-cases `text` and keeps letters and digits of any script, joining the words with single
// hyphens: "Cancel your Pro plan (annual)" -> "cancel-your-pro-plan-annual", "Über uns" ->
// "über-uns". Returns "" when `text` holds no letter or digit. `text` must be valid UTF-8.
std::string Slugify(std::string_view text);

// True for a slug an author may write in front matter: 1-100 characters of a-z, 0-9, '-' and '_',
// starting with a letter or digit.
bool IsValidArticleSlug(std::string_view slug);

// Hands out unique anchors within one article the way GitHub does: the second "Setup" heading
// becomes "setup-1", the third "setup-2". Headings with no usable text become "section".
class AnchorAllocator {
 public:
  std::string Allocate(std::string_view heading_text);

 private:
  std::set<std::string> used_;
  std::map<std::string, int> next_suffix_;
};

}  // namespace kb
