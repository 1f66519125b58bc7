#include "server/insight/redaction.h"

#include <array>
#include <cstddef>
#include <limits>
#include <vector>

namespace kb {
namespace {

// Every matcher takes the text and a start position and returns the length of its match there,
// 0 for none. Each looks at a bounded stretch of text unless it matches, and a match is consumed,
// which keeps the whole scan linear however long or strange the input.

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kMinNumberDigits = 6;
constexpr std::size_t kMinCardDigits = 13;
constexpr std::size_t kMaxCardDigits = 19;
constexpr std::size_t kMinBbanChars = 11;
constexpr std::size_t kMaxBbanChars = 30;
constexpr std::size_t kMinPhoneDigits = 7;
constexpr std::size_t kMaxPhoneDigits = 15;  // E.164
// Past these digit counts a phone number takes no more space-separated groups: what follows is
// more likely the rest of the sentence ("rang 030 1234567 14 times") than more of the number.
constexpr std::size_t kNationalPhoneDigits = 10;
constexpr std::size_t kInternationalPhoneDigits = 11;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }
unsigned Byte(char c) { return static_cast<unsigned char>(c); }

std::size_t DigitRun(std::string_view s, std::size_t i, std::size_t cap) {
  std::size_t n = 0;
  while (n < cap && i + n < s.size() && IsDigit(s[i + n])) ++n;
  return n;
}

std::size_t AlnumRun(std::string_view s, std::size_t i, std::size_t cap) {
  std::size_t n = 0;
  while (n < cap && i + n < s.size() && IsAsciiAlnum(s[i + n])) ++n;
  return n;
}

// ---- E-mail addresses -------------------------------------------------------------------------

// A two-byte UTF-8 character (Latin, Greek, Cyrillic, ...) at `i`. These may be part of an address
// ("jürgen@müller.de"); three- and four-byte ones may not, because CJK text runs into an address
// without a space ("メールはjane@example.comです") and has to stay outside it.
bool IsTwoByteCharAt(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && Byte(s[i]) >= 0xC2 && Byte(s[i]) <= 0xDF && Byte(s[i + 1]) >= 0x80 &&
         Byte(s[i + 1]) <= 0xBF;
}

bool IsLocalPartChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// Two or more non-empty labels, none starting or ending with '-', and a top-level domain of two
// or more letters ("version@2.3.1" and "a@b.c" are not addresses).
bool IsValidDomain(std::string_view domain) {
  std::size_t labels = 0;
  std::string_view label;
  while (true) {
    const std::size_t dot = domain.find('.');
    label = domain.substr(0, dot);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2) return false;
  if (label.starts_with("xn--")) return true;  // a punycode TLD
  if (label.size() < 2) return false;
  for (char c : label) {
    if (!IsAsciiAlpha(c) && Byte(c) < 0x80) return false;  // bytes >= 0x80: ".рф"
  }
  return true;
}

struct Span {
  std::size_t begin;
  std::size_t end;
};

// Addresses are found first, from each '@' outwards, so that their digits never start a number.
// Each byte is looked at by at most the '@' before it and the one after it.
std::vector<Span> FindEmails(std::string_view s) {
  std::vector<Span> found;
  std::size_t floor = 0;  // the end of the previous address
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > floor) {
      if (IsLocalPartChar(s[begin - 1])) {
        --begin;
      } else if (begin >= floor + 2 && IsTwoByteCharAt(s, begin - 2)) {
        begin -= 2;
      } else {
        break;
      }
    }
    // An address has no ".." and does not start with '.': "see...jane@example.com".
    if (const std::size_t dots = s.substr(begin, at - begin).rfind("..");
        dots != std::string_view::npos) {
      begin += dots + 2;
    }
    while (begin < at && s[begin] == '.') ++begin;
    std::size_t end = at + 1;
    while (end < s.size()) {
      if (IsDomainChar(s[end])) {
        ++end;
      } else if (IsTwoByteCharAt(s, end)) {
        end += 2;
      } else {
        break;
      }
    }
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;  // "...@x.com."
    if (begin == at || !IsValidDomain(s.substr(at + 1, end - at - 1))) continue;
    found.push_back({begin, end});
    floor = end;
  }
  return found;
}

