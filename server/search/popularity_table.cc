#include "server/search/popularity_table.h"

#include <cmath>

namespace kb {

// A score of this many helpful sessions' worth gives 1 - 1/e (63%) of the maximum boost.
constexpr double kPopularitySaturation = 4.5;

double PopularityTable::Boost(const std::string& normalized, const std::string& slug) const {
  const auto query = scores_.find(normalized);
  if (query == scores_.end()) return 1;
  const auto article = query->second.find(slug);
  if (article == query->second.end() || article->second <= 0) return 1;
  // Saturating: three helpful sessions give about two thirds of the maximum, more add little.
  return 1 + kMaxPopularityBoost * (1 - std::exp(-article->second / kPopularitySaturation));
}

}  // namespace kb
