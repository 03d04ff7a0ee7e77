// Tests of the random streams (corridor/core/random.hpp): reproducible per (seed, replication,
// source), independent between sources, and with the moments each variate promises.
#include "corridor/core/random.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "corridor/core/statistics.hpp"

using corridor::core::RandomStream;
using corridor::core::stream_key;
using corridor::core::Tally;

TEST_CASE("stream keys are 64-bit FNV-1a hashes of the source name", "[core]") {
  // Published FNV-1a test vectors.
  STATIC_REQUIRE(stream_key("") == 0xcbf29ce484222325ULL);
  STATIC_REQUIRE(stream_key("a") == 0xaf63dc4c8601ec8cULL);
  STATIC_REQUIRE(stream_key("foobar") == 0x85944171f73967e8ULL);
  CHECK(stream_key("link/kti_1/outage") != stream_key("link/kti_2/outage"));
}

TEST_CASE("splitmix64 gives the reference sequence from state zero", "[core]") {
  std::uint64_t state = 0;
  CHECK(corridor::core::splitmix64(state) == 0xe220a8397b1dcdafULL);
  CHECK(corridor::core::splitmix64(state) == 0x6e789e6aa1b965f4ULL);
}

TEST_CASE("a stream is reproduced exactly by the same seed, replication and key", "[core]") {
  RandomStream a(42, 3, stream_key("port/aktau/berth"));
  RandomStream b(42, 3, stream_key("port/aktau/berth"));
  for (int i = 0; i < 1000; ++i) REQUIRE(a.next_u64() == b.next_u64());
  // Derived variates too, including the normal's kept second value.
  for (int i = 0; i < 101; ++i) REQUIRE(a.normal() == b.normal());
  REQUIRE(a.lognormal(2, 1) == b.lognormal(2, 1));
}

TEST_CASE("streams differ when the seed, the replication or the key differ", "[core]") {
  const std::uint64_t key = stream_key("x");
  auto first = [](RandomStream s) { return std::array{s.next_u64(), s.next_u64(), s.next_u64()}; };
  const auto base = first(RandomStream(1, 0, key));
  CHECK(first(RandomStream(2, 0, key)) != base);
  CHECK(first(RandomStream(1, 1, key)) != base);
  CHECK(first(RandomStream(1, 0, stream_key("y"))) != base);
  // Seed and replication are not interchangeable.
  CHECK(first(RandomStream(0, 1, key)) != first(RandomStream(1, 0, key)));
}

TEST_CASE("the first values of a stream never change between versions", "[core]") {
  // Golden values: results of saved runs depend on them. Update only on purpose.
  RandomStream s(1, 0, stream_key("golden"));
  const std::uint64_t a = s.next_u64();
  const std::uint64_t b = s.next_u64();
  RandomStream again(1, 0, stream_key("golden"));
  CHECK(again.next_u64() == a);
  CHECK(again.next_u64() == b);
  CHECK(a == 0x93d2ac86d17d8354ULL);
  CHECK(b == 0xea3642d08da46970ULL);
}

TEST_CASE("streams of neighbouring keys and replications are uncorrelated", "[core]") {
  // Pearson correlation of 20,000 paired uniforms: |r| < 4 / sqrt(n) = 0.028 is a 4-sigma bound.
  const int n = 20000;
  const std::vector<std::array<RandomStream, 2>> pairs = {
      {RandomStream(1, 0, stream_key("a")), RandomStream(1, 0, stream_key("b"))},
      {RandomStream(1, 0, 1), RandomStream(1, 0, 2)},
      {RandomStream(1, 0, 7), RandomStream(1, 1, 7)},
      {RandomStream(1, 0, 7), RandomStream(2, 0, 7)},
  };
  for (auto pair : pairs) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; ++i) {
      const double x = pair[0].uniform01();
      const double y = pair[1].uniform01();
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    const double cov = sxy / n - (sx / n) * (sy / n);
    const double r = cov / std::sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
    CHECK(std::abs(r) < 4 / std::sqrt(static_cast<double>(n)));
  }
}

TEST_CASE("uniforms fill ten equal bins evenly", "[core]") {
  RandomStream s(5, 0, stream_key("bins"));
  const int n = 100000;
  std::array<int, 10> bins{};
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    ++bins[static_cast<std::size_t>(u * 10)];
  }
  double chi2 = 0;
  for (int count : bins) chi2 += (count - n / 10.0) * (count - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.88);  // 99.9% point of chi-square with 9 degrees of freedom
}

TEST_CASE("variates have the mean and spread their parameters promise", "[core]") {
  RandomStream s(9, 0, stream_key("moments"));
  const int n = 200000;
  Tally uniform, exponential, triangular, normal, lognormal;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform(2, 6);
    REQUIRE(u >= 2);
    REQUIRE(u < 6);
    uniform.add(u);
    const double e = s.exponential(3);
    REQUIRE(e >= 0);
    exponential.add(e);
    const double t = s.triangular(1, 2, 6);
    REQUIRE(t >= 1);
    REQUIRE(t <= 6);
    triangular.add(t);
    normal.add(s.normal());
    lognormal.add(s.lognormal(2, 1));
  }
  // Tolerances are about five standard errors.
  CHECK(uniform.mean() == Approx(4).margin(0.015));
  CHECK(uniform.variance() == Approx(16.0 / 12).margin(0.02));
  CHECK(exponential.mean() == Approx(3).margin(0.035));
  CHECK(exponential.variance() == Approx(9).margin(0.3));
  CHECK(triangular.mean() == Approx(3).margin(0.012));
  // Variance of a triangular: (a^2 + b^2 + c^2 - ab - ac - bc) / 18.
  CHECK(triangular.variance() == Approx((1 + 4 + 36 - 2 - 6 - 12) / 18.0).margin(0.02));
  CHECK(normal.mean() == Approx(0).margin(0.012));
  CHECK(normal.variance() == Approx(1).margin(0.02));
  CHECK(lognormal.mean() == Approx(2).margin(0.012));
  CHECK(std::sqrt(lognormal.variance()) == Approx(1).margin(0.03));
}

TEST_CASE("degenerate parameters give the obvious value", "[core]") {
  RandomStream s(1, 0, 0);
  CHECK(s.triangular(2, 2, 2) == 2);
  CHECK(s.lognormal(5, 0) == 5);
  CHECK(s.uniform(3, 3) == 3);
}
