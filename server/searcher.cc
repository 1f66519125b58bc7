#include "server/searcher.h"

#include <algorithm>
#include <map>

#include "core/index_records.h"
#include "core/language.h"
#include "core/schema.h"
#include "server/curation.h"
#include "server/html_escape.h"
#include "server/query_builder.h"

namespace kb {
namespace {

// Matches looked at before the total is estimated, so that small result sets get a close total.
constexpr Xapian::doccount kCheckAtLeast = 100;

// The index locale a requested one maps to: exact ("pt-br"), else its language ("pt").
std::string ResolveLocale(const std::string& requested, const std::vector<std::string>& present) {
  if (std::find(present.begin(), present.end(), requested) != present.end()) return requested;
  const std::string language = requested.substr(0, requested.find('-'));
  if (std::find(present.begin(), present.end(), language) != present.end()) return language;
  return requested;  // nothing in the index has it: the search finds nothing, as it should
}

QueryFilters FiltersFor(const SearchRequest& request, const IndexInfo& info, bool synonyms) {
  QueryFilters filters;
  if (!request.locale.empty()) {
    filters.locales = {ResolveLocale(request.locale, info.locales)};
    filters.locale_requested = true;
  } else {
    filters.locales = info.locales;
    if (filters.locales.empty()) filters.locales = {std::string(kDefaultLocale)};
  }
  filters.category = request.category;
  filters.tag = request.tag;
  filters.include_internal = request.include_internal;
  filters.synonyms = synonyms;
  return filters;
}

class StemmerCache {
 public:
  const Xapian::Stem& For(const std::string& locale) {
    auto it = stemmers_.find(locale);
    if (it != stemmers_.end()) return it->second;
    auto language = LanguageForLocale(locale);
    return stemmers_[locale] = language.ok() ? language->stemmer : Xapian::Stem();
  }

 private:
  std::map<std::string, Xapian::Stem> stemmers_;
};

}  // namespace

Result<SearchResult> Searcher::Search(const Xapian::Database& db, const IndexInfo& info,
                                      const SearchRequest& request) const {
  try {
    QueryFilters filters = FiltersFor(request, info, features_.synonyms);
    Curation curation;
    if (features_.curation) {
      auto found = CurationFor(db, request.query, filters.locales);
      if (!found.ok()) return found.status();
      curation = *found;
    }
    const QueryFilters unexcluded = filters;
    filters.exclude_articles = curation.Excluded();
    BuiltQuery built = BuildQuery(db, request.query, filters);
    // Pinned articles take the first places, so the ranked results start after them.
    std::vector<Xapian::MSet> pins;
    for (const std::string& slug : curation.pinned) {
      Xapian::MSet pin = PinnedSection(db, slug, built.text_query, filters);
      if (!pin.empty()) pins.push_back(pin);
    }
    const PageSplit page = SplitPage(pins.size(), request.offset, request.limit);
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_collapse_key(schema::kSlotArticle);
    Xapian::MSet mset = enquire.get_mset(page.ranked_offset, page.ranked_limit, kCheckAtLeast);

    SearchResult result;
    result.query = request.query;
    // The parser never corrects the word still being typed (it is a prefix). When nothing
    // matched, ask again as if it were complete, so "subscripton cancle" becomes
    // "subscription cancel" and not "subscription cancle".
    if (mset.get_matches_estimated() == 0 && !request.query.empty() &&
        request.query.back() != ' ') {
      std::string complete = BuildQuery(db, request.query + " ", filters).corrected;
      if (!complete.empty()) built.corrected = complete;
    }
    if (mset.get_matches_estimated() == 0 && !built.corrected.empty()) {
      BuiltQuery retry = BuildQuery(db, built.corrected, filters);
      enquire.set_query(retry.query);
      Xapian::MSet corrected =
          enquire.get_mset(page.ranked_offset, page.ranked_limit, kCheckAtLeast);
      if (corrected.get_matches_estimated() > 0) {
        std::string shown = built.corrected;
        shown.erase(shown.find_last_not_of(' ') + 1);
        result.corrected = shown;
        mset = corrected;
        built = retry;
      }
    }
    // Exact when this page holds the last result; otherwise Xapian's estimate (loose with
    // collapsing, but never below what this page shows).
    const Xapian::doccount seen = page.ranked_offset + mset.size();
    const bool last_page = !mset.empty() && mset.size() < page.ranked_limit;
    result.total = (last_page ? seen : std::max(seen, mset.get_matches_estimated())) + pins.size();

    StemmerCache stemmers;
    std::map<std::string, std::size_t> hit_by_slug;
    auto add_hit = [&](const Xapian::MSetIterator& it, const Xapian::MSet& from,
                       bool pinned) -> Status {
      const Xapian::Document doc = it.get_document();
      auto record = ParseSectionRecord(doc.get_data());
      if (!record.ok()) return record.status();
      SearchHit hit;
      hit.slug = record->slug;
      hit.title = record->title;
      hit.heading = record->heading;
      hit.anchor = record->anchor;
      hit.url = urls_.For(record->slug, record->anchor);
      const std::string& text = record->text.empty() ? record->heading : record->text;
      hit.snippet =
          from.snippet(text, kSnippetBytes, stemmers.For(record->locale),
                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                       "<mark>", "</mark>", "…");
      if (hit.snippet.empty()) hit.snippet = EscapeHtml(text.substr(0, kSnippetBytes));
      hit.category = record->category;
      hit.tags = record->tags;
      hit.locale = record->locale;
      hit.audience = record->audience;
      hit.score = it.get_weight();
      hit.pinned = pinned;
      hit_by_slug[hit.slug] = result.hits.size();
      result.hits.push_back(std::move(hit));
      return Status::Ok();
    };
    for (std::size_t i = page.first_pin; i < page.first_pin + page.pins; ++i) {
      if (Status s = add_hit(pins[i].begin(), pins[i], true); !s.ok()) return s;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (Status s = add_hit(it, mset, false); !s.ok()) return s;
    }
    if (result.hits.empty()) return result;

    // Other matching sections of the articles on this page, in one extra query restricted to them.
    std::vector<Xapian::Query> articles;
    for (const SearchHit& hit : result.hits) {
      articles.emplace_back(schema::Term(schema::kArticle, hit.slug));
    }
    Xapian::Enquire sections(db);
    sections.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, ApplyFilters(built.text_query, unexcluded),
                      Xapian::Query(Xapian::Query::OP_OR, articles.begin(), articles.end())));
    sections.set_collapse_key(schema::kSlotArticle, kMaxMoreSections + 1);
    const Xapian::MSet more = sections.get_mset(
        0, static_cast<Xapian::doccount>(result.hits.size() * (kMaxMoreSections + 1)));
    for (auto it = more.begin(); it != more.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      const auto found = hit_by_slug.find(doc.get_value(schema::kSlotArticle));
      if (found == hit_by_slug.end()) continue;
      SearchHit& hit = result.hits[found->second];
      const std::string anchor = doc.get_value(schema::kSlotAnchor);
      if (anchor == hit.anchor || hit.more_sections.size() >= kMaxMoreSections) continue;
      hit.more_sections.push_back(
          {doc.get_value(schema::kSlotHeading), anchor, urls_.For(hit.slug, anchor)});
    }
    return result;
  } catch (const Xapian::DatabaseModifiedError& e) {
    return Status::Unavailable("index_changed", e.get_description());
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("index_error", "search failed: " + e.get_description());
  }
}

}  // namespace kb
