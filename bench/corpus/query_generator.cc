#include "bench/corpus/query_generator.h"

#include <cctype>
#include <set>
#include <sstream>

#include "bench/corpus/vocabulary.h"

namespace kb::bench {
namespace {

bool IsStopword(const std::string& word) {
  static const std::set<std::string> kStopwords = {
      "the",   "and",    "for",   "with", "your",  "you",   "this",  "that",  "from",
      "are",   "can",    "not",   "will", "have",  "has",   "was",   "were",  "they",
      "them",  "their",  "what",  "when", "which", "into",  "then",  "than",  "there",
      "here",  "also",   "only",  "just", "does",  "how",   "who",   "all",   "any",
      "out",   "its",    "our",   "but",  "use",   "more",  "some",  "other", "each",
      "after", "before", "about", "it's", "don't", "isn't", "can't", "won't"};
  return kStopwords.count(word) > 0;
}

// Lower-case words of `text` with punctuation stripped; content words only when `content`.
std::vector<std::string> Words(const std::string& text, bool content) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string raw; in >> raw;) {
    std::string word;
    for (char c : raw) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    while (!word.empty() && word.back() == '-') word.pop_back();
    if (word.empty()) continue;
    if (content && (word.size() < 4 || IsStopword(word))) continue;
    words.push_back(word);
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
  std::string out;
  for (std::size_t i = from; i < from + count && i < words.size(); ++i) {
    out += (out.empty() ? "" : " ") + words[i];
  }
  return out;
}

}  // namespace

std::string Misspell(const std::string& word, int edits, Random& random) {
  std::string typo = word;
  for (int i = 0; i < edits || typo == word; ++i) {
    const std::size_t at = 1 + random.Below(typo.size() - 2);  // first and last letters stay
    switch (random.Below(4)) {
      case 0:
        typo.erase(at, 1);
        break;
      case 1:
        typo.insert(at, 1, typo[at]);
        break;
      case 2:
        std::swap(typo[at], typo[at + 1]);
        break;
      default:
        typo[at] = static_cast<char>('a' + random.Below(26));
        break;
    }
  }
  return typo;
}

void QueryGenerator::Add(const GeneratedArticle& article) {
  if (article.internal) return;
  Source source;
  source.title_words = Words(article.title, true);
  for (const std::string& heading : article.headings) {
    auto words = Words(heading, true);
    if (words.size() >= 2) source.phrases.push_back(std::move(words));
  }
  for (const std::string& sentence : article.sentences) {
    auto words = Words(sentence, true);
    if (words.size() >= 2) source.phrases.push_back(std::move(words));
  }
  source.sentence = article.sentences.empty() ? article.title : article.sentences.back();
  if (source.title_words.size() >= 2 && !source.phrases.empty()) {
    sources_.push_back(std::move(source));
  }
}

std::string QueryGenerator::Question(const Source& source) {
  if (random_.Chance(0.5)) {
    // A question about what the title says, in a customer's words.
    static const std::vector<std::string> kForms = {"how do i ", "how can i ", "why can't i ",
                                                    "is it possible to ", "where do i "};
    return random_.Pick(kForms) + Join(source.title_words, 0, random_.Between(2, 4));
  }
  // A question taken from a sentence of the article: 5 to 10 of its words.
  const auto words = Words(source.sentence, false);
  const std::size_t count = std::min<std::size_t>(words.size(), random_.Between(5, 10));
  return Join(words, 0, count) + "?";
}

std::string QueryGenerator::TwoWords(const Source& source) {
  const auto& words = random_.Chance(0.4) ? source.title_words : random_.Pick(source.phrases);
  const std::size_t from = random_.Below(words.size() - 1);
  return Join(words, from, 2);
}

std::string QueryGenerator::Prefix(const Source& source) {
  const auto& words = random_.Chance(0.5) ? source.title_words : random_.Pick(source.phrases);
  const std::size_t complete = random_.Below(std::min<std::size_t>(words.size(), 3));
  const std::string& typing = words[complete];
  const std::size_t typed = std::min<std::size_t>(typing.size() - 1, random_.Between(2, 5));
  const std::string done = Join(words, 0, complete);
  return (done.empty() ? "" : done + " ") + typing.substr(0, typed);
}

std::string QueryGenerator::Typo(const Source& source) {
  auto words = random_.Chance(0.5) ? source.title_words : random_.Pick(source.phrases);
  words.resize(std::min<std::size_t>(words.size(), random_.Between(1, 3)));
  std::size_t longest = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].size() > words[longest].size()) longest = i;
  }
  if (words[longest].size() >= 5) {
    words[longest] = Misspell(words[longest], words[longest].size() >= 8 ? 2 : 1, random_);
  }
  return Join(words, 0, words.size());
}

std::string QueryGenerator::Nothing() {
  std::string query = AbsentWord(random_);
  if (random_.Chance(0.5)) query += " " + AbsentWord(random_);
  if (random_.Chance(0.3)) query = "how do i " + query;
  return query;
}

std::vector<BenchQuery> QueryGenerator::Generate(std::size_t count) {
  std::vector<BenchQuery> queries;
  if (sources_.empty()) return queries;
  for (std::size_t i = 0; i < count; ++i) {
    const Source& source = random_.Pick(sources_);
    // The mix: 25% questions, 25% two words, 20% being typed, 20% misspelt, 10% nothing.
    const std::size_t slot = i % 20;
    if (slot < 5) {
      queries.push_back({"question", Question(source)});
    } else if (slot < 10) {
      queries.push_back({"two_words", TwoWords(source)});
    } else if (slot < 14) {
      queries.push_back({"prefix", Prefix(source)});
    } else if (slot < 18) {
      queries.push_back({"typo", Typo(source)});
    } else {
      queries.push_back({"none", Nothing()});
    }
  }
  return queries;
}

}  // namespace kb::bench
