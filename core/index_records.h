// The records kb stores inside the Xapian index, and their one serialization (JSON). The indexer
// writes them and the server reads them; both go through these functions only.
#pragma once

#include <string>
#include <vector>

#include "core/article.h"
#include "core/curation_rules.h"
#include "core/status.h"

namespace kb {

// The data of one section document: what a search result needs without another lookup.
struct SectionRecord {
  std::string slug;
  std::string title;    // the article's title
  std::string heading;  // the section's heading (the article title for the introduction)
  std::string anchor;   // "" for the introduction
  int ordinal = 0;      // 0 for the introduction
  std::string category;
  std::vector<std::string> tags;
  std::string locale;
  std::string audience;  // "public" or "internal"
  std::string text;      // plain text, for snippets
};

// One per article, in the database metadata under schema::ArticleKey(slug).
struct ArticleRecord {
  struct SectionRef {
    std::string heading;
    std::string anchor;
  };
  std::string slug;
  std::string path;
  std::string title;
  std::string category;
  std::vector<std::string> tags;
  std::string locale;
  std::string audience;
  std::string summary;
  std::string updated;
  std::string html;
  std::vector<SectionRef> sections;  // the headed sections, in order (not the introduction)
  int section_count = 0;             // documents in the index, introduction included
};

// One per successfully indexed source file, under schema::SourceKey(path): lets a re-run skip
// files whose content hash has not changed.
struct SourceRecord {
  std::string hash;
  std::string slug;
};

SectionRecord MakeSectionRecord(const Article& article, int ordinal);
ArticleRecord MakeArticleRecord(const Article& article);

std::string Serialize(const SectionRecord& record);
std::string Serialize(const ArticleRecord& record);
std::string Serialize(const SourceRecord& record);
// The curation rules of the index, under schema::kMetaCurationRules (positions are not kept).
std::string Serialize(const std::vector<CurationRule>& rules);

// Each returns kInternal when `data` is not a record of that kind (a corrupt or foreign index).
Result<SectionRecord> ParseSectionRecord(const std::string& data);
Result<ArticleRecord> ParseArticleRecord(const std::string& data);
Result<SourceRecord> ParseSourceRecord(const std::string& data);
Result<std::vector<CurationRule>> ParseCurationRecord(const std::string& data);

}  // namespace kb
