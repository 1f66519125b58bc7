#include "server/search/facet_spy.h"

#include <algorithm>

#include "core/schema.h"

namespace kb {
namespace {

std::vector<FacetCount> Top(const std::map<std::string, Xapian::doccount>& counts) {
  std::vector<FacetCount> top;
  for (const auto& [value, count] : counts) {
    if (!value.empty()) top.push_back({value, count});
  }
  std::stable_sort(top.begin(), top.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  if (top.size() > kMaxFacetValues) top.resize(kMaxFacetValues);
  return top;
}

}  // namespace

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++examined_;
  // One value read per section: slug, category, then the tags (see schema::kSlotFacets).
  const std::string facets = doc.get_value(schema::kSlotFacets);
  std::size_t end = facets.find(schema::kFacetSeparator);
  if (end == std::string::npos || !articles_.insert(facets.substr(0, end)).second) return;
  for (int field = 1; end < facets.size(); ++field) {
    const std::size_t start = end + 1;
    end = facets.find(schema::kFacetSeparator, start);
    if (end == std::string::npos) end = facets.size();
    ++(field == 1 ? categories_ : tags_)[facets.substr(start, end - start)];
  }
}

Facets FacetSpy::Take() const {
  Facets facets;
  facets.categories = Top(categories_);
  facets.tags = Top(tags_);
  return facets;
}

}  // namespace kb
