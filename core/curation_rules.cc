#include "core/curation_rules.h"

#include <algorithm>

#include "core/slug.h"
#include "core/yaml_reader.h"

namespace kb {
namespace {

constexpr const char* kExample = "such as '- query: invoices' and 'pin: [download-invoices]'";

std::vector<SlugRef> Slugs(const YAML::Node& node, const std::string& what,
                           std::vector<Diagnostic>& errors) {
  std::vector<SlugRef> slugs;
  for (const auto& [slug, item] : yaml::TextOrList(node, what, errors)) {
    if (!IsValidArticleSlug(slug)) {
      errors.push_back(yaml::At(
          item, "'" + slug + "' in '" + what + "' is not an article slug (a-z, 0-9, '-' and '_')"));
      continue;
    }
    const Diagnostic at = yaml::At(item, "");
    slugs.push_back({slug, at.line, at.column});
  }
  return slugs;
}

bool Contains(const std::vector<SlugRef>& slugs, const std::string& slug) {
  return std::any_of(slugs.begin(), slugs.end(), [&](const SlugRef& s) { return s.slug == slug; });
}

}  // namespace

std::variant<std::vector<CurationRule>, std::vector<Diagnostic>> ParseCurationRules(
    const std::string& text) {
  auto loaded = yaml::Load(text);
  if (auto* error = std::get_if<Diagnostic>(&loaded)) return std::vector<Diagnostic>{*error};
  const YAML::Node& root = std::get<YAML::Node>(loaded);
  std::vector<CurationRule> rules;
  std::vector<Diagnostic> errors;
  if (root.IsNull()) return rules;
  if (!root.IsSequence()) {
    return std::vector<Diagnostic>{
        yaml::At(root, std::string("expected a list of rules, ") + kExample)};
  }
  if (root.size() > kMaxCurationRules) {
    return std::vector<Diagnostic>{yaml::At(root, "more than " + std::to_string(kMaxCurationRules) +
                                                      " rules; merge rules or remove old ones")};
  }
  for (const YAML::Node& node : root) {
    if (!node.IsMap()) {
      errors.push_back(yaml::At(node, std::string("each rule must be a mapping, ") + kExample));
      continue;
    }
    CurationRule rule;
    bool has_query = false, has_action = false;
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "query") {
        has_query = true;
        for (const auto& [query, item] : yaml::TextOrList(entry.second, "query", errors)) {
          rule.queries.push_back(query);
        }
      } else if (key == "pin") {
        has_action = true;
        rule.pin = Slugs(entry.second, "pin", errors);
        if (rule.pin.size() > kMaxPinsPerRule) {
          errors.push_back(
              yaml::At(entry.second,
                       "a rule may pin up to " + std::to_string(kMaxPinsPerRule) + " articles"));
        }
      } else if (key == "hide") {
        has_action = true;
        rule.hide = Slugs(entry.second, "hide", errors);
      } else {
        errors.push_back(yaml::At(
            entry.first, "unknown key '" + key + "' in a rule; expected query, pin, hide"));
      }
    }
    if (!has_query) {
      errors.push_back(yaml::At(node,
                                "this rule has no 'query'; add the query (or a list of "
                                "queries) it applies to"));
    }
    if (!has_action) {
      errors.push_back(yaml::At(node,
                                "this rule neither pins nor hides anything; add 'pin:' or "
                                "'hide:' with article slugs"));
    }
    for (const SlugRef& hidden : rule.hide) {
      if (Contains(rule.pin, hidden.slug)) {
        errors.push_back(Diagnostic{hidden.line, hidden.column,
                                    "'" + hidden.slug +
                                        "' is both pinned and hidden by this "
                                        "rule; keep one"});
      }
    }
    rules.push_back(std::move(rule));
  }
  if (!errors.empty()) return errors;
  return rules;
}

std::vector<Diagnostic> UnknownArticles(const std::vector<CurationRule>& rules,
                                        const std::function<bool(const std::string&)>& is_article) {
  std::vector<Diagnostic> warnings;
  for (const CurationRule& rule : rules) {
    for (const auto* list : {&rule.pin, &rule.hide}) {
      for (const SlugRef& ref : *list) {
        if (is_article(ref.slug)) continue;
        warnings.push_back({ref.line, ref.column,
                            "no article has the slug '" + ref.slug +
                                "'; the rule does nothing for it until one does (check the "
                                "spelling against the article's 'slug:' or file name)"});
      }
    }
  }
  return warnings;
}

}  // namespace kb
