// How one article section becomes one Xapian document, following the schema table.
#pragma once

#include <xapian.h>

#include "core/article.h"
#include "core/language.h"

namespace kb {

// Builds the document for `article.sections[ordinal]`: weighted text terms for every schema text
// field, the boolean filter and id terms, the value slots and the stored SectionRecord.
Xapian::Document MakeSectionDocument(const Article& article, int ordinal, const Language& language);

// True for the terms that feed the spelling dictionary: unprefixed words with no digit.
bool IsSpellingWord(const std::string& term);

}  // namespace kb
