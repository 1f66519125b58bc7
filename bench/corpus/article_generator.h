// One article of the benchmark help center: front matter, an introduction, `##`/`###` sections
// with paragraphs, lists, steps, tables, code and notes, from a few hundred to a few thousand
// words. Article i depends only on the seed and i.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/corpus/markov_text.h"

namespace kb::bench {

struct GeneratedArticle {
  std::string path;  // relative, in its category folder: "billing/export-brindle-invoices-42.md"
  std::string markdown;
  // What queries are made of.
  std::string title;
  std::vector<std::string> headings;
  std::vector<std::string> sentences;  // a few of the body's sentences
  bool internal = false;               // internal articles are never found by customers
};

// The help center's categories: one folder each.
const std::vector<std::string>& Categories();

class ArticleGenerator {
 public:
  // `text` must outlive the generator.
  ArticleGenerator(const MarkovText& text, std::uint64_t seed) : text_(text), seed_(seed) {}

  GeneratedArticle Generate(std::size_t index) const;

  // A paragraph that `Generate` would not have written, for edits between indexing runs.
  std::string EditParagraph(std::size_t index, int revision) const;

 private:
  std::string Paragraph(std::size_t index, Random& random, int sentences) const;
  std::string Block(std::size_t index, Random& random, std::string_view topic, int* words) const;

  const MarkovText& text_;
  std::uint64_t seed_;
};

}  // namespace kb::bench
