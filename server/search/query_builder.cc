#include "server/search/query_builder.h"

#include <algorithm>
#include <cctype>

#include "core/ascii_text.h"
#include "core/schema.h"
#include "core/slug.h"
#include "server/search/synonym_query.h"
#include "server/search/typo_query.h"

namespace kb {
namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_CJK_NGRAM;

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Language& language) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(language.stemmer);
  parser.set_stopper(language.stopper.get());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  parser.set_max_expansion(kMaxPrefixExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_WILDCARD);
  for (const schema::TextField& field : schema::kTextFields) {
    if (!field.prefix.empty()) {
      parser.add_prefix(std::string(field.name), std::string(field.prefix));
    }
  }
  for (const schema::BooleanField& field : schema::kFilterFields) {
    parser.add_boolean_prefix(std::string(field.name), std::string(field.prefix));
  }
  return parser;
}

Xapian::Query Parse(Xapian::QueryParser& parser, const std::string& text, unsigned flags = 0) {
  try {
    return parser.parse_query(text, kParseFlags | flags);
  } catch (const Xapian::QueryParserError&) {
    // Unbalanced quotes or brackets: search the words as plain text.
    return parser.parse_query(text, Xapian::QueryParser::FLAG_PARTIAL | flags);
  }
}

}  // namespace

BuiltQuery BuildQuery(const Xapian::Database& db, const QueryAnalysis& analysis,
                      const QueryFilters& filters, const QueryFeatures& features) {
  const std::string& text = analysis.text;
  BuiltQuery built;
  std::vector<Xapian::Query> per_locale;
  for (const LocaleAnalysis& in : analysis.locales) {
    const Language& language = *in.language;
    Xapian::QueryParser parser = MakeParser(db, language);
    Xapian::Query query = filters.synonyms
                              ? ParseWithSynonyms(db, text, analysis.words, language.stemmer,
                                                  [&](const std::string& t, unsigned f) {
                                                    return Parse(parser, t, f);
                                                  })
                              : Parse(parser, text);
    if (Xapian::Query boosts = RankingBoosts(analysis, language, features.ranking);
        !boosts.empty()) {
      query = Xapian::Query(Xapian::Query::OP_OR, query, boosts);
    }
    if (features.typos) {
      TypoExpansion typos = ExpandTypos(db, analysis, language, *features.typos);
      if (!typos.query.empty()) query = Xapian::Query(Xapian::Query::OP_OR, query, typos.query);
      if (built.typo_rewrite.empty()) built.typo_rewrite = typos.rewritten;
    }
    if (analysis.locales.size() > 1) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(schema::Term(schema::kLocale, language.locale)));
    }
    per_locale.push_back(query);
  }
  if (per_locale.size() == 1) {
    built.query = per_locale[0];
  } else {
    built.query = Xapian::Query(Xapian::Query::OP_OR, per_locale.begin(), per_locale.end());
  }
  built.text_query = built.query;
  built.query = ApplyFilters(built.query, filters);
  return built;
}

Xapian::Query ApplyFilters(const Xapian::Query& query, const QueryFilters& filters) {
  Xapian::Query filtered = query;
  std::vector<Xapian::Query> must;
  if (filters.locales.size() == 1 && filters.locale_requested) {
    must.emplace_back(schema::Term(schema::kLocale, filters.locales[0]));
  }
  if (!filters.category.empty()) {
    must.emplace_back(schema::Term(schema::kCategory, Slugify(filters.category)));
  }
  for (const std::string& tag : filters.tags) {
    must.emplace_back(schema::Term(schema::kTag, AsciiLower(tag)));
  }
  if (!filters.include_internal) {
    must.emplace_back(schema::Term(schema::kAudience, schema::kPublic));
  }
  if (!must.empty()) {
    filtered = Xapian::Query(Xapian::Query::OP_FILTER, filtered,
                             Xapian::Query(Xapian::Query::OP_AND, must.begin(), must.end()));
  }
  if (!filters.exclude_articles.empty()) {
    std::vector<Xapian::Query> excluded;
    for (const std::string& slug : filters.exclude_articles) {
      excluded.emplace_back(schema::Term(schema::kArticle, slug));
    }
    filtered = Xapian::Query(Xapian::Query::OP_AND_NOT, filtered,
                             Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
  }
  return filtered;
}

}  // namespace kb
