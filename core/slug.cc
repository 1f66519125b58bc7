#include "core/slug.h"

#include <xapian.h>

namespace kb {

std::string Slugify(std::string_view text) {
  std::string slug;
  bool pending_hyphen = false;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch) && ch != '_') {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      Xapian::Unicode::append_utf8(slug, Xapian::Unicode::tolower(ch));
    } else if (ch == '\'' || ch == 0x2019) {
      // Apostrophes join: "Can't sign in" -> "cant-sign-in".
    } else {
      pending_hyphen = true;
    }
  }
  return slug;
}

bool IsValidArticleSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 100) return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

std::string AnchorAllocator::Allocate(std::string_view heading_text) {
  std::string base = Slugify(heading_text);
  if (base.empty()) base = "section";
  std::string anchor = base;
  if (used_.count(anchor)) {
    // "a-1" may itself be some heading's own slug, so skip suffixes that are taken.
    int& suffix = next_suffix_[base];
    do {
      anchor = base + "-" + std::to_string(++suffix);
    } while (used_.count(anchor));
  }
  used_.insert(anchor);
  return anchor;
}

}  // namespace kb