// ---- Payment cards ----------------------------------------------------------------------------

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// Groups shorter than three digits are not card grouping, so "5 4111 1111 1111 1111" does not
// start a card at the "5". The longest Luhn-valid prefix of whole groups wins.
std::size_t MatchCard(std::string_view s, std::size_t begin) {
  std::array<char, kMaxCardDigits> digits;
  std::size_t count = 0;
  std::size_t best = 0;
  std::size_t i = begin;
  while (true) {
    const std::size_t len = DigitRun(s, i, kMaxCardDigits + 1);
    if (len < 3 || count + len > kMaxCardDigits) break;
    for (std::size_t k = 0; k < len; ++k) digits[count++] = s[i + k];
    i += len;
    if (count >= kMinCardDigits && PassesLuhn(std::string_view(digits.data(), count))) {
      best = i - begin;
    }
    if (i + 1 < s.size() && (s[i] == ' ' || s[i] == '-') && IsDigit(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return best;
}

// ---- IBANs ------------------------------------------------------------------------------------

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (IsDigit(c)) return true;
  }
  return false;
}

// `begin` is the first letter of a word. In the grouped form a trailing group without digits is
// the next word ("... 0130 from"), not part of the IBAN: real BBANs end in digits.
std::size_t MatchIban(std::string_view s, std::size_t begin) {
  if (begin + 4 > s.size() || !IsAsciiAlpha(s[begin]) || !IsAsciiAlpha(s[begin + 1]) ||
      !IsDigit(s[begin + 2]) || !IsDigit(s[begin + 3])) {
    return 0;
  }
  const std::size_t run = AlnumRun(s, begin, 4 + kMaxBbanChars + 1);
  if (run > 4) {  // "GB82WEST12345698765432"
    return run - 4 >= kMinBbanChars && run - 4 <= kMaxBbanChars ? run : 0;
  }
  std::size_t i = begin + 4;
  std::size_t chars = 0;
  std::size_t end = 0;
  std::size_t chars_at_end = 0;
  while (i + 1 < s.size() && s[i] == ' ') {
    const std::size_t len = AlnumRun(s, i + 1, 5);
    if (len == 0 || len > 4 || chars + len > kMaxBbanChars) break;
    chars += len;
    if (HasDigit(s.substr(i + 1, len))) {
      end = i + 1 + len;
      chars_at_end = chars;
    }
    i += 1 + len;
    if (len < 4) break;  // only the last group may be short
  }
  return chars_at_end >= kMinBbanChars ? end - begin : 0;
}

// ---- Phone numbers ----------------------------------------------------------------------------

struct Group {
  std::size_t start = 0;  // of the digits
  std::size_t len = 0;
};

int GroupValue(std::string_view s, const Group& g) {
  int value = 0;
  for (std::size_t k = 0; k < g.len && k < 4; ++k) value = value * 10 + (s[g.start + k] - '0');
  return value;
}

// "2026-01-15", "15.03.1985", "01.02.2026": a leading zero would otherwise make some of them
// national phone numbers.
bool StartsWithDate(std::string_view s, const std::array<Group, 4>& g, std::size_t groups,
                    const std::array<char, 3>& seps) {
  if (groups < 3 || seps[0] != seps[1] || (seps[0] != '-' && seps[0] != '.')) return false;
  const int a = GroupValue(s, g[0]);
  const int b = GroupValue(s, g[1]);
  const int c = GroupValue(s, g[2]);
  if (g[0].len == 4 && g[1].len == 2 && g[2].len == 2) {
    return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  }
  if (g[0].len <= 2 && g[1].len <= 2 && g[2].len == 4) {
    return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
  }
  return false;
}

// `begin` is a '+', a '(' or the first digit of a run.
std::size_t MatchPhone(std::string_view s, std::size_t begin) {
  const bool international = s[begin] == '+';
  std::size_t i = begin;
  if (international) {
    if (begin > 0 && IsAsciiAlnum(s[begin - 1])) return 0;  // "x+1234567" is not a phone number
    ++i;
    if (i >= s.size() || !IsDigit(s[i])) return 0;
  }
  std::array<Group, 4> first{};  // the first groups, for the shape checks
  std::array<char, 3> seps{};    // the separators between them
  std::size_t groups = 0;
  std::size_t digits = 0;
  std::size_t end = 0;
  bool area_in_parens = false;
  char sep = 0;  // before the group at i; 0 when there is none, as in "(0)20"
  while (true) {
    std::size_t j = i;
    const bool paren = j < s.size() && s[j] == '(';
    if (paren) ++j;
    const std::size_t len = DigitRun(s, j, kMaxPhoneDigits + 1);
    if (len == 0 || digits + len > kMaxPhoneDigits) break;
    if (paren && (j + len >= s.size() || s[j + len] != ')')) break;
    if (groups > 0) {
      // Country codes and French mobile prefixes ("+33 6 12 ...") are single digits; national
      // groups after the first are not ("1 800 555 0132" still is a phone number).
      if (!international && len < 2) break;
      const std::size_t limit = international ? kInternationalPhoneDigits : kNationalPhoneDigits;
      if (sep == ' ' && digits >= kMinPhoneDigits && (len < 2 || digits >= limit)) break;
    }
    if (groups < first.size()) first[groups] = {j, len};
    if (groups > 0 && groups - 1 < seps.size()) seps[groups - 1] = sep;
    if (groups == 0 && paren) area_in_parens = true;
    ++groups;
    digits += len;
    i = j + len + (paren ? 1 : 0);
    end = i;
    if (i + 1 < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '.') &&
        (IsDigit(s[i + 1]) || s[i + 1] == '(')) {
      sep = s[i];
      ++i;
    } else if (i < s.size() && (s[i] == '(' || IsDigit(s[i]))) {
      sep = 0;  // "+49(0)30", or a digit right after ')'
    } else {
      break;
    }
  }
  if (digits < kMinPhoneDigits) return 0;
  if (international) return end - begin;
  if (groups < 2 || StartsWithDate(s, first, groups, seps)) return 0;
  const bool trunk_zero = s[first[0].start] == '0';
  const std::size_t k = first[0].len == 1 && s[first[0].start] == '1' ? 1 : 0;  // "1 800 ..."
  auto len_at = [&](std::size_t index) { return index < groups ? first[index].len : 0; };
  const bool north_american =
      len_at(k) == 3 && (len_at(k + 1) == 4 || (len_at(k + 1) == 3 && len_at(k + 2) == 4));
  return area_in_parens || trunk_zero || north_american ? end - begin : 0;
}

