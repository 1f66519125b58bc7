// kb-bench-corpus: writes the benchmark help center and its queries, or edits a share of it
// between two indexing runs. Everything is deterministic in --seed.
//
//   kb-bench-corpus generate --articles 10000 --out DIR   DIR/articles/, DIR/queries.tsv,
//                                                         DIR/search-paths.txt
//   kb-bench-corpus edit --percent 1 --out DIR            rewrites 1% of DIR/articles/
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/corpus/article_generator.h"
#include "bench/corpus/query_generator.h"

namespace {
namespace fs = std::filesystem;

std::string UrlEncode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool WriteFile(const fs::path& path, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) std::cerr << "kb-bench-corpus: cannot write " << path.string() << "\n";
  return static_cast<bool>(out);
}

int Generate(const kb::bench::MarkovText& text, std::uint64_t seed, std::size_t articles,
             std::size_t query_count, const fs::path& out) {
  std::error_code ec;
  fs::remove_all(out / "articles", ec);
  const kb::bench::ArticleGenerator generator(text, seed);
  kb::bench::QueryGenerator queries(seed);
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < articles; ++i) {
    const kb::bench::GeneratedArticle article = generator.Generate(i);
    if (!WriteFile(out / "articles" / article.path, article.markdown)) return 2;
    bytes += article.markdown.size();
    queries.Add(article);
  }
  std::string tsv = "kind\tquery\n";
  std::string paths;
  std::size_t n = 0;
  for (const kb::bench::BenchQuery& query : queries.Generate(query_count)) {
    tsv += query.kind + "\t" + query.text + "\n";
    // The widget sends an anonymous session id with every search; a few hundred visitors.
    paths += "/api/search?q=" + UrlEncode(query.text) + "&session=bench" +
             std::to_string(n++ % 300) + "\n";
  }
  if (!WriteFile(out / "queries.tsv", tsv) || !WriteFile(out / "search-paths.txt", paths)) return 2;
  std::cout << "wrote " << articles << " articles (" << bytes / 1024 / 1024 << " MiB) and " << n
            << " queries to " << out.string() << "\n";
  return 0;
}

// The index of a generated article, from its file name ("...-42.md"); -1 when not one of ours.
long ArticleIndex(const fs::path& path) {
  const std::string stem = path.stem().string();
  const std::size_t dash = stem.rfind('-');
  if (dash == std::string::npos) return -1;
  try {
    return std::stol(stem.substr(dash + 1));
  } catch (const std::exception&) {
    return -1;
  }
}

int Edit(const kb::bench::MarkovText& text, std::uint64_t seed, double percent, int revision,
         const fs::path& out) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(out / "articles", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file() && ArticleIndex(it->path()) >= 0) files.push_back(it->path());
  }
  if (ec || files.empty()) {
    std::cerr << "kb-bench-corpus: no generated articles in " << (out / "articles").string()
              << "; run 'kb-bench-corpus generate' first\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  const auto stride = static_cast<std::size_t>(std::max(1.0, 100.0 / percent));
  const kb::bench::ArticleGenerator generator(text, seed);
  std::size_t edited = 0;
  for (std::size_t i = revision % stride; i < files.size(); i += stride) {
    std::ifstream in(files[i], std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += "\n" + generator.EditParagraph(ArticleIndex(files[i]), revision);
    if (!WriteFile(files[i], bytes)) return 2;
    ++edited;
  }
  std::cout << "edited " << edited << " of " << files.size() << " articles\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes the kb benchmark help center and its queries (deterministic in --seed).",
               "kb-bench-corpus"};
  app.require_subcommand(1);
  std::string train = "articles";
  std::string out;
  std::uint64_t seed = 20261123;
  app.add_option("--train", train, "Sample help center the text model learns from")
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed of every random choice")->capture_default_str();
  std::size_t articles = 1000;
  std::size_t query_count = 2000;
  CLI::App* generate = app.add_subcommand("generate", "Write DIR/articles and the queries");
  generate->add_option("--out", out, "Output folder")->required();
  generate->add_option("--articles", articles, "How many articles")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  generate->add_option("--queries", query_count, "How many queries")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  double percent = 1;
  int revision = 1;
  CLI::App* edit = app.add_subcommand("edit", "Append a section to a share of DIR/articles");
  edit->add_option("--out", out, "Folder written by 'generate'")->required();
  edit->add_option("--percent", percent, "Share of the articles to edit")
      ->check(CLI::Range(0.001, 100.0))
      ->capture_default_str();
  edit->add_option("--revision", revision, "Which edit this is (picks other articles and text)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto text = kb::bench::MarkovText::Train(train);
  if (!text.ok()) {
    std::cerr << "kb-bench-corpus: " << text.status().message() << "\n";
    return 2;
  }
  if (generate->parsed()) return Generate(*text, seed, articles, query_count, out);
  return Edit(*text, seed, percent, revision, out);
}
