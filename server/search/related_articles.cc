#include "server/search/related_articles.h"

#include "core/schema.h"

namespace kb {
namespace {

// Only the stemmed terms of the default field: "Zrefund", not the raw word (which duplicates
// it), nor prefixed fields and filters (which say nothing about the content).
class StemmedContentTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > 2 && term[0] == 'Z' && term[1] >= 'a';
  }
};

}  // namespace

std::vector<ArticleLink> FindRelatedArticles(const Xapian::Database& db,
                                             const ArticleRecord& article, bool include_internal,
                                             std::size_t limit) {
  const std::string self = schema::Term(schema::kArticle, article.slug);
  Xapian::RSet relevant;
  for (auto it = db.postlist_begin(self); it != db.postlist_end(self); ++it)
    relevant.add_document(*it);
  if (relevant.empty()) return {};

  Xapian::Enquire enquire(db);
  const StemmedContentTerms decider;
  const Xapian::ESet terms = enquire.get_eset(kRelatedExpandTerms, relevant, &decider);
  if (terms.empty()) return {};

  std::vector<Xapian::Query> filters{Xapian::Query(schema::Term(schema::kLocale, article.locale))};
  if (!include_internal) filters.emplace_back(schema::Term(schema::kAudience, schema::kPublic));
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                        Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(self));
  enquire.set_query(query);
  enquire.set_collapse_key(schema::kSlotArticle);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));

  std::vector<ArticleLink> links;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto record = ParseSectionRecord(it.get_document().get_data());
    if (record.ok()) links.push_back({record->slug, record->title});
  }
  return links;
}

}  // namespace kb
