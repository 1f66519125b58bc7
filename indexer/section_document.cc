#include "indexer/section_document.h"

#include <cctype>

#include "core/index_records.h"
#include "core/schema.h"

namespace kb {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += item + "\n";
  return out;
}

// The text an article section contributes to each schema text field.
std::string FieldText(const schema::TextField& field, const Article& article, int ordinal) {
  const MarkdownSection& section = article.sections[ordinal];
  if (field.name == schema::kTitle.name) return article.title;
  if (field.name == schema::kKeywords.name) return Join(article.keywords);
  if (field.name == schema::kHeading.name) return ordinal == 0 ? "" : section.heading;
  // Body: the introduction also carries the summary, which says what the article answers.
  if (ordinal == 0 && !article.summary.empty()) return article.summary + "\n" + section.text;
  return section.text;
}

}  // namespace

Xapian::Document MakeSectionDocument(const Article& article, int ordinal,
                                     const Language& language) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_stemmer(language.stemmer);
  generator.set_stopper(language.stopper.get());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  for (const schema::TextField& field : schema::kTextFields) {
    const std::string text = FieldText(field, article, ordinal);
    if (text.empty()) continue;
    if (!field.prefix.empty()) generator.index_text(text, field.weight, std::string(field.prefix));
    if (field.prefix.empty() || field.also_unprefixed) generator.index_text(text, field.weight);
    generator.increase_termpos();  // no phrase match across the end of one field and the next
  }

  doc.add_boolean_term(schema::SectionIdTerm(article.slug, ordinal));
  doc.add_boolean_term(schema::Term(schema::kArticle, article.slug));
  doc.add_boolean_term(schema::Term(schema::kCategory, article.category));
  doc.add_boolean_term(schema::Term(schema::kLocale, article.locale));
  doc.add_boolean_term(schema::Term(schema::kAudience, article.audience));
  for (const std::string& tag : article.tags) doc.add_boolean_term(schema::Term(schema::kTag, tag));

  doc.add_value(schema::kSlotArticle, article.slug);
  doc.add_value(schema::kSlotSection, Xapian::sortable_serialise(ordinal));
  doc.add_value(schema::kSlotUpdated, article.updated);
  doc.add_value(schema::kSlotHeading, article.sections[ordinal].heading);
  doc.add_value(schema::kSlotAnchor, article.sections[ordinal].anchor);
  std::string facets = article.slug + schema::kFacetSeparator + article.category;
  for (const std::string& tag : article.tags) facets += schema::kFacetSeparator + tag;
  doc.add_value(schema::kSlotFacets, facets);
  doc.set_data(Serialize(MakeSectionRecord(article, ordinal)));
  return doc;
}

bool IsSpellingWord(const std::string& term) {
  if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) return false;  // prefixed
  for (char c : term) {
    if (std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return term.size() >= 2;
}

}  // namespace kb
