// The curation rules of one index generation (articles/_rules.yaml, stored by kb-index; see
// core/curation_rules.h), read and normalized once when the generation is opened, and what they
// say about a query.
#pragma once

#include <xapian.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/curation_rules.h"
#include "core/language.h"
#include "core/status.h"

namespace kb {

struct QueryAnalysis;

// What the rules say about one query.
struct Curation {
  std::vector<std::string> pinned;  // shown first, in this order, each once
  std::vector<std::string> hidden;  // never shown

  // The articles the ranked results must leave out: hidden ones, and pinned ones, which are
  // already on top.
  std::vector<std::string> Excluded() const;
};

class CurationRulesIndex {
 public:
  // The rules stored in `db`, each of their queries normalized in each of `locales` and the
  // default one. No rules stored: an index that curates nothing. Fails when the stored rules
  // cannot be read.
  static Result<std::shared_ptr<const CurationRulesIndex>> Build(
      const Xapian::Database& db, const std::vector<std::string>& locales);

  // The rules that apply to `query`: those with a query of the same normalized form (lower case,
  // stopwords dropped, stemmed, order ignored; query_normalizer.h) in any of the locales it is
  // searched in, so "Invoices" and "invoice" both match "invoices". Matching rules apply in file
  // order; a slug both pinned and hidden by matching rules is hidden.
  Curation For(const QueryAnalysis& query) const;

  bool empty() const { return rules_.empty(); }

 private:
  std::vector<CurationRule> rules_;
  std::vector<std::set<std::string>> forms_;  // per rule: "<locale> <normalized query>"
};

}  // namespace kb
