#include "server/search/curation.h"

#include <algorithm>

#include "core/schema.h"

namespace kb {

PageSplit SplitPage(std::size_t pins, Xapian::doccount offset, Xapian::doccount limit) {
  PageSplit split;
  split.first_pin = std::min<std::size_t>(offset, pins);
  split.pins = std::min<std::size_t>(pins - split.first_pin, limit);
  split.ranked_offset = offset > pins ? offset - static_cast<Xapian::doccount>(pins) : 0;
  split.ranked_limit = limit - static_cast<Xapian::doccount>(split.pins);
  return split;
}

Xapian::MSet PinnedSection(const Xapian::Database& db, const std::string& slug,
                           const Xapian::Query& text_query, QueryFilters filters) {
  filters.exclude_articles.clear();
  const Xapian::Query filter =
      ApplyFilters(Xapian::Query(schema::Term(schema::kArticle, slug)), filters);
  Xapian::Enquire enquire(db);
  // The article's sections that pass the filters match; the query only ranks them.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, filter, text_query));
  // Equal weights (no section matches the query) fall back to the first section: the intro.
  enquire.set_sort_by_relevance_then_value(schema::kSlotSection, false);
  return enquire.get_mset(0, 1);
}

}  // namespace kb
