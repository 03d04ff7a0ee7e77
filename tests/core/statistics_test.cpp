// Tests of the statistics helpers (corridor/core/statistics.hpp) against values worked out by
// hand: Welford's running moments, time-weighted averages, quantiles and Student-t intervals.
#include "corridor/core/statistics.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "corridor/core/random.hpp"

using corridor::core::estimate;
using corridor::core::GroupedDurations;
using corridor::core::Samples;
using corridor::core::student_t975;
using corridor::core::Tally;
using corridor::core::TimeWeighted;

TEST_CASE("a tally gives the mean, sample variance and range of its observations", "[core]") {
  Tally t;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) t.add(x);
  CHECK(t.count() == 8);
  CHECK(t.mean() == Approx(5));
  CHECK(t.variance() == Approx(32.0 / 7));  // sum of squared deviations 32, n - 1 = 7
  CHECK(t.min() == 2);
  CHECK(t.max() == 9);
}

TEST_CASE("an empty or single-value tally has zero variance", "[core]") {
  Tally t;
  CHECK(t.count() == 0);
  CHECK(t.mean() == 0);
  CHECK(t.variance() == 0);
  t.add(-3);
  CHECK(t.mean() == -3);
  CHECK(t.variance() == 0);
  CHECK(t.min() == -3);
  CHECK(t.max() == -3);
}

TEST_CASE("welford's update stays exact far from zero", "[core]") {
  // The textbook case where the naive sum-of-squares formula loses every digit.
  Tally t;
  for (double x : {4.0, 7.0, 13.0, 16.0}) t.add(1e9 + x);
  CHECK(t.mean() == Approx(1e9 + 10));
  CHECK(t.variance() == Approx(30).epsilon(1e-9));
}

TEST_CASE("merging two tallies equals adding every observation to one", "[core]") {
  Tally a, b, all;
  for (int i = 0; i < 10; ++i) {
    const double x = i * i - 3.5 * i;
    (i < 4 ? a : b).add(x);
    all.add(x);
  }
  Tally merged = a;
  merged.merge(b);
  CHECK(merged.count() == all.count());
  CHECK(merged.mean() == Approx(all.mean()));
  CHECK(merged.variance() == Approx(all.variance()));
  CHECK(merged.min() == all.min());
  CHECK(merged.max() == all.max());
  Tally empty;
  empty.merge(a);
  CHECK(empty.mean() == Approx(a.mean()));
  a.merge(Tally{});
  CHECK(a.count() == 4);
}

TEST_CASE("a time-weighted average weighs each value by how long it held", "[core]") {
  TimeWeighted q;
  q.set(0, 0);
  q.set(2, 3);  // 3 on [2, 5)
  q.set(5, 1);  // 1 on [5, 10]
  CHECK(q.average(10) == Approx((3.0 * 3 + 1.0 * 5) / 10));
  q.reset(6);  // forget [0, 6), keep the value 1
  CHECK(q.average(10) == Approx(1));
  q.set(8, 5);
  CHECK(q.average(10) == Approx((1.0 * 2 + 5.0 * 2) / 4));
  CHECK(q.average(6) == Approx(5));  // an empty span gives the current value
}

TEST_CASE("quantiles interpolate linearly between order statistics", "[core]") {
  Samples s;
  CHECK(s.quantile(0.5) == 0);
  for (double x : {40, 10, 30, 20}) s.add(x);
  CHECK(s.size() == 4);
  CHECK(s.mean() == Approx(25));
  CHECK(s.quantile(0) == 10);
  CHECK(s.quantile(1) == 40);
  CHECK(s.quantile(0.5) == Approx(25));     // position 1.5
  CHECK(s.quantile(0.25) == Approx(17.5));  // position 0.75
  CHECK(s.quantile(0.9) == Approx(37));     // position 2.7
  s.add(5);                                 // adding after a quantile keeps every value
  CHECK(s.quantile(0) == 5);
  CHECK(s.quantile(0.5) == 20);
  CHECK(s.quantile(-1) == 5);  // out-of-range levels are clamped
  CHECK(s.quantile(2) == 40);
}

