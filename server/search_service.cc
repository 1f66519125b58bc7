#include "server/search_service.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "core/schema.h"
#include "core/slug.h"

namespace kb {
namespace {

std::string NewSearchId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random()));
  return id;
}

}  // namespace

Result<SearchResponse> SearchService::Search(const QueryParams& params, const Caller& caller) {
  const auto start = std::chrono::steady_clock::now();
  auto request = ParseSearchRequest(params, limits_);
  if (!request.ok()) return request.status();
  request->include_internal = caller.agent;

  auto result =
      index_.WithDatabase<SearchResult>([&](const Xapian::Database& db, const IndexInfo& info) {
        return searcher_.Search(db, info, *request);
      });
  if (!result.ok()) return result.status();
  SearchResponse response;
  response.result = std::move(*result);
  response.search_id = NewSearchId();
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

Result<ArticleRecord> SearchService::Article(const std::string& slug, const Caller& caller) {
  const Status not_found = Status::NotFound(
      "article_not_found", "no article with slug '" + slug + "'; search for it instead");
  if (!IsValidArticleSlug(slug)) return not_found;
  auto record = index_.WithDatabase<ArticleRecord>(
      [&](const Xapian::Database& db, const IndexInfo&) -> Result<ArticleRecord> {
        try {
          const std::string data = db.get_metadata(schema::ArticleKey(slug));
          if (data.empty()) return not_found;
          return ParseArticleRecord(data);
        } catch (const Xapian::Error& e) {
          return Status::Unavailable("index_error", e.get_description());
        }
      });
  if (record.ok() && record->audience != schema::kPublic && !caller.agent) return not_found;
  return record;
}

}  // namespace kb
