#include "server/search/search_service.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "core/schema.h"
#include "core/slug.h"
#include "server/search/related_articles.h"

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
  const std::shared_ptr<const PopularityTable> popularity =
      popularity_ ? popularity_->Current() : nullptr;

  std::shared_ptr<const QueryAnalysis> analysis;
  auto result = index_.WithDatabase<SearchResult>(
      [&](const Xapian::Database& db, const IndexInfo& info) -> Result<SearchResult> {
        // Once per request (a retry on a reopened database may see a new generation).
        analysis = std::make_shared<const QueryAnalysis>(AnalyseQuery(*request, info));
        if (!cache_) return searcher_.Search(db, info, *request, *analysis, popularity.get());
        // Results depend on the index generation and, through popularity, on the table in use.
        const std::string key = ResultCache::KeyFor(
            info.generation + "/" + std::to_string(popularity ? popularity->version() : 0),
            *request);
        if (auto cached = cache_->Get(key)) return SearchResult(*cached);
        auto found = searcher_.Search(db, info, *request, *analysis, popularity.get());
        if (found.ok()) cache_->Put(key, *found);
        return found;
      });
  if (!result.ok()) return result.status();
  SearchResponse response;
  response.result = std::move(*result);
  response.search_id = NewSearchId();
  response.analysis = std::move(analysis);
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (recorder_) recorder_->RecordSearch(*request, response, caller);
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

namespace kb {

Result<std::vector<ArticleLink>> SearchService::RelatedArticles(const ArticleRecord& article,
                                                                const Caller& caller,
                                                                std::size_t limit) {
  return index_.WithDatabase<std::vector<ArticleLink>>(
      [&](const Xapian::Database& db, const IndexInfo&) -> Result<std::vector<ArticleLink>> {
        try {
          return FindRelatedArticles(db, article, caller.agent, limit);
        } catch (const Xapian::Error& e) {
          return Status::Unavailable("index_error", e.get_description());
        }
      });
}

}  // namespace kb

namespace kb {

Result<std::vector<std::string>> SearchService::Categories() {
  return index_.WithDatabase<std::vector<std::string>>(
      [](const Xapian::Database& db, const IndexInfo&) -> Result<std::vector<std::string>> {
        try {
          const std::string prefix(schema::kCategory.prefix);
          std::vector<std::string> categories;
          for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            categories.push_back((*it).substr(prefix.size()));
          }
          return categories;
        } catch (const Xapian::Error& e) {
          return Status::Unavailable("index_error", e.get_description());
        }
      });
}

}  // namespace kb
