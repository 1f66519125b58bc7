// A small deterministic random source (splitmix64). The benchmark corpus must be byte-identical
// on every machine and standard library, which std::uniform_*_distribution does not promise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kb::bench {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  // Independent streams: the same (seed, stream) always gives the same sequence.
  static Random For(std::uint64_t seed, std::uint64_t stream) {
    Random mixer(seed ^ (stream * 0x9E3779B97F4A7C15ULL));
    mixer.Next();
    return Random(mixer.Next());
  }

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  // Uniform in [low, high].
  int Between(int low, int high) { return low + static_cast<int>(Below(high - low + 1)); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace kb::bench
