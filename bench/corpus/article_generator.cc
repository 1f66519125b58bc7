#include "bench/corpus/article_generator.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "bench/corpus/vocabulary.h"
#include "core/slug.h"

namespace kb::bench {
namespace {

const std::vector<std::string> kVerbs = {
    "Set up", "Change",  "Reset",   "Delete",   "Export", "Import",    "Share",  "Connect",
    "Cancel", "Restore", "Invite",  "Remove",   "Enable", "Disable",   "Update", "Sync",
    "Move",   "Rename",  "Archive", "Download", "Upload", "Configure", "Manage", "Transfer",
    "Merge",  "Unlock",  "Recover", "Schedule", "Limit",  "Audit"};
const std::vector<std::string> kObjects = {"password",
                                           "workspace",
                                           "invoices",
                                           "subscription",
                                           "pages",
                                           "templates",
                                           "notebooks",
                                           "team members",
                                           "integrations",
                                           "webhooks",
                                           "API keys",
                                           "calendar",
                                           "reminders",
                                           "tags",
                                           "folders",
                                           "backups",
                                           "exports",
                                           "comments",
                                           "mentions",
                                           "attachments",
                                           "notifications",
                                           "SSO",
                                           "custom domain",
                                           "seats",
                                           "plan",
                                           "payment method",
                                           "receipts",
                                           "mobile app",
                                           "desktop app",
                                           "offline mode",
                                           "shortcuts",
                                           "audit log",
                                           "permissions",
                                           "roles",
                                           "guests",
                                           "share links",
                                           "embeds",
                                           "databases",
                                           "boards",
                                           "sync settings",
                                           "two-factor authentication",
                                           "email address",
                                           "billing contact",
                                           "data retention",
                                           "storage quota",
                                           "version history"};
const std::vector<std::string> kTitleForms = {
    "{verb} {product} {object}",  "How to {verb} {object} in {product}",
    "{verb} your {object}",       "Troubleshoot {product} {object}",
    "{product} {object} FAQ",     "Why {object} do not sync with {product}",
    "{product}: {verb} {object}", "Limits of {product} {object}"};
const std::vector<std::string> kHeadingForms = {"{verb} {object}",
                                                "Before you start",
                                                "Requirements",
                                                "Troubleshooting",
                                                "{verb} {object} with {product}",
                                                "Limits",
                                                "Frequently asked questions",
                                                "What happens to your {object}",
                                                "On mobile",
                                                "For admins",
                                                "Known issues",
                                                "{product} settings",
                                                "Error {code}",
                                                "Plans and availability",
                                                "Related articles"};
const std::vector<std::string> kTags = {
    "account",      "login",  "security",     "billing",     "refund",        "invoice",
    "sync",         "mobile", "desktop",      "api",         "webhooks",      "sso",
    "scim",         "export", "import",       "sharing",     "permissions",   "admin",
    "offline",      "search", "templates",    "calendar",    "notifications", "storage",
    "privacy",      "gdpr",   "errors",       "performance", "onboarding",    "teams",
    "guests",       "backup", "audit",        "enterprise",  "education",     "shortcuts",
    "integrations", "slack",  "google-drive", "email"};
const std::vector<std::string> kCodeLanguages = {"bash", "json", "yaml", "python", "javascript"};

std::string Fill(std::string form, const std::string& verb, const std::string& object,
                 const std::string& product, const std::string& code) {
  const std::pair<std::string, std::string> fields[] = {
      {"{verb}", verb}, {"{object}", object}, {"{product}", product}, {"{code}", code}};
  for (const auto& [name, value] : fields) {
    for (std::size_t at; (at = form.find(name)) != std::string::npos;) {
      form.replace(at, name.size(), value);
    }
  }
  form[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(form[0])));
  return form;
}

int WordCount(const std::string& text) {
  std::istringstream in(text);
  int n = 0;
  for (std::string word; in >> word;) ++n;
  return n;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

const std::vector<std::string>& Categories() {
  static const std::vector<std::string> kCategories = {
      "account-and-login",    "billing",
      "getting-started",      "integrations",
      "security-and-privacy", "troubleshooting",
      "mobile-and-desktop",   "collaboration",
      "api-and-developers",   "admin-and-workspaces"};
  return kCategories;
}

std::string ArticleGenerator::Paragraph(std::size_t index, Random& random, int sentences) const {
  std::string paragraph;
  for (int i = 0; i < sentences; ++i) {
    std::istringstream words(text_.Sentence(random));
    std::string sentence;
    for (std::string word; words >> word;) {
      // Long lower-case words are mostly nouns and verbs: some become product names, which
      // gives every article its own specific vocabulary.
      const bool plain = word.size() >= 7 && std::islower(static_cast<unsigned char>(word[0])) &&
                         std::isalpha(static_cast<unsigned char>(word.back()));
      if (plain && random.Chance(0.15)) word = PickProductName(seed_, index, random);
      sentence += (sentence.empty() ? "" : " ") + word;
    }
    paragraph += (paragraph.empty() ? "" : " ") + sentence;
  }
  return paragraph;
}

std::string ArticleGenerator::Block(std::size_t index, Random& random, std::string_view topic,
                                    int* words) const {
  std::string block;
  const double kind = random.Unit();
  if (kind < 0.55) {
    block = Paragraph(index, random, random.Between(2, 6));
  } else if (kind < 0.70) {
    const int items = random.Between(3, 6);
    const bool steps = random.Chance(0.5);
    for (int i = 0; i < items; ++i) {
      block += (steps ? std::to_string(i + 1) + ". " : "- ") + Paragraph(index, random, 1) + "\n";
    }
  } else if (kind < 0.80) {
    block = "| Setting | " + std::string(topic) + " | Notes |\n|---|---|---|\n";
    for (int row = random.Between(2, 6); row > 0; --row) {
      block += "| " + random.Pick(kObjects) + " | " +
               (random.Chance(0.5) ? "On" : std::to_string(random.Between(1, 500))) + " | " +
               Paragraph(index, random, 1) + " |\n";
    }
  } else if (kind < 0.88) {
    const std::string language = random.Pick(kCodeLanguages);
    const std::string name = Lower(PickProductName(seed_, index, random));
    block = "```" + language + "\n";
    if (language == "json") {
      block += "{\n  \"" + name +
               "\": {\"enabled\": true, \"limit\": " + std::to_string(random.Between(1, 1000)) +
               "},\n  \"workspace\": \"acme-" + std::to_string(index) + "\"\n}\n";
    } else if (language == "bash") {
      block += "curl -H \"Authorization: Bearer $TOKEN\" \\\n  https://api.quillpad.com/v2/" +
               name + "?limit=" + std::to_string(random.Between(1, 100)) + "\n";
    } else {
      block += name + "_client = connect(\"" + name +
               "\", retries=" + std::to_string(random.Between(1, 9)) + ")\n" + name +
               "_client.sync()\n";
    }
    block += "```\n";
  } else {
    block = "> **Note:** " + Paragraph(index, random, random.Between(1, 2));
  }
  *words += WordCount(block);
  if (block.back() != '\n') block += '\n';
  return block + "\n";  // a blank line ends every block
}

GeneratedArticle ArticleGenerator::Generate(std::size_t index) const {
  Random random = Random::For(seed_, index);
  GeneratedArticle article;
  const std::string product = PickProductName(seed_, index, random);
  const std::string verb = random.Pick(kVerbs);
  const std::string object = random.Pick(kObjects);
  const std::string code = "QP-" + std::to_string(random.Between(1000, 9999));
  article.title = Fill(random.Pick(kTitleForms), Lower(verb), object, product, code);
  const std::string category = random.Pick(Categories());
  article.internal = random.Chance(0.03);

  // Lengths from about a hundred and fifty to a few thousand words, most of them short: a
  // median near 300 and a mean near 650, like the sample help center's 490 with a longer tail.
  const double u = random.Unit();
  const int target_words = 150 + static_cast<int>(2600 * u * u * u * u);

  std::string front = "---\ntitle: \"" + article.title + "\"\ntags: [";
  for (int t = random.Between(1, 4); t > 0; --t) front += random.Pick(kTags) + (t > 1 ? ", " : "");
  front += "]\nkeywords: [" + Lower(verb) + " " + Lower(product) + ", " + object + "]\n";
  std::string summary = Paragraph(index, random, 1);
  for (char& c : summary) {
    if (c == '"' || c == '\\') c = '\'';  // it goes into a double-quoted YAML string
  }
  front += "summary: \"" + summary + "\"\n";
  if (article.internal) front += "audience: internal\n";
  char updated[48];  // room for any int, so the compiler can prove nothing is truncated
  std::snprintf(updated, sizeof updated, "%04d-%02d-%02d", 2024 + random.Between(0, 2),
                random.Between(1, 12), random.Between(1, 28));
  front += "updated: " + std::string(updated) + "\n---\n\n";

  std::string body;
  int words = 0;
  body += Paragraph(index, random, random.Between(2, 4)) + "\n\n";
  article.sentences.push_back(summary);
  while (words < target_words) {
    const std::string heading = Fill(random.Pick(kHeadingForms), Lower(random.Pick(kVerbs)),
                                     random.Pick(kObjects), product, code);
    const bool subsection = !article.headings.empty() && random.Chance(0.3);
    body += (subsection ? "### " : "## ") + heading + "\n\n";
    article.headings.push_back(heading);
    const std::string opening = Paragraph(index, random, 1);
    body += opening + "\n\n";
    words += WordCount(opening);
    if (article.sentences.size() < 6) article.sentences.push_back(opening);
    // About 250 words a section: three to four sections for a typical article.
    for (int blocks = random.Between(2, 6); blocks > 0; --blocks) {
      body += Block(index, random, product, &words);
    }
  }
  // The slug says what the article is, and the index keeps it unique.
  article.path = category + "/" + Slugify(article.title) + "-" + std::to_string(index) + ".md";
  article.markdown = front + body;
  return article;
}

std::string ArticleGenerator::EditParagraph(std::size_t index, int revision) const {
  Random random = Random::For(seed_ ^ 0x65646974ULL, index * 1000 + revision);
  return "## Changes in revision " + std::to_string(revision) + "\n\n" +
         Paragraph(index, random, random.Between(2, 5)) + "\n";
}

}  // namespace kb::bench
