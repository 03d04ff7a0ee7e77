// Random streams: one independent, reproducible stream per (seed, replication, source), so two
// scenarios run with the same seed draw the same numbers for every element they share (common
// random numbers). The generator is xoshiro256++; variates are computed here, not by <random>
// distributions, so results are identical across standard libraries.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace corridor::core {

/// 64-bit FNV-1a hash of a name, used to key a stream by its source (e.g. "link/kti_1/outage").
constexpr std::uint64_t stream_key(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// SplitMix64 step: a good mixer for seeding.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  RandomStream() : RandomStream(0, 0, 0) {}
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t key) {
    std::uint64_t sm = seed;
    std::uint64_t mix = splitmix64(sm) ^ (replication * 0xd1b54a32d192ed03ULL);
    sm = mix;
    mix = splitmix64(sm) ^ key;
    sm = mix;
    for (auto& word : s_) word = splitmix64(sm);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform01(); }
  /// Exponential with the given mean (> 0).
  double exponential(double mean) { return -mean * std::log1p(-uniform01()); }

  double triangular(double lo, double mode, double hi) {
    const double u = uniform01();
    const double span = hi - lo;
    if (span <= 0) return lo;
    const double cut = (mode - lo) / span;
    if (u < cut) return lo + std::sqrt(u * span * (mode - lo));
    return hi - std::sqrt((1 - u) * span * (hi - mode));
  }

  /// Standard normal (Marsaglia polar method; the second variate is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2 * uniform01() - 1;
      v = 2 * uniform01() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double f = std::sqrt(-2 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

  /// Lognormal with the given mean and standard deviation of the variate itself.
  double lognormal(double mean, double sd) {
    if (sd <= 0) return mean;
    const double sigma2 = std::log1p((sd * sd) / (mean * mean));
    const double mu = std::log(mean) - sigma2 / 2;
    return std::exp(mu + std::sqrt(sigma2) * normal());
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace corridor::core
