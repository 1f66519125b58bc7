// Facet counts: a Xapian match spy that counts the matching articles (not sections) per category
// and tag over the sections Xapian examines, so that a UI can offer them as filters.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace kb {

struct FacetCount {
  std::string value;
  Xapian::doccount count = 0;  // matching articles
};

// What the matching articles have in common, so that a UI can offer filters.
struct Facets {
  std::vector<FacetCount> categories;  // most articles first
  std::vector<FacetCount> tags;
  // False when the query matched more sections than were examined (Xapian stops early on broad
  // queries); the counts are then those of the best-matching articles.
  bool exact = true;
};

inline constexpr std::size_t kMaxFacetValues = 20;

class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;

  // Sections looked at so far.
  Xapian::doccount examined() const { return examined_; }
  // The counts, most articles first, at most kMaxFacetValues of each.
  Facets Take() const;

 private:
  Xapian::doccount examined_ = 0;
  std::unordered_set<std::string> articles_;
  std::map<std::string, Xapian::doccount> categories_;
  std::map<std::string, Xapian::doccount> tags_;
};

}  // namespace kb
