// Popularity: articles that customers opened and found helpful after a kind of query rise a
// little for that kind of query. "Kind" is the normalized query (stems, stopwords dropped, order
// ignored), the same form the gap report groups by.
//
// The boost is a factor in [1, 1 + kMaxPopularityBoost], applied only to articles the query
// already matched: it reorders close results, it never brings in an article that does not match,
// and it cannot lift one above another that scores more than kMaxPopularityBoost higher.
//
// This is the table search reads; insight/popularity_refresher.h fills it from the log.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace kb {

inline constexpr double kMaxPopularityBoost = 0.15;
// How many matches beyond the page popularity may pull up into it.
inline constexpr int kPopularityCandidates = 10;

class PopularityTable {
 public:
  // `version` distinguishes successive tables of one source (cached results name the one they
  // were ranked with); 0 is the empty table's.
  explicit PopularityTable(std::uint64_t version = 0) : version_(version) {}

  // Adds `score` (positive: helped; negative: did not) for `slug` after queries normalized to
  // `normalized`.
  void Add(const std::string& normalized, const std::string& slug, double score) {
    scores_[normalized][slug] += score;
  }

  bool Knows(const std::string& normalized) const { return scores_.count(normalized) > 0; }
  // 1 when nothing is known.
  double Boost(const std::string& normalized, const std::string& slug) const;
  std::size_t queries() const { return scores_.size(); }
  std::uint64_t version() const { return version_; }

 private:
  std::uint64_t version_;
  std::unordered_map<std::string, std::unordered_map<std::string, double>> scores_;
};

}  // namespace kb
