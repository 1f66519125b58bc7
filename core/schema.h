// The one definition of the index: every term prefix, field weight, value slot and metadata key
// that the indexer writes and the server reads. A prefix or slot literal anywhere else is a bug.
//
// Layout: one Xapian document per article section (the text before the first `##` heading, then
// each `##`/`###` section). Article-level data (rendered HTML, section list) is stored once per
// article in the database metadata, under ArticleKey(slug).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace kb::schema {

// Bumped whenever a change below (or in the stored records) would make an older index read
// wrongly. The indexer rebuilds from scratch on a mismatch; the server refuses to open it.
inline constexpr int kVersion = 4;  // 4: slug, category and tags in one value slot, for facets

// Free-text fields. Each is indexed with its prefix (so `title:refund` searches titles only) and,
// when `also_unprefixed`, into the default field with `weight` as the within-document frequency
// increment: that is how a title word outweighs a body word under BM25.
struct TextField {
  std::string_view name;    // field name users may type before a colon, and JSON name
  std::string_view prefix;  // Xapian term prefix ("" for the default field)
  Xapian::termcount weight;
  bool also_unprefixed;
};

inline constexpr TextField kTitle{"title", "S", 6, true};
inline constexpr TextField kKeywords{"keywords", "XK", 6, true};
inline constexpr TextField kHeading{"heading", "XH", 3, true};
inline constexpr TextField kBody{"body", "", 1, false};
inline constexpr TextField kTextFields[] = {kTitle, kKeywords, kHeading, kBody};

// Exact-match (boolean) terms, used for filters and lookups. Values are stored lower case.
struct BooleanField {
  std::string_view name;    // filter name (URL parameter and `name:value` query syntax)
  std::string_view prefix;  // Xapian term prefix
};

inline constexpr BooleanField kArticle{"article", "XART"};  // slug: all sections of one article
inline constexpr BooleanField kCategory{"category", "XCAT"};
inline constexpr BooleanField kTag{"tag", "K"};
inline constexpr BooleanField kLocale{"locale", "L"};
inline constexpr BooleanField kAudience{"audience", "XAUD"};
inline constexpr BooleanField kFilterFields[] = {kCategory, kTag, kLocale};

// The unique id term of a section document: Q<slug>#<section ordinal>.
inline constexpr std::string_view kSectionIdPrefix = "Q";

// Audience values.
inline constexpr std::string_view kPublic = "public";
inline constexpr std::string_view kInternal = "internal";

// Value slots.
inline constexpr Xapian::valueno kSlotArticle = 0;  // slug: the collapse key (one hit per article)
inline constexpr Xapian::valueno kSlotSection = 1;  // section ordinal, sortable_serialise'd
inline constexpr Xapian::valueno kSlotUpdated = 2;  // YYYY-MM-DD
inline constexpr Xapian::valueno kSlotHeading = 3;  // the section heading, for result lists
inline constexpr Xapian::valueno kSlotAnchor = 4;   // the section anchor ("" for the intro)
// What facet counts need, in one slot so that each examined section costs one value read:
// slug, category, then each tag, joined by kFacetSeparator.
inline constexpr Xapian::valueno kSlotFacets = 5;
inline constexpr char kFacetSeparator = '\n';

// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "kb:schema_version";
inline constexpr std::string_view kMetaBuiltAt = "kb:built_at";  // ISO 8601 UTC
inline constexpr std::string_view kMetaArticleCount = "kb:articles";
inline constexpr std::string_view kMetaSectionCount = "kb:sections";
inline constexpr std::string_view kMetaLocales = "kb:locales";      // space-separated, sorted
inline constexpr std::string_view kMetaArticlePrefix = "article:";  // + slug: ArticleRecord JSON
inline constexpr std::string_view kMetaSourcePrefix = "source:";    // + path: SourceRecord JSON
// Curation rules from _rules.yaml (JSON, see core/index_records.h), and the content hashes of
// _synonyms.yaml and _rules.yaml as last applied, so an incremental run notices a change to
// either even when no article changed. The synonyms themselves are in Xapian's synonym table.
inline constexpr std::string_view kMetaCurationRules = "kb:curation_rules";
inline constexpr std::string_view kMetaSynonymsSource = "kb:synonyms_source";
inline constexpr std::string_view kMetaRulesSource = "kb:rules_source";

inline std::string Term(const BooleanField& field, std::string_view value) {
  return std::string(field.prefix) + std::string(value);
}
inline std::string SectionIdTerm(std::string_view slug, int ordinal) {
  return std::string(kSectionIdPrefix) + std::string(slug) + "#" + std::to_string(ordinal);
}
inline std::string ArticleKey(std::string_view slug) {
  return std::string(kMetaArticlePrefix) + std::string(slug);
}
inline std::string SourceKey(std::string_view relative_path) {
  return std::string(kMetaSourcePrefix) + std::string(relative_path);
}

}  // namespace kb::schema
