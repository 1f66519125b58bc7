// The one file in core that talks to nlohmann/json for stored records.
#include "core/index_records.h"

#include <nlohmann/json.hpp>

namespace kb {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

template <typename T, typename Fill>
Result<T> ParseWith(const std::string& data, const char* what, Fill fill) {
  try {
    const json j = json::parse(data);
    T record;
    fill(j, record);
    return record;
  } catch (const json::exception& e) {
    return Status::Internal(std::string("corrupt ") + what + " record in the index: " + e.what());
  }
}

}  // namespace

SectionRecord MakeSectionRecord(const Article& article, int ordinal) {
  const MarkdownSection& section = article.sections.at(ordinal);
  return SectionRecord{article.slug,     article.title,    section.heading, section.anchor,
                       ordinal,          article.category, article.tags,    article.locale,
                       article.audience, section.text};
}

ArticleRecord MakeArticleRecord(const Article& article) {
  ArticleRecord record{article.slug,
                       article.path,
                       article.title,
                       article.category,
                       article.tags,
                       article.locale,
                       article.audience,
                       article.summary,
                       article.updated,
                       article.html,
                       {},
                       0};
  for (std::size_t i = 1; i < article.sections.size(); ++i) {
    record.sections.push_back({article.sections[i].heading, article.sections[i].anchor});
  }
  record.section_count = static_cast<int>(article.sections.size());
  return record;
}

std::string Serialize(const SectionRecord& r) {
  return Dump(json{{"slug", r.slug},
                   {"title", r.title},
                   {"heading", r.heading},
                   {"anchor", r.anchor},
                   {"ordinal", r.ordinal},
                   {"category", r.category},
                   {"tags", r.tags},
                   {"locale", r.locale},
                   {"audience", r.audience},
                   {"text", r.text}});
}

std::string Serialize(const ArticleRecord& r) {
  json sections = json::array();
  for (const auto& s : r.sections)
    sections.push_back({{"heading", s.heading}, {"anchor", s.anchor}});
  return Dump(json{{"slug", r.slug},
                   {"path", r.path},
                   {"title", r.title},
                   {"category", r.category},
                   {"tags", r.tags},
                   {"locale", r.locale},
                   {"audience", r.audience},
                   {"summary", r.summary},
                   {"updated", r.updated},
                   {"html", r.html},
                   {"sections", sections},
                   {"section_count", r.section_count}});
}

std::string Serialize(const SourceRecord& r) {
  return Dump(json{{"hash", r.hash}, {"slug", r.slug}});
}

std::string Serialize(const std::vector<CurationRule>& rules) {
  auto slugs = [](const std::vector<SlugRef>& refs) {
    std::vector<std::string> out;
    for (const SlugRef& ref : refs) out.push_back(ref.slug);
    return out;
  };
  json out = json::array();
  for (const CurationRule& r : rules) {
    out.push_back({{"queries", r.queries}, {"pin", slugs(r.pin)}, {"hide", slugs(r.hide)}});
  }
  return Dump(out);
}

Result<SectionRecord> ParseSectionRecord(const std::string& data) {
  return ParseWith<SectionRecord>(data, "section", [](const json& j, SectionRecord& r) {
    j.at("slug").get_to(r.slug);
    j.at("title").get_to(r.title);
    j.at("heading").get_to(r.heading);
    j.at("anchor").get_to(r.anchor);
    j.at("ordinal").get_to(r.ordinal);
    j.at("category").get_to(r.category);
    j.at("tags").get_to(r.tags);
    j.at("locale").get_to(r.locale);
    j.at("audience").get_to(r.audience);
    j.at("text").get_to(r.text);
  });
}

Result<ArticleRecord> ParseArticleRecord(const std::string& data) {
  return ParseWith<ArticleRecord>(data, "article", [](const json& j, ArticleRecord& r) {
    j.at("slug").get_to(r.slug);
    j.at("path").get_to(r.path);
    j.at("title").get_to(r.title);
    j.at("category").get_to(r.category);
    j.at("tags").get_to(r.tags);
    j.at("locale").get_to(r.locale);
    j.at("audience").get_to(r.audience);
    j.at("summary").get_to(r.summary);
    j.at("updated").get_to(r.updated);
    j.at("html").get_to(r.html);
    for (const json& s : j.at("sections")) {
      r.sections.push_back({s.at("heading").get<std::string>(), s.at("anchor").get<std::string>()});
    }
    j.at("section_count").get_to(r.section_count);
  });
}

Result<SourceRecord> ParseSourceRecord(const std::string& data) {
  return ParseWith<SourceRecord>(data, "source", [](const json& j, SourceRecord& r) {
    j.at("hash").get_to(r.hash);
    j.at("slug").get_to(r.slug);
  });
}

Result<std::vector<CurationRule>> ParseCurationRecord(const std::string& data) {
  using Rules = std::vector<CurationRule>;
  return ParseWith<Rules>(data, "curation rules", [](const json& j, Rules& rules) {
    auto slugs = [](const json& list) {
      std::vector<SlugRef> out;
      for (const json& slug : list) out.push_back({slug.get<std::string>()});
      return out;
    };
    for (const json& r : j) {
      rules.push_back({r.at("queries").get<std::vector<std::string>>(), slugs(r.at("pin")),
                       slugs(r.at("hide"))});
    }
  });
}

}  // namespace kb
