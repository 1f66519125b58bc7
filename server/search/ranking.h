// How kb orders matches beyond plain BM25: the BM25 parameters, and extra weight for the query's
// words found close together (a phrase beats scattered words) and in the title (an article
// about the thing beats one that mentions it). The values are tuned on the relevance set
// (tests/relevance), not chosen by taste: run `scripts/relevance.sh --tune` to redo it.
#pragma once

#include <xapian.h>

#include <string>

#include "core/language.h"
#include "server/search/query_analysis.h"

namespace kb {

struct RankingParams {
  // Xapian's BM25 defaults: k1 scales term frequency saturation; b how much a long section is
  // penalized against a short, focused one.
  double k1 = 1.0;
  double b = 0.5;
  double phrase_boost = 0;  // scale of an OP_NEAR of the query's words (0 = off)
  double title_boost = 0;   // scale of the query's words matched in titles (0 = off)
  // Sections shorter than this share of the average length count as that long: without a floor,
  // a strong b lets a one-line section (a list of links) outrank the section that explains.
  double min_normlen = 0.5;

  static RankingParams Plain() { return {}; }
  static RankingParams Tuned();
};

// The extra subquery to OR with the parsed query of `query` in `language` (empty when the
// parameters add none). Never matches a section the words themselves do not: it only reorders.
Xapian::Query RankingBoosts(const QueryAnalysis& query, const Language& language,
                            const RankingParams& params);

}  // namespace kb
