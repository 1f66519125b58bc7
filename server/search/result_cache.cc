#include "server/search/result_cache.h"

#include <functional>

namespace kb {
namespace {

// Worker threads look up at once; shards keep them from queueing on one lock.
constexpr std::size_t kShards = 8;

}  // namespace

ResultCache::ResultCache(std::size_t capacity)
    : capacity_per_shard_((capacity + kShards - 1) / kShards), shards_(kShards) {}

std::string ResultCache::KeyFor(const std::string& generation, const SearchRequest& request) {
  // Each field is written with its length first, so that no two requests share a key whatever
  // their text holds.
  std::string key;
  auto add = [&key](const std::string& field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
  };
  add(generation);
  for (const std::string* field : {&request.query, &request.locale, &request.category}) {
    add(*field);
  }
  add(std::to_string(request.tags.size()));
  for (const std::string& tag : request.tags) add(tag);
  add(std::to_string(request.limit));
  add(std::to_string(request.offset));
  add(request.include_internal ? "agent" : "customer");
  add(request.facets ? "facets" : "");
  return key;
}

ResultCache::Shard& ResultCache::ShardFor(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

std::shared_ptr<const SearchResult> ResultCache::Get(const std::string& key) {
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.by_key.find(key);
  if (found == shard.by_key.end()) {
    ++shard.misses;
    return nullptr;
  }
  ++shard.hits;
  shard.recent.splice(shard.recent.begin(), shard.recent, found->second);
  return found->second->second;
}

void ResultCache::Put(const std::string& key, SearchResult result) {
  if (capacity_per_shard_ == 0) return;
  auto stored = std::make_shared<const SearchResult>(std::move(result));
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mutex);
  if (const auto found = shard.by_key.find(key); found != shard.by_key.end()) {
    found->second->second = std::move(stored);
    shard.recent.splice(shard.recent.begin(), shard.recent, found->second);
    return;
  }
  shard.recent.emplace_front(key, std::move(stored));
  shard.by_key[key] = shard.recent.begin();
  if (shard.recent.size() > capacity_per_shard_) {
    shard.by_key.erase(shard.recent.back().first);
    shard.recent.pop_back();
  }
}

ResultCacheStats ResultCache::stats() const {
  ResultCacheStats stats;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    stats.hits += shard.hits;
    stats.misses += shard.misses;
    stats.entries += shard.recent.size();
  }
  return stats;
}

}  // namespace kb