TEST_CASE("quantiles with many zeros and negative values match a full sort", "[core]") {
  corridor::core::RandomStream rng(11, 0, 3);
  Samples s;
  std::vector<double> all;
  for (int i = 0; i < 2001; ++i) {
    const double u = rng.uniform01();
    const double x = u < 0.6 ? 0.0 : u < 0.7 ? -rng.exponential(5) : rng.exponential(50);
    s.add(x);
    all.push_back(x);
  }
  std::sort(all.begin(), all.end());
  CHECK(s.size() == all.size());
  double sum = 0;
  for (double x : all) sum += x;
  CHECK(s.mean() == Approx(sum / static_cast<double>(all.size())));
  for (double q : {0.0, 0.03, 0.1, 0.35, 0.5, 0.65, 0.7, 0.95, 0.999, 1.0}) {
    const double pos = q * static_cast<double>(all.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const double frac = pos - static_cast<double>(lo);
    const double expected =
        frac == 0 ? all[lo] : all[lo] + frac * (all[std::min(lo + 1, all.size() - 1)] - all[lo]);
    CHECK(s.quantile(q) == expected);
  }
  Samples zeros;
  for (int i = 0; i < 5; ++i) zeros.add(0);
  CHECK(zeros.size() == 5);
  CHECK(zeros.quantile(0.95) == 0);
  CHECK(zeros.mean() == 0);
}

TEST_CASE("quantiles between two order statistics match a full sort at every position", "[core]") {
  // Levels that fall between order statistics, including those whose two neighbours lie on
  // either side of the negative / zero / positive boundaries.
  const std::vector<std::vector<double>> cases = {
      {-3, -1, 0, 0, 2, 5}, {4, -2, 0, 7, -9, 0, 0, 1}, {0, 3}, {-1, 0}, {-5, -4, 6, 8}, {2, 1, 3}};
  for (const auto& values : cases) {
    Samples s;
    for (double x : values) s.add(x);
    std::vector<double> all = values;
    std::sort(all.begin(), all.end());
    const double last = static_cast<double>(all.size() - 1);
    for (std::size_t k = 0; k + 1 < all.size(); ++k) {
      for (double f : {0.25, 0.5, 0.9}) {
        const double q = (static_cast<double>(k) + f) / last;
        const double pos = q * last;
        const auto lo = static_cast<std::size_t>(pos);
        const double expected = all[lo] + (pos - static_cast<double>(lo)) * (all[lo + 1] - all[lo]);
        CHECK(s.quantile(q) == Approx(expected).margin(1e-12));
      }
    }
  }
}

namespace {

double milliseconds_to_seconds(std::int64_t ticks) { return static_cast<double>(ticks) / 1000.0; }

// Every level a report asks for, and the edges.
const double kLevels[] = {-1.0, 0.0, 0.03, 0.1, 0.35, 0.5, 0.65, 0.95, 0.999, 1.0, 2.0, 1.0 / 3};

}  // namespace

TEST_CASE("durations in ticks give the mean and quantiles of Samples of the converted values",
          "[core]") {
  // Zeros, short and long durations, and (in the second case) some beyond 32 bits: the store
  // widens on the first of those and must keep every earlier value and its order.
  for (const std::int64_t longest : {std::int64_t{4'000'000'000}, std::int64_t{1} << 40}) {
    INFO("longest " << longest);
    corridor::core::RandomStream rng(5, 0, 9);
    corridor::core::DurationSamples ticks;
    Samples seconds;
    for (int i = 0; i < 3000; ++i) {  // n - 1 = 2999: most levels fall between two values
      const double u = rng.uniform01();
      const auto d = static_cast<std::int64_t>(u < 0.3   ? 0.0
                                               : u < 0.9 ? rng.exponential(86'400'000)
                                                         : rng.uniform01() * double(longest));
      ticks.add(d);
      seconds.add(milliseconds_to_seconds(d));
    }
    REQUIRE(ticks.size() == seconds.size());
    // Exactly equal, not approximately: a report must not change in its last digit.
    CHECK(ticks.mean(milliseconds_to_seconds) == seconds.mean());
    for (double q : kLevels) {
      INFO("q " << q);
      CHECK(ticks.quantile(q, milliseconds_to_seconds) == seconds.quantile(q));
    }
  }
}

TEST_CASE("durations added after a quantile count in the next one", "[core]") {
  // A quantile leaves the values partly ordered around its position; values added afterwards
  // (here smaller and larger than all before, and one that needs 64 bits) must not be taken as
  // ordered with them.
  corridor::core::DurationSamples ticks;
  Samples seconds;
  const auto add = [&](std::int64_t d) {
    ticks.add(d);
    seconds.add(milliseconds_to_seconds(d));
  };
  for (int i = 1; i <= 101; ++i) add(1000 + (i * 37) % 101);
  CHECK(ticks.quantile(0.5, milliseconds_to_seconds) == seconds.quantile(0.5));
  for (int i = 0; i < 60; ++i) add(i % 2 == 0 ? 10 + i : 5000 + i);
  for (double q : {0.5, 0.95, 0.1}) {
    INFO("q " << q);
    CHECK(ticks.quantile(q, milliseconds_to_seconds) == seconds.quantile(q));
  }
  add(std::int64_t{1} << 33);
  add(3);
  for (double q : {0.5, 1.0, 0.0, 0.95}) {
    INFO("wide, q " << q);
    CHECK(ticks.quantile(q, milliseconds_to_seconds) == seconds.quantile(q));
  }
}

TEST_CASE("durations: none, one, and all the same", "[core]") {
  corridor::core::DurationSamples none;
  CHECK(none.size() == 0);
  CHECK(none.mean(milliseconds_to_seconds) == 0);
  CHECK(none.quantile(0.5, milliseconds_to_seconds) == 0);
  corridor::core::DurationSamples one;
  one.add(1500);
  CHECK(one.mean(milliseconds_to_seconds) == 1.5);
  for (double q : kLevels) CHECK(one.quantile(q, milliseconds_to_seconds) == 1.5);
  corridor::core::DurationSamples same;
  for (int i = 0; i < 10; ++i) same.add(std::int64_t{1} << 33);  // wide from the first value
  CHECK(same.size() == 10);
  CHECK(same.quantile(0.95, milliseconds_to_seconds) == 8589934.592);
}

TEST_CASE("durations: a level between the last zero and the first value", "[core]") {
  corridor::core::DurationSamples ticks;
  Samples seconds;
  for (const std::int64_t d : {0, 5000, 0}) {
    ticks.add(d);
    seconds.add(milliseconds_to_seconds(d));
  }
  // n - 1 = 2: level 0.75 is halfway between the second zero and 5 s.
  CHECK(ticks.quantile(0.75, milliseconds_to_seconds) == 2.5);
  CHECK(seconds.quantile(0.75) == 2.5);
  CHECK(ticks.quantile(0.5, milliseconds_to_seconds) == 0);
  CHECK(ticks.quantile(1.0, milliseconds_to_seconds) == 5);
  CHECK(ticks.mean(milliseconds_to_seconds) == seconds.mean());
}

namespace {

double ticks_as_is(std::int64_t ticks) { return static_cast<double>(ticks); }

}  // namespace

TEST_CASE("grouped durations give each group what it would have collected alone", "[core]") {
  // Three groups, interleaved. In the second pass group 0's sum is order-sensitive in floating
  // point (1e17 + 1 is 1e17), so the log must keep each group's order, not only its values; its
  // value beyond 32 bits comes after others, and widens the log in the middle.
  for (const std::int64_t big :
       {std::int64_t{4'000'000'000}, std::int64_t{100'000'000'000'000'000}}) {
    INFO("big " << big);
    GroupedDurations grouped(3);
    std::vector<corridor::core::DurationSamples> alone(3);
    std::vector<Samples> converted(3);
    std::vector<std::pair<std::uint32_t, std::int64_t>> adds = {{2, 4}, {1, 0}, {0, big},
                                                                {2, 0}, {0, 0}, {2, 3}};
    for (int i = 0; i < 9; ++i) adds.insert(adds.end(), {{0, 1}, {2, 7}});
    for (const auto& [g, d] : adds) {
      grouped.add(g, d);
      alone[g].add(d);
      converted[g].add(ticks_as_is(d));
    }
    CHECK(grouped.groups() == 3);
    std::vector<corridor::core::DurationSamples> taken = grouped.take();
    REQUIRE(taken.size() == 3);
    if (big > 4'000'000'000) {
      // In the order added each 1 is lost against 1e17; summed smallest first they are not.
      CHECK(taken[0].mean(ticks_as_is) == 1e17 / 11);
    }
    for (std::size_t g = 0; g < 3; ++g) {
      INFO("group " << g);
      CHECK(taken[g].size() == alone[g].size());
      // (Before any quantile: selecting one reorders the values, and with them the sum.)
      CHECK(taken[g].mean(ticks_as_is) == alone[g].mean(ticks_as_is));
      CHECK(taken[g].mean(ticks_as_is) == converted[g].mean());
      for (double q : kLevels) {
        INFO("q " << q);
        const double expected = converted[g].quantile(q);
        CHECK(taken[g].quantile(q, ticks_as_is) == expected);
        CHECK(alone[g].quantile(q, ticks_as_is) == expected);
      }
    }
    CHECK(taken[0].size() == 11);
    CHECK(taken[1].size() == 1);
    CHECK(taken[1].quantile(0.5, ticks_as_is) == 0);
    CHECK(taken[2].quantile(0.5, ticks_as_is) == 7);
    // The log is empty afterwards; the groups stay.
    const std::vector<corridor::core::DurationSamples> again = grouped.take();
    REQUIRE(again.size() == 3);
    for (const auto& d : again) CHECK(d.size() == 0);
  }
  CHECK(GroupedDurations(2).take()[1].size() == 0);
}

TEST_CASE("student's t quantile matches the table and tends to the normal", "[core]") {
  CHECK(student_t975(1) == Approx(12.706));
  CHECK(student_t975(4) == Approx(2.776));
  CHECK(student_t975(19) == Approx(2.093));
  CHECK(student_t975(29) == Approx(2.045));
  CHECK(student_t975(30) == Approx(2.042));
  CHECK(student_t975(40) == Approx(2.021).margin(0.001));
  CHECK(student_t975(60) == Approx(2.000).margin(0.001));
  CHECK(student_t975(120) == Approx(1.980).margin(0.001));
  CHECK(student_t975(100000) == Approx(1.95996).margin(0.0001));
  CHECK(student_t975(0) == 0);
}

TEST_CASE("a 95% interval is the mean plus or minus t times the standard error", "[core]") {
  const auto e = estimate({1, 2, 3, 4, 5});
  CHECK(e.n == 5);
  CHECK(e.mean == Approx(3));
  // variance 2.5, standard error sqrt(2.5 / 5), t(4) = 2.776
  const double half = 2.776 * std::sqrt(0.5);
  CHECK(e.ci95_low == Approx(3 - half));
  CHECK(e.ci95_high == Approx(3 + half));
  CHECK(e.half_width() == Approx(half));
}

TEST_CASE("an interval from one value has zero width and from none is empty", "[core]") {
  const auto one = estimate({7});
  CHECK(one.n == 1);
  CHECK(one.mean == 7);
  CHECK(one.half_width() == 0);
  const auto none = estimate({});
  CHECK(none.n == 0);
  CHECK(none.mean == 0);
}
