#include "indexer/settings_files.h"

#include <xxhash.h>

#include <cstdio>

#include "core/index_records.h"
#include "core/schema.h"

namespace kb {
namespace {

std::string Hash(const std::string& bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return hex;
}

// Reads `path` from `source` and parses it with `parse` into `out`. Returns the file's hash (""
// when it does not exist), or nullopt after reporting why it cannot be used.
template <typename Parsed, typename Parse>
std::optional<std::string> ReadSettings(ArticleSource& source, const std::string& path, Parse parse,
                                        Parsed& out, std::string& display_path,
                                        const SettingsFiles::Sink& report) {
  display_path = path;
  if (!source.Exists(path)) return "";
  auto file = source.Read(path);
  if (!file.ok()) {
    report(file.status().message());
    return std::nullopt;
  }
  display_path = file->display_path;
  if (file->bytes.size() > kMaxArticleBytes) {
    report(
        Diagnostic{1, 1, "the file is larger than 1 MiB; split or trim it"}.Format(display_path));
    return std::nullopt;
  }
  auto parsed = parse(file->bytes);
  if (auto* errors = std::get_if<std::vector<Diagnostic>>(&parsed)) {
    for (const Diagnostic& e : *errors) report(e.Format(display_path));
    return std::nullopt;
  }
  out = std::move(std::get<Parsed>(parsed));
  return Hash(file->bytes);
}

std::vector<std::string> Locales(const Xapian::Database& db) {
  std::vector<std::string> locales;
  const std::string prefix(schema::kLocale.prefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    locales.push_back((*it).substr(prefix.size()));
  }
  return locales;
}

void ClearSynonyms(Xapian::WritableDatabase& db) {
  std::vector<std::string> keys(db.synonym_keys_begin(), db.synonym_keys_end());
  for (const std::string& key : keys) db.clear_synonyms(key);
}

void CopySynonyms(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  for (auto key = from.synonym_keys_begin(); key != from.synonym_keys_end(); ++key) {
    for (auto value = from.synonyms_begin(*key); value != from.synonyms_end(*key); ++value) {
      to.add_synonym(*key, *value);
    }
  }
}

void CopyMetadata(const Xapian::Database& from, Xapian::WritableDatabase& to,
                  std::string_view key) {
  to.set_metadata(std::string(key), from.get_metadata(std::string(key)));
}

}  // namespace

SettingsFiles SettingsFiles::Load(ArticleSource& source, const Sink& report, int& failed) {
  SettingsFiles files;
  auto synonyms = ReadSettings(source, std::string(kSynonymsFile), ParseSynonyms,
                               files.synonym_file_, files.synonyms_.display_path, report);
  auto rules = ReadSettings(source, std::string(kCurationRulesFile), ParseCurationRules,
                            files.rules_file_, files.rules_.display_path, report);
  for (auto [entry, hash] : {std::pair{&files.synonyms_, &synonyms}, {&files.rules_, &rules}}) {
    entry->usable = hash->has_value();
    if (entry->usable) {
      entry->hash = **hash;
    } else {
      ++failed;
      report(entry->display_path + ": the index keeps the previous version of this file");
    }
  }
  return files;
}

bool SettingsFiles::ChangedSince(const Xapian::Database& live) const {
  return (synonyms_.usable &&
          synonyms_.hash != live.get_metadata(std::string(schema::kMetaSynonymsSource))) ||
         (rules_.usable && rules_.hash != live.get_metadata(std::string(schema::kMetaRulesSource)));
}

void SettingsFiles::Store(Xapian::WritableDatabase& db, const Xapian::Database* keep_from,
                          const Sink& report) const {
  if (synonyms_.usable) {
    ClearSynonyms(db);
    for (const auto& [key, values] : SynonymTableFor(synonym_file_, Locales(db))) {
      for (const std::string& value : values) db.add_synonym(key, value);
    }
    db.set_metadata(std::string(schema::kMetaSynonymsSource), synonyms_.hash);
  } else if (keep_from) {
    CopySynonyms(*keep_from, db);
    CopyMetadata(*keep_from, db, schema::kMetaSynonymsSource);
  }
  if (rules_.usable) {
    db.set_metadata(std::string(schema::kMetaCurationRules),
                    rules_file_.empty() ? "" : Serialize(rules_file_));
    db.set_metadata(std::string(schema::kMetaRulesSource), rules_.hash);
    auto is_article = [&](const std::string& slug) {
      return !db.get_metadata(schema::ArticleKey(slug)).empty();
    };
    for (const Diagnostic& w : UnknownArticles(rules_file_, is_article)) {
      report(w.Format(rules_.display_path) + " (warning)");
    }
  } else if (keep_from) {
    CopyMetadata(*keep_from, db, schema::kMetaCurationRules);
    CopyMetadata(*keep_from, db, schema::kMetaRulesSource);
  }
}

}  // namespace kb
