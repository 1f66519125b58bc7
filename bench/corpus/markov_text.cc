#include "bench/corpus/markov_text.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace kb::bench {
namespace fs = std::filesystem;
namespace {

bool EndsSentence(const std::string& word) {
  const char last = word.back();
  return last == '.' || last == '?' || last == '!';
}

// The prose of one Markdown file: paragraphs and list items, without front matter, headings,
// tables, code or inline markup. Returns "" for a file in another language.
std::string ProseOf(const std::string& markdown) {
  std::istringstream in(markdown);
  std::string line;
  std::string prose;
  bool in_front_matter = false;
  bool in_code = false;
  int line_number = 0;
  static const std::regex kLink(R"(\[([^\]]*)\]\([^)]*\))");
  static const std::regex kMarkup(R"(\*\*|`|__|\*)");
  static const std::regex kListMarker(R"(^\s*([-*+]|\d+\.)\s+)");
  while (std::getline(in, line)) {
    ++line_number;
    if (line_number == 1 && line == "---") {
      in_front_matter = true;
      continue;
    }
    if (in_front_matter) {
      if (line == "---") in_front_matter = false;
      if (line.rfind("locale:", 0) == 0 && line.find("en") == std::string::npos) return "";
      continue;
    }
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (in_code || line.empty() || line[0] == '#' || line[0] == '|' || line[0] == '>') continue;
    line = std::regex_replace(line, kLink, "$1");
    line = std::regex_replace(line, kMarkup, "");
    line = std::regex_replace(line, kListMarker, "");
    if (line.empty()) continue;
    prose += line;
    // A list item without a full stop still ends its sentence.
    prose += EndsSentence(line) ? " " : ". ";
  }
  return prose;
}

}  // namespace

Result<MarkovText> MarkovText::Train(const std::string& articles_dir) {
  MarkovText model;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(articles_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
  }
  if (ec) {
    return Status::InvalidArgument("training_text",
                                   "cannot read " + articles_dir + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());  // the chain's follower lists must not depend on readdir
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream bytes;
    bytes << in.rdbuf();
    model.Learn(ProseOf(bytes.str()));
  }
  if (model.starts_.size() < 100) {
    return Status::InvalidArgument("training_text",
                                   articles_dir + " holds " + std::to_string(model.starts_.size()) +
                                       " English sentences; the text model needs at least 100 "
                                       "(point --train at the sample help center, articles/)");
  }
  return model;
}

void MarkovText::Learn(const std::string& prose) {
  std::istringstream in(prose);
  std::string word;
  std::string previous;
  std::set<std::string> seen(content_words_.begin(), content_words_.end());
  while (in >> word) {
    if (previous.empty() || EndsSentence(previous)) {
      starts_.push_back(word);
    } else {
      next_[previous].push_back(word);
    }
    std::string plain;
    for (char c : word) {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (plain.size() >= 3 && plain.size() == word.size() - (EndsSentence(word) ? 1 : 0) &&
        seen.insert(plain).second) {
      content_words_.push_back(plain);
    }
    previous = word;
  }
}

std::string MarkovText::Sentence(Random& random) const {
  std::string word = random.Pick(starts_);
  std::string sentence = word;
  for (int length = 1; !EndsSentence(word); ++length) {
    const auto followers = next_.find(word);
    if (followers == next_.end() || length >= 40) {
      sentence += ".";
      break;
    }
    word = random.Pick(followers->second);
    sentence += " " + word;
  }
  if (sentence.size() < 20) return Sentence(random);  // too short to read as a sentence
  return sentence;
}

}  // namespace kb::bench
