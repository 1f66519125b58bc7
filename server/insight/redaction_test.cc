#include "server/insight/redaction.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

namespace kb {
namespace {

struct Case {
  std::string_view input;
  std::string_view expected;
};

// Queries as customers type them into the search box or a "not helpful" form.
constexpr Case kRedacted[] = {
    // E-mail addresses.
    {"user+tag@sub.example.co.uk", "<email>"},
    {"UPPER@EXAMPLE.COM can't log in", "<email> can't log in"},
    {"change email from first.last@company.io to new@company.io",
     "change email from <email> to <email>"},
    {"contact me (jane@example.com).", "contact me (<email>)."},
    {"mailto:bob_smith-99@mail.example.org?", "mailto:<email>?"},
    {"jürgen@müller.de hat kein Passwort", "<email> hat kein Passwort"},
    {"メールはjane@example.comです", "メールは<email>です"},  // CJK next to it stays
    {"see...jane@example.com", "see...<email>"},
    {"ivan@пример.рф", "<email>"},
    {"reset for 1234567@example.com", "reset for <email>"},  // not a number inside the address

    // Payment cards (Luhn-valid test numbers).
    {"4111 1111 1111 1111", "<card>"},
    {"card 4111-1111-1111-1111 declined", "card <card> declined"},
    {"amex 378282246310005", "amex <card>"},
    {"3782 822463 10005 was charged twice", "<card> was charged twice"},
    {"charged on 5500 0000 0000 0004 and 4242424242424242", "charged on <card> and <card>"},
    {"visa 4111111111111111, exp 12/27", "visa <card>, exp 12/27"},
    {"discover 6011111111111117", "discover <card>"},
    // Luhn-invalid: a number, however card-like it looks.
    {"4111111111111112", "<number>"},
    {"card 4111 1111 1111 1112 declined", "card <number> declined"},

    // IBANs.
    {"DE89 3704 0044 0532 0130 00", "<iban>"},
    {"refund to GB82WEST12345698765432 please", "refund to <iban> please"},
    {"iban de89370400440532013000", "iban <iban>"},
    {"NL91 ABNA 0417 1643 00 wrong account", "<iban> wrong account"},
    {"GB82 WEST 1234 5698 7654 32.", "<iban>."},
    {"FR14 2004 1010 0505 0001 3M02 606", "<iban>"},
    {"DE89 3704 0044 0532 0130 from my bank", "<iban> from my bank"},

    // Phone numbers.
    {"+49 30 1234567", "<phone>"},
    {"call +1 (415) 555-0132 about billing", "call <phone> about billing"},
    {"+44 20 7946 0958", "<phone>"},
    {"+44 (0)20 7946 0958", "<phone>"},
    {"+4915112345678", "<phone>"},
    {"+33 6 12 34 56 78", "<phone>"},
    {"(415) 555-0132", "<phone>"},
    {"030 1234567", "<phone>"},
    {"(030) 123 45 67", "<phone>"},
    {"555-0132-44", "<phone>"},
    {"415.555.0132", "<phone>"},
    {"1 800 555 0132 support line", "<phone> support line"},
    {"06 12 34 56 78", "<phone>"},
    {"rang 030 1234567 3 times today", "rang <phone> 3 times today"},
    {"(415) 555-0132 14 days ago", "<phone> 14 days ago"},

    // Other numbers.
    {"order 98765432", "order <number>"},
    {"ticket #123456", "ticket #<number>"},
    {"ID: 123-456-789", "ID: <number>"},
    {"customer no. 00123456", "customer no. <number>"},
    {"invoice INV-2026-004711", "invoice INV-<number>"},
    {"account 1234 5678 90", "account <number>"},
    {"user12345678 locked", "user<number> locked"},
    {"2fa code 123 456 not working", "2fa code <number> not working"},
    {"order 123456 14 days ago", "order <number> 14 days ago"},
    {"born 15.03.1985", "born <number>"},            // a birth date is personal data
    {"statement 01.02.2026", "statement <number>"},  // a date, not a phone number
    {"server 192.168.10.1 unreachable", "server <number> unreachable"},
    {"+12345678901234567890", "+<number>"},     // too long for a phone number or a card
    {"errors 404 500 503", "errors <number>"},  // looks just like a grouped account number

    // Several in one query.
    {"refund for order 98765432 to jane.doe@example.com", "refund for order <number> to <email>"},
    {"card 4111 1111 1111 1111 and iban DE89 3704 0044 0532 0130 00",
     "card <card> and iban <iban>"},
    {"call +49 30 1234567 or mail max@beispiel.de about order 5550123456",
     "call <phone> or mail <email> about order <number>"},
    {"Rückerstattung für Bestellung 12345678 an max.mustermann@beispiel.de",
     "Rückerstattung für Bestellung <number> an <email>"},
    {"my phone (415) 555-0132, email a.b@c.io, card 378282246310005",
     "my phone <phone>, email <email>, card <card>"},
    {"acct 12345678 / 87654321", "acct <number> / <number>"},
};

TEST(RedactionTest, ReplacesPersonalDataWithPlaceholders) {
  for (const Case& c : kRedacted) {
    EXPECT_EQ(RedactPersonalData(c.input), c.expected) << "input: " << c.input;
  }
}

// What customers really search for, numbers included.
constexpr std::string_view kUnchanged[] = {
    "error 404",
    "QP-4031",
    "2fa",
    "trial ends after 14 days",
    "version 2.3.1",
    "port 8080",
    "year 2026",
    "iOS 16",
    "Rückerstattung für Bestellung",
    "how do I reset my password?",
    "export notes to PDF",
    "sync stuck at 99%",
    "price $12.99 per month",
    "Quillpad 3.14.2 crashes on macOS 14.5",
    "upgrade from 5 to 50 seats",
    "limit 10000 notes",
    "windows 11 23H2",
    "HTTP 500 error at 10:30",
    "card expires 12/27",
    "C++ code blocks",
    "1.5x speed playback",
    "+1 for dark mode",
    "wait 10-15 minutes",
    "@mentions in shared notebooks",
    "user@localhost",
    "résumé template ñ 日本語 検索",
    "  double  spaces , kept ;  ",
    "--- ... ((( ))) +++",
    "page 2 of 3",
    "AB12 is my plan code",
    "",
};

TEST(RedactionTest, KeepsOrdinaryQueriesExactly) {
  for (std::string_view query : kUnchanged) {
    EXPECT_EQ(RedactPersonalData(query), query);
  }
}

bool HasLongDigitRun(std::string_view s) {
  std::size_t run = 0;
  for (char c : s) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    if (run >= 6) return true;
  }
  return false;
}

TEST(RedactionTest, NoSixDigitRunSurvivesRandomInput) {
  // Digit runs of every length between separators, letters, '@', '+', parentheses and UTF-8
  // (some of it broken), so that every matcher starts, fails and overlaps with the others.
  const std::string_view pieces[] = {" ", " ", "-",  ".",   "(",   ")", "+",  "@",    "/",    "#",
                                     "a", "x", "DE", "com", ".io", "ü", "日", "\xff", "\xc3", ".."};
  std::mt19937 random(20260115);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> digit('0', '9');
  std::uniform_int_distribution<int> run_length(1, 12);
  std::uniform_int_distribution<int> steps(0, 60);
  int inputs_with_long_runs = 0;
  for (int n = 0; n < 500; ++n) {
    std::string input;
    for (int step = steps(random); step > 0; --step) {
      if (random() % 2 == 0) {
        for (int k = run_length(random); k > 0; --k) input += static_cast<char>(digit(random));
      } else {
        input += pieces[piece(random)];
      }
    }
    if (HasLongDigitRun(input)) ++inputs_with_long_runs;
    const std::string output = RedactPersonalData(input);
    EXPECT_FALSE(HasLongDigitRun(output)) << "input: " << input << "\noutput: " << output;
  }
  EXPECT_GT(inputs_with_long_runs, 400);  // the test is not vacuous
}

TEST(RedactionTest, SurvivesHostileInput) {
  EXPECT_EQ(RedactPersonalData(std::string(10000, '7')), "<number>");
  EXPECT_EQ(RedactPersonalData(std::string(10000, ' ')), std::string(10000, ' '));
  EXPECT_EQ(RedactPersonalData(std::string(10000, '@')), std::string(10000, '@'));
  EXPECT_EQ(RedactPersonalData(std::string(10000, '\xff')), std::string(10000, '\xff'));
  EXPECT_EQ(RedactPersonalData(std::string_view("a\0b 12", 6)), std::string_view("a\0b 12", 6));

  std::string spaced;  // "1 1 1 ...": one uniformly grouped number
  for (int k = 0; k < 5000; ++k) spaced += "1 ";
  EXPECT_EQ(RedactPersonalData(spaced), "<number> ");

  const std::string_view patterns[] = {"a@", "a@b.", "12 1 ", "+1 (", "(0)", "DE89 ", "1-", "9."};
  for (std::string_view pattern : patterns) {
    std::string input;
    while (input.size() < 10000) input += pattern;
    EXPECT_FALSE(HasLongDigitRun(RedactPersonalData(input))) << pattern;
  }
}

}  // namespace
}  // namespace kb
