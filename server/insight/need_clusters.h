// Groups wordings into needs, one knowledge gap per need. Deterministic and stable: a wording is
// placed once, when it first reaches the report, and stays in its gap (the log keeps the
// placement, log_database.h GapWordings); new wordings join the gap of the most similar wording
// already placed (need_similarity.h) or start a gap of their own. So a gap keeps its id, its status
// and its members as new searches arrive, and a report only has to place what is new.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/insight/need_similarity.h"

namespace kb {

// A wording as the clustering sees it.
struct WordingProfile {
  std::string wording;
  std::string language;
  std::string key;                   // its GapKey
  std::map<std::string, int> shown;  // what its misses were shown; empty when not in the period
};

// Sessions that missed with one wording and typed the other next (in either order).
class ReformulationPairs {
 public:
  void Add(const std::string& from, const std::string& to, int sessions);
  // The wordings that `wording` was reformulated to or from, with their sessions.
  const std::map<std::string, int>& Partners(const std::string& wording) const;

 private:
  std::unordered_map<std::string, std::map<std::string, int>> partners_;
};

// The id of the gap that a wording with `key` starts: 16 hex digits of a hash of the key. A gap
// keeps the id of the wording that started it, so ids made before wordings were grouped by need
// (when a gap was one key) still name the same gap.
std::string GapIdOfKey(const std::string& key);

class NeedClusters {
 public:
  NeedClusters(StemWeights& weights, NeedSimilarityParams params);

  // Adds a wording whose gap was decided before.
  void AddPlaced(const std::string& gap_id, WordingProfile profile);
  // Decides the gap of a new wording and places it there: the gap of a placed wording with the
  // same key; else that of the most similar placed wording, when similar enough (ties go to the
  // smaller gap id); else a new gap. Returns the gap id.
  std::string Place(WordingProfile profile, const ReformulationPairs& reformulations);

 private:
  struct Member {
    std::string gap_id;
    WordingProfile profile;
    NeedTerms terms;
  };

  StemWeights& weights_;
  const NeedSimilarityParams params_;
  std::vector<Member> members_;
  std::unordered_map<std::string, std::size_t> by_key_;  // key -> first member with it
  std::unordered_map<std::string, std::vector<std::size_t>> by_wording_;
  // Stem -> members that hold it: the only ones a new wording can be one need with, apart from
  // its reformulations.
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem_;
  std::set<std::string> gap_ids_;
};

}  // namespace kb
