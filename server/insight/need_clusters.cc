#include "server/insight/need_clusters.h"

#include <xxhash.h>

#include <cstdio>

namespace kb {

void ReformulationPairs::Add(const std::string& from, const std::string& to, int sessions) {
  partners_[from][to] += sessions;
  partners_[to][from] += sessions;
}

const std::map<std::string, int>& ReformulationPairs::Partners(const std::string& wording) const {
  static const std::map<std::string, int> kNone;
  auto it = partners_.find(wording);
  return it == partners_.end() ? kNone : it->second;
}

std::string GapIdOfKey(const std::string& key) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return hex;
}

NeedClusters::NeedClusters(StemWeights& weights, NeedSimilarityParams params)
    : weights_(weights), params_(params) {}

void NeedClusters::AddPlaced(const std::string& gap_id, WordingProfile profile) {
  const std::size_t index = members_.size();
  NeedTerms terms = weights_.TermsOfKey(profile.key);
  by_key_.try_emplace(profile.key, index);
  by_wording_[profile.wording].push_back(index);
  for (const auto& [stem, weight] : terms.stems) by_stem_[stem].push_back(index);
  gap_ids_.insert(gap_id);
  members_.push_back({gap_id, std::move(profile), std::move(terms)});
}

std::string NeedClusters::Place(WordingProfile profile, const ReformulationPairs& reformulations) {
  if (auto same = by_key_.find(profile.key); same != by_key_.end()) {
    const std::string gap_id = members_[same->second].gap_id;
    AddPlaced(gap_id, std::move(profile));
    return gap_id;
  }
  const NeedTerms terms = weights_.TermsOfKey(profile.key);
  const std::map<std::string, int>& partners = reformulations.Partners(profile.wording);
  std::set<std::size_t> candidates;
  for (const auto& [stem, weight] : terms.stems) {
    if (auto it = by_stem_.find(stem); it != by_stem_.end()) {
      candidates.insert(it->second.begin(), it->second.end());
    }
  }
  for (const auto& [partner, sessions] : partners) {
    if (auto it = by_wording_.find(partner); it != by_wording_.end()) {
      candidates.insert(it->second.begin(), it->second.end());
    }
  }
  double best_score = 0;
  const std::string* best_gap = nullptr;
  for (std::size_t index : candidates) {
    const Member& member = members_[index];
    auto reformulated = partners.find(member.profile.wording);
    const int sessions = reformulated == partners.end() ? 0 : reformulated->second;
    const double score = NeedSimilarity(terms, member.terms, weights_, profile.shown,
                                        member.profile.shown, sessions, params_);
    if (score < params_.threshold) continue;
    if (!best_gap || score > best_score || (score == best_score && member.gap_id < *best_gap)) {
      best_score = score;
      best_gap = &member.gap_id;
    }
  }
  std::string gap_id;
  if (best_gap) {
    gap_id = *best_gap;
  } else {
    gap_id = GapIdOfKey(profile.key);
    // Another key with the same hash is out of reach in practice; if it happens, the new need
    // still gets a gap of its own.
    for (int salt = 1; gap_ids_.count(gap_id); ++salt) {
      gap_id = GapIdOfKey(profile.key + "#" + std::to_string(salt));
    }
  }
  AddPlaced(gap_id, std::move(profile));
  return gap_id;
}

}  // namespace kb
