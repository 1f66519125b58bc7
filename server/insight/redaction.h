// Redaction of personal data in text customers type: search queries and feedback reasons.
//
// The search log keeps queries for relevance work and gap reports, and customers paste e-mail
// addresses, card, account and phone numbers into a help-center search box often enough that
// storing queries verbatim would mean storing personal data. The scanner is hand-written rather
// than std::regex: it runs on every search, and libstdc++'s std::regex is slow and recursive
// (deep input can exhaust the stack); this one is linear in the input and allocates only the
// result.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// The placeholders that stand for each kind of personal data in redacted text (described below).
// Readers of the log rely on them: a replayed query drops them (WithoutPlaceholders).
inline constexpr std::string_view kEmailPlaceholder = "<email>";
inline constexpr std::string_view kCardPlaceholder = "<card>";
inline constexpr std::string_view kIbanPlaceholder = "<iban>";
inline constexpr std::string_view kPhonePlaceholder = "<phone>";
inline constexpr std::string_view kNumberPlaceholder = "<number>";
inline constexpr std::string_view kPlaceholders[] = {
    kEmailPlaceholder, kCardPlaceholder, kIbanPlaceholder, kPhonePlaceholder, kNumberPlaceholder};

// Returns `text` (UTF-8, at most a few hundred bytes: a search query or a feedback reason) with
// personal data replaced by typed placeholders, so it can be stored and counted without the data
// itself. Everything else is copied byte for byte, invalid UTF-8 included.
//
//   <email>   local@domain.tld with a TLD of two or more letters; Latin, Greek and Cyrillic
//             letters count as part of the address, CJK text next to it does not.
//   <card>    13 to 19 digits passing the Luhn check, contiguous or in groups of 3 or more split
//             by single spaces or dashes ("4111 1111 1111 1111", "3782 822463 10005").
//   <iban>    two letters, two digits, then 11 to 30 letters or digits, contiguous or in groups of
//             four split by single spaces ("DE89 3704 0044 0532 0130 00"); any case. The check
//             digits are not verified, so a mistyped IBAN is still caught.
//   <phone>   "+" and 7 to 15 digits in groups split by single spaces, dashes, dots or
//             parentheses ("+1 (415) 555-0132", "+44 (0)20 7946 0958"). Without "+": 7 to 15
//             digits in two or more groups, written the way phone numbers are: a parenthesised
//             area code "(415) 555-0132", a leading trunk zero "030 1234567", or the North
//             American 3-4 / 3-3-4 shape "555-0132", "415.555.0132".
//   <number>  any other six or more digits, contiguous or grouped by single spaces, dashes or
//             dots: order and account numbers, IDs, dates ("15.03.1985" may be a birth date), IP
//             addresses, and card numbers that fail the Luhn check.
//
// The leftmost match wins, and at one position the order above decides. Space-separated groups
// join a number only when they look like grouping ("1234 5678 90", "123 456"), so that "order
// 123456 14 days ago" keeps its "14"; a phone number stops taking space-separated groups at 10
// digits (11 with "+"). Several short numbers in a row ("404 500 503") are indistinguishable from
// a grouped account number and become <number>.
//
// Whatever the input, no run of six or more ASCII digits survives, and the time is linear in the
// size of the input.
std::string RedactPersonalData(std::string_view text);

}  // namespace kb
