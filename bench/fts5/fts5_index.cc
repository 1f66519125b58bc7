#include "bench/fts5/fts5_index.h"

#include <sqlite3.h>

#include <filesystem>

#include "core/schema.h"
#include "indexer/article_source.h"

namespace kb::bench {
namespace {

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::Unavailable("sqlite", what + ": " + sqlite3_errmsg(db));
}

// Closes the database on every path out of BuildFts5Index.
struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close(db); }
};

}  // namespace

Result<int> BuildFts5Index(const std::string& articles_dir, const std::string& db_path) {
  std::error_code ec;
  std::filesystem::remove(db_path, ec);
  Connection connection;
  if (sqlite3_open(db_path.c_str(), &connection.db) != SQLITE_OK) {
    return SqliteError(connection.db, "cannot create " + db_path);
  }
  sqlite3* db = connection.db;
  // The porter stemmer over unicode61, as close as FTS5 comes to kb's stemming.
  const char* schema =
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
      "CREATE VIRTUAL TABLE sections USING fts5(title, heading, body, slug UNINDEXED,"
      " anchor UNINDEXED, category UNINDEXED, tokenize='porter unicode61 remove_diacritics 2');"
      "BEGIN;";
  if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db, "cannot create the table");
  }
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)", -1, &insert,
                         nullptr) != SQLITE_OK) {
    return SqliteError(db, "cannot prepare the insert");
  }
  DirectorySource source(articles_dir);
  std::vector<std::string> problems;
  auto paths = source.List(problems);
  if (!paths.ok()) {
    sqlite3_finalize(insert);
    return paths.status();
  }
  int sections = 0;
  for (const std::string& path : *paths) {
    auto file = source.Read(path);
    if (!file.ok()) continue;
    const ParsedArticle parsed = ParseArticle(*file);
    if (!parsed.ok() || parsed.article.audience != schema::kPublic) continue;
    const Article& article = parsed.article;
    for (std::size_t i = 0; i < article.sections.size(); ++i) {
      const MarkdownSection& section = article.sections[i];
      // The introduction also carries the summary, as in kb's index.
      const std::string body =
          i == 0 && !article.summary.empty() ? article.summary + "\n" + section.text : section.text;
      const std::string* columns[] = {&article.title, &section.heading, &body,
                                      &article.slug,  &section.anchor,  &article.category};
      for (int c = 0; c < 6; ++c) {
        sqlite3_bind_text(insert, c + 1, columns[c]->data(), static_cast<int>(columns[c]->size()),
                          SQLITE_STATIC);
      }
      if (sqlite3_step(insert) != SQLITE_DONE) {
        sqlite3_finalize(insert);
        return SqliteError(db, "cannot insert a section of " + path);
      }
      sqlite3_reset(insert);
      ++sections;
    }
  }
  sqlite3_finalize(insert);
  if (sqlite3_exec(db, "COMMIT; INSERT INTO sections(sections) VALUES('optimize');", nullptr,
                   nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db, "cannot commit");
  }
  return sections;
}

}  // namespace kb::bench
