// Statistics collected during and across replications: running mean and variance (Welford),
// time-weighted averages, sample quantiles, and Student-t confidence intervals.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace corridor::core {

/// Running count, mean, variance, minimum and maximum of observations.
class Tally {
 public:
  void add(double x);
  void merge(const Tally& other);
  [[nodiscard]] std::uint64_t count() const { return n_; }
  [[nodiscard]] double mean() const { return n_ ? mean_ : 0.0; }
  [[nodiscard]] double variance() const;  ///< sample variance (n - 1); 0 when n < 2
  [[nodiscard]] double min() const { return min_; }
  [[nodiscard]] double max() const { return max_; }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double min_ = 0;
  double max_ = 0;
};

/// Time-weighted average of a piecewise-constant quantity (queue length, units busy).
class TimeWeighted {
 public:
  void set(double t, double value);              ///< the quantity takes `value` from time t on
  void reset(double t);                          ///< forget the past, keep the current value
  [[nodiscard]] double average(double t) const;  ///< over [start, t]

 private:
  double start_ = 0;
  double last_t_ = 0;
  double value_ = 0;
  double area_ = 0;
};

/// Keeps every observation so that exact quantiles can be read at the end (zeros as a count).
class Samples {
 public:
  void add(double x) {
    // Zeros (a wait that did not happen) are the most common value and are only counted, which
    // keeps the memory a replication writes small; quantiles come out exactly the same.
    if (x == 0 && !std::signbit(x)) {
      ++zeros_;
    } else {
      values_.push_back(x);
    }
  }
  /// As `n` calls of add(0).
  void add_zeros(std::size_t n) { zeros_ += n; }
  void reserve(std::size_t n) { values_.reserve(n); }
  void clear() {
    values_.clear();
    zeros_ = 0;
  }
  [[nodiscard]] std::size_t size() const { return values_.size() + zeros_; }
  [[nodiscard]] double mean() const;
  /// The q-quantile by linear interpolation between order statistics; q is clamped to [0, 1].
  /// 0 if empty.
  [[nodiscard]] double quantile(double q) const;

 private:
  mutable std::vector<double> values_;  ///< every value but +0, in no particular order
  std::size_t zeros_ = 0;               ///< how many +0 were added
};

/// Non-negative tick counts in the order added, 4 bytes each while every one fits in 32 bits
/// and 8 bytes each from the first that does not (the earlier ones are widened then).
class TickVector {
 public:
  void push_back(std::uint64_t ticks) {
    if (wide_.empty() && ticks <= UINT32_MAX) {
      narrow_.push_back(static_cast<std::uint32_t>(ticks));
    } else {
      push_wide(ticks);
    }
  }
  /// Room for `n` more values.
  void reserve(std::size_t n);
  [[nodiscard]] std::size_t size() const { return narrow_.size() + wide_.size(); }
  /// Empties the vector and frees its memory.
  void release();
  /// f(values) with the std::vector of std::uint32_t or std::uint64_t that holds them.
  template <class F>
  decltype(auto) visit(F&& f) {
    return wide_.empty() ? f(narrow_) : f(wide_);
  }
  template <class F>
  decltype(auto) visit(F&& f) const {
    return wide_.empty() ? f(narrow_) : f(wide_);
  }

 private:
  void push_wide(std::uint64_t ticks);

  std::vector<std::uint32_t> narrow_;  ///< all values, until one needs 64 bits
  std::vector<std::uint64_t> wide_;    ///< from then on, all values
};

/// Durations in whole ticks (transit times, waits), kept for exact quantiles at the end in 4
/// bytes each while every one fits in 32 bits (8 bytes each once one does not): half the memory
/// of Samples, where a long run keeps millions. Zeros are only counted. mean() and quantile()
/// take the conversion of a duration to the unit reported (`to_value`, increasing, with
/// to_value(0) == 0) and give exactly what a Samples fed with to_value(d) for every duration d,
/// in the same order, would give.
class DurationSamples {
 public:
  using Convert = double (*)(std::int64_t ticks);

  /// REQUIRES: ticks >= 0.
  void add(std::int64_t ticks) {
    if (ticks == 0) {
      ++zeros_;
    } else {
      values_.push_back(static_cast<std::uint64_t>(ticks));
    }
  }
  /// As `n` calls of add(0).
  void add_zeros(std::size_t n) { zeros_ += n; }
  /// Room for `n` more durations other than zero.
  void reserve(std::size_t n) { values_.reserve(n); }
  [[nodiscard]] std::size_t size() const { return zeros_ + values_.size(); }
  /// The mean of to_value(d) (0 if empty); call before quantile(), which reorders the values.
  [[nodiscard]] double mean(Convert to_value) const;
  /// As Samples::quantile of the converted values. A second quantile searches only the side of
  /// the first one's value it lies on (a median and then a 95th percentile: the upper half).
  [[nodiscard]] double quantile(double q, Convert to_value) const;

 private:
  mutable TickVector values_;  ///< every value but 0, in the order added until quantile()
  std::size_t zeros_ = 0;      ///< how many zeros were added
  /// After quantile(): no value before values_[pivot_] is larger and none after it is smaller,
  /// as long as values_ still holds pivot_size_ values (0: no such position yet).
  mutable std::size_t pivot_ = 0;
  mutable std::size_t pivot_size_ = 0;
};

/// The durations of many groups (say, the waits at each link of a network), kept in one log in
/// the order they come: an observation is written at the end of the log rather than at the end
/// of its group's own vector, somewhere in memory, so a model with many groups touches less
/// memory per observation. A duration other than zero takes 8 bytes (its group and its ticks,
/// 12 once one needs 64 bits); zeros are only counted, 8 bytes per group. take() gives each
/// group the DurationSamples it would have had from its own add() calls, in the same order.
class GroupedDurations {
 public:
  explicit GroupedDurations(std::size_t groups = 0) : zeros_(groups, 0) {}

  /// REQUIRES: group < groups, ticks >= 0.
  void add(std::uint32_t group, std::int64_t ticks) {
    if (ticks == 0) {
      ++zeros_[group];
    } else {
      groups_.push_back(group);
      ticks_.push_back(static_cast<std::uint64_t>(ticks));
    }
  }
  [[nodiscard]] std::size_t groups() const { return zeros_.size(); }
  /// Every group's durations, in one pass over the log; the log is emptied and its memory
  /// freed (the groups stay, with nothing added).
  [[nodiscard]] std::vector<DurationSamples> take();

 private:
  std::vector<std::uint64_t> zeros_;   ///< per group: how many zeros were added
  std::vector<std::uint32_t> groups_;  ///< per value but 0: its group
  TickVector ticks_;                   ///< every value but 0, in the order added
};

/// Two-sided 97.5% quantile of Student's t with `dof` degrees of freedom (dof >= 1).
double student_t975(int dof);

/// Mean and 95% confidence interval of independent observations (one per replication).
struct Estimate {
  double mean = 0;
  double ci95_low = 0;
  double ci95_high = 0;
  int n = 0;
  [[nodiscard]] double half_width() const { return (ci95_high - ci95_low) / 2; }
};
Estimate estimate(const std::vector<double>& values);

}  // namespace corridor::core
