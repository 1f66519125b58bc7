// Recent search results, for requests that repeat: search-as-you-type sends the same few
// prefixes from many visitors ("pass", "passw", "password"). Keyed by the index generation and
// the validated request, so a new index never serves an old answer; a bounded LRU. Safe to use
// from every worker thread.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/search/search_request.h"
#include "server/search/searcher.h"

namespace kb {

struct ResultCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t entries = 0;
};

class ResultCache {
 public:
  // Holds up to `capacity` results (spread over a few shards, each an LRU of its share).
  explicit ResultCache(std::size_t capacity);

  // Every field of `request` that changes the results, and the generation searched. The
  // session is not part of it: it changes what is logged, not what is found.
  static std::string KeyFor(const std::string& generation, const SearchRequest& request);

  // The result stored under `key`, or null.
  std::shared_ptr<const SearchResult> Get(const std::string& key);
  void Put(const std::string& key, SearchResult result);

  ResultCacheStats stats() const;

 private:
  struct Shard {
    using Entry = std::pair<std::string, std::shared_ptr<const SearchResult>>;
    mutable std::mutex mutex;
    std::list<Entry> recent;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };
  Shard& ShardFor(const std::string& key);

  std::size_t capacity_per_shard_;
  std::vector<Shard> shards_;
};

}  // namespace kb