// ---- Other numbers ----------------------------------------------------------------------------

// Groups split by a dash or a dot always join ("123-456-789", "10.0.19045"). A space joins the
// next group only when it looks like grouping: three or more digits ("123 456"), the same length
// as the group before ("12 34 56"), or the short remainder after equal groups ("1234 5678 90").
// So "order 123456 14 days ago" keeps "14 days", and "2026 14" is not a number.
std::size_t MatchNumber(std::string_view s, std::size_t begin) {
  std::size_t len = DigitRun(s, begin, kUnbounded);
  std::size_t digits = len;
  std::size_t end = begin + len;
  std::size_t groups = 1;
  bool uniform = true;
  while (end + 1 < s.size() && (s[end] == ' ' || s[end] == '-' || s[end] == '.') &&
         IsDigit(s[end + 1])) {
    const std::size_t next = DigitRun(s, end + 1, kUnbounded);
    if (s[end] == ' ' && next < 3 && next != len && !(groups >= 2 && uniform && len >= 3)) break;
    uniform = uniform && next == len;
    len = next;
    digits += next;
    end += 1 + next;
    ++groups;
  }
  return digits >= kMinNumberDigits ? end - begin : 0;
}

// ---- The scan ---------------------------------------------------------------------------------

struct Match {
  std::string_view placeholder;
  std::size_t length = 0;
};

// `s` ends where the next e-mail address begins, so nothing here reaches into one.
Match MatchAt(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (IsDigit(c)) {
    if (i > 0 && IsDigit(s[i - 1])) return {};  // inside a run that did not match at its start
    if (const std::size_t n = MatchCard(s, i)) return {kCardPlaceholder, n};
    if (const std::size_t n = MatchPhone(s, i)) return {kPhonePlaceholder, n};
    if (const std::size_t n = MatchNumber(s, i)) return {kNumberPlaceholder, n};
  } else if (c == '+' || c == '(') {
    if (const std::size_t n = MatchPhone(s, i)) return {kPhonePlaceholder, n};
  } else if (IsAsciiAlpha(c) && (i == 0 || !IsAsciiAlnum(s[i - 1]))) {
    if (const std::size_t n = MatchIban(s, i)) return {kIbanPlaceholder, n};
  }
  return {};
}

}  // namespace

std::string RedactPersonalData(std::string_view text) {
  const std::vector<Span> emails = FindEmails(text);
  std::string out;
  out.reserve(text.size());
  std::size_t next_email = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (next_email < emails.size() && i == emails[next_email].begin) {
      out += kEmailPlaceholder;
      i = emails[next_email].end;
      ++next_email;
      continue;
    }
    const std::size_t limit = next_email < emails.size() ? emails[next_email].begin : text.size();
    const Match match = MatchAt(text.substr(0, limit), i);
    if (match.length > 0) {
      out += match.placeholder;
      i += match.length;
    } else {
      out += text[i];
      ++i;
    }
  }
  return out;
}

}  // namespace kb
