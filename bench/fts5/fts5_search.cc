#include "bench/fts5/fts5_search.h"

#include <sqlite3.h>

#include <cctype>
#include <map>
#include <memory>
#include <sstream>

#include "core/language.h"

namespace kb::bench {
namespace {

constexpr int kCandidates = 200;  // best sections looked at to fill a page of distinct articles
constexpr std::size_t kMoreSections = 3;

// One read-only connection and its prepared statements, per thread (as kb's Xapian handles).
class ThreadConnection {
 public:
  explicit ThreadConnection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      error_ = "cannot open " + path + ": " + sqlite3_errmsg(db_);
      return;
    }
    Prepare(
        "SELECT rowid, slug, bm25(sections, 6.0, 3.0, 1.0) AS score FROM sections"
        " WHERE sections MATCH ?1 ORDER BY score LIMIT " +
            std::to_string(kCandidates),
        &rank_);
    Prepare(
        "SELECT rowid, title, heading, anchor, category,"
        " snippet(sections, 2, '<mark>', '</mark>', '…', 24) FROM sections"
        " WHERE sections MATCH ?1 AND rowid = ?2",
        &detail_);
    Prepare("SELECT heading, anchor FROM sections WHERE rowid = ?1", &heading_);
  }
  ~ThreadConnection() {
    sqlite3_finalize(rank_);
    sqlite3_finalize(detail_);
    sqlite3_finalize(heading_);
    sqlite3_close(db_);
  }
  const std::string& error() const { return error_; }
  sqlite3* db() const { return db_; }
  sqlite3_stmt* rank() const { return rank_; }
  sqlite3_stmt* detail() const { return detail_; }
  sqlite3_stmt* heading() const { return heading_; }

 private:
  void Prepare(const std::string& sql, sqlite3_stmt** statement) {
    if (error_.empty() &&
        sqlite3_prepare_v2(db_, sql.c_str(), -1, statement, nullptr) != SQLITE_OK) {
      error_ = std::string("cannot prepare a query: ") + sqlite3_errmsg(db_);
    }
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* rank_ = nullptr;
  sqlite3_stmt* detail_ = nullptr;
  sqlite3_stmt* heading_ = nullptr;
  std::string error_;
};

std::string Text(sqlite3_stmt* statement, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return text ? text : "";
}

struct Candidate {
  sqlite3_int64 best_rowid = 0;
  double score = 0;
  std::vector<sqlite3_int64> more;
};

}  // namespace

std::string Fts5MatchExpression(const std::string& query) {
  static const auto english = LanguageForLocale("en");
  std::vector<std::string> words;
  std::string word;
  auto finish = [&] {
    if (!word.empty() && !(*english->stopper)(word)) words.push_back(word);
    word.clear();
  };
  for (unsigned char c : query) {
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else {
      finish();
    }
  }
  const bool typing = !query.empty() && query.back() != ' ' && !word.empty();
  finish();
  std::string expression;
  for (std::size_t i = 0; i < words.size(); ++i) {
    expression += (i ? " OR \"" : "\"") + words[i] + "\"";
    if (typing && i + 1 == words.size()) expression += "*";
  }
  return expression;
}

Result<nlohmann::json> SearchFts5(const std::string& db_path, const std::string& query, int limit) {
  thread_local std::unique_ptr<ThreadConnection> connection;
  if (!connection) connection = std::make_unique<ThreadConnection>(db_path);
  if (!connection->error().empty()) return Status::Unavailable("fts5", connection->error());

  nlohmann::json answer = {{"query", query}, {"results", nlohmann::json::array()}};
  const std::string match = Fts5MatchExpression(query);
  if (match.empty()) {
    answer["total"] = 0;
    return answer;
  }
  // Best sections first; the first of each article is its hit, later ones its "more sections".
  sqlite3_stmt* rank = connection->rank();
  sqlite3_bind_text(rank, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
  std::vector<std::string> order;
  std::map<std::string, Candidate> by_slug;
  while (sqlite3_step(rank) == SQLITE_ROW) {
    const std::string slug = Text(rank, 1);
    auto [it, first] = by_slug.try_emplace(slug);
    if (first) {
      it->second = {sqlite3_column_int64(rank, 0), -sqlite3_column_double(rank, 2), {}};
      order.push_back(slug);
    } else if (it->second.more.size() < kMoreSections) {
      it->second.more.push_back(sqlite3_column_int64(rank, 0));
    }
  }
  sqlite3_reset(rank);
  answer["total"] = order.size();

  sqlite3_stmt* detail = connection->detail();
  sqlite3_stmt* heading = connection->heading();
  auto section = [&](sqlite3_int64 rowid) -> bool {
    sqlite3_bind_text(detail, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(detail, 2, rowid);
    return sqlite3_step(detail) == SQLITE_ROW;
  };
  for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < limit; ++i) {
    const Candidate& candidate = by_slug[order[i]];
    nlohmann::json hit = {{"slug", order[i]}, {"score", candidate.score}};
    if (section(candidate.best_rowid)) {
      hit["title"] = Text(detail, 1);
      hit["section"] = Text(detail, 2);
      hit["anchor"] = Text(detail, 3);
      hit["url"] = "/articles/" + order[i] + "#" + Text(detail, 3);
      hit["category"] = Text(detail, 4);
      hit["snippet"] = Text(detail, 5);
    }
    sqlite3_reset(detail);
    nlohmann::json more = nlohmann::json::array();
    // Like kb, the other sections are listed by heading, without a snippet.
    for (sqlite3_int64 rowid : candidate.more) {
      sqlite3_bind_int64(heading, 1, rowid);
      if (sqlite3_step(heading) == SQLITE_ROW) {
        more.push_back({{"section", Text(heading, 0)},
                        {"anchor", Text(heading, 1)},
                        {"url", "/articles/" + order[i] + "#" + Text(heading, 1)}});
      }
      sqlite3_reset(heading);
    }
    hit["sections"] = std::move(more);
    answer["results"].push_back(std::move(hit));
  }
  return answer;
}

}  // namespace kb::bench
