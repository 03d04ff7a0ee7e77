// Implementation of the statistics helpers.
#include "corridor/core/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::core {

void Tally::add(double x) {
  ++n_;
  if (n_ == 1) {
    mean_ = x;
    m2_ = 0;
    min_ = max_ = x;
    return;
  }
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

void Tally::merge(const Tally& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double n = static_cast<double>(n_ + other.n_);
  const double delta = other.mean_ - mean_;
  m2_ += other.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(other.n_) / n;
  mean_ += delta * static_cast<double>(other.n_) / n;
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Tally::variance() const { return n_ < 2 ? 0.0 : m2_ / static_cast<double>(n_ - 1); }

void TimeWeighted::set(double t, double value) {
  area_ += value_ * (t - last_t_);
  last_t_ = t;
  value_ = value;
}

void TimeWeighted::reset(double t) {
  start_ = t;
  last_t_ = t;
  area_ = 0;
}

double TimeWeighted::average(double t) const {
  const double span = t - start_;
  if (span <= 0) return value_;
  return (area_ + value_ * (t - last_t_)) / span;
}

double Samples::mean() const {
  if (size() == 0) return 0;
  double sum = 0;  // the zeros add nothing
  for (double v : values_) sum += v;
  return sum / static_cast<double>(size());
}

double Samples::quantile(double q) const {
  const std::size_t n = size();
  if (n == 0) return 0;
  // Clamp, so that a level outside [0, 1] (or NaN) cannot index outside the values.
  const double level = q > 0 ? std::min(q, 1.0) : 0.0;
  const double pos = level * static_cast<double>(n - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  // Sorted, the values are: the negative ones, then the zeros, then the positive ones.
  const auto positive =
      std::partition(values_.begin(), values_.end(), [](double v) { return v < 0; });
  const auto negatives = static_cast<std::size_t>(positive - values_.begin());
  const auto is_zero = [&](std::size_t k) { return k >= negatives && k < negatives + zeros_; };
  const auto range_end = [&](std::size_t k) { return k < negatives ? positive : values_.end(); };
  // The k-th smallest value (0-based), by selection instead of a full sort: linear time; the
  // values end up partitioned, not sorted.
  const auto at_of = [&](std::size_t k) {
    return (k < negatives ? values_.begin() : positive) +
           static_cast<std::ptrdiff_t>(k < negatives ? k : k - negatives - zeros_);
  };
  const auto order_statistic = [&](std::size_t k) {
    if (is_zero(k)) return 0.0;
    std::nth_element(k < negatives ? values_.begin() : positive, at_of(k), range_end(k));
    return *at_of(k);
  };
  const double low = order_statistic(lo);
  if (lo + 1 >= n || frac == 0) return low;
  double high = 0;
  if (!is_zero(lo) && !is_zero(lo + 1) && (lo < negatives) == (lo + 1 < negatives)) {
    // Selection left every later value of the same sign after position lo: the next order
    // statistic is the smallest of them.
    high = *std::min_element(at_of(lo) + 1, range_end(lo));
  } else {
    high = order_statistic(lo + 1);
  }
  return low + frac * (high - low);
}

namespace {

// Samples::quantile for the non-negative integers `values` and `zeros` zeros, converted by an
// increasing function that keeps 0: the order statistics of the integers are those of the
// converted values, and the zeros come first.
// `pivot` and `pivot_size` are DurationSamples::pivot_ and pivot_size_: a selection left
// values[pivot] where sorting would put it, so a later one searches one side of it only.
template <class T>
double duration_quantile(std::vector<T>& values, std::size_t zeros, double q,
                         DurationSamples::Convert to_value, std::size_t& pivot,
                         std::size_t& pivot_size) {
  const std::size_t n = zeros + values.size();
  if (n == 0) return 0;
  const double level = q > 0 ? std::min(q, 1.0) : 0.0;
  const double pos = level * static_cast<double>(n - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  if (lo < zeros) {
    if (lo + 1 >= n || frac == 0 || lo + 1 < zeros) return 0.0;
    // Between the last zero and the smallest value.
    const double high =
        to_value(static_cast<std::int64_t>(*std::min_element(values.begin(), values.end())));
    return frac * high;
  }
  const std::size_t k = lo - zeros;
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(k);
  if (pivot_size != values.size()) {
    std::nth_element(values.begin(), at, values.end());
  } else if (k > pivot) {
    std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(pivot + 1), at, values.end());
  } else if (k < pivot) {
    std::nth_element(values.begin(), at, values.begin() + static_cast<std::ptrdiff_t>(pivot));
  }
  pivot = k;
  pivot_size = values.size();
  const double low = to_value(static_cast<std::int64_t>(*at));
  if (lo + 1 >= n || frac == 0) return low;
  // Selection left every later value after position lo: the next order statistic is their
  // smallest.
  const double high = to_value(static_cast<std::int64_t>(*std::min_element(at + 1, values.end())));
  return low + frac * (high - low);
}

template <class T>
double duration_sum(const std::vector<T>& values, DurationSamples::Convert to_value) {
  double sum = 0;
  for (T v : values) sum += to_value(static_cast<std::int64_t>(v));
  return sum;
}

}  // namespace

void TickVector::push_wide(std::uint64_t ticks) {
  if (wide_.empty()) {
    wide_.reserve(narrow_.size() + 1);
    wide_.assign(narrow_.begin(), narrow_.end());
    narrow_ = {};
  }
  wide_.push_back(ticks);
}

void TickVector::reserve(std::size_t n) {
  if (wide_.empty()) {
    narrow_.reserve(narrow_.size() + n);
  } else {
    wide_.reserve(wide_.size() + n);
  }
}

void TickVector::release() {
  narrow_ = {};
  wide_ = {};
}

double DurationSamples::mean(Convert to_value) const {
  if (size() == 0) return 0;
  // As Samples::mean: the sum in the order added (a zero adds nothing to it).
  const double sum = values_.visit([&](const auto& v) { return duration_sum(v, to_value); });
  return sum / static_cast<double>(size());
}

double DurationSamples::quantile(double q, Convert to_value) const {
  return values_.visit(
      [&](auto& v) { return duration_quantile(v, zeros_, q, to_value, pivot_, pivot_size_); });
}

std::vector<DurationSamples> GroupedDurations::take() {
  std::vector<std::size_t> count(zeros_.size(), 0);
  for (std::uint32_t g : groups_) ++count[g];
  std::vector<DurationSamples> out(zeros_.size());
  for (std::size_t g = 0; g < out.size(); ++g) {
    out[g].reserve(count[g]);
    out[g].add_zeros(zeros_[g]);
    zeros_[g] = 0;
  }
  ticks_.visit([&](const auto& ticks) {
    for (std::size_t i = 0; i < ticks.size(); ++i) {
      out[groups_[i]].add(static_cast<std::int64_t>(ticks[i]));
    }
  });
  groups_ = {};
  ticks_.release();
  return out;
}

double student_t975(int dof) {
  // Exact table to 30 degrees of freedom, then the Cornish-Fisher expansion around the normal.
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof < 1) return 0;
  if (dof <= 30) return kTable[dof - 1];
  const double z = 1.959963984540054;
  const double n = dof;
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n);
}

Estimate estimate(const std::vector<double>& values) {
  Estimate e;
  e.n = static_cast<int>(values.size());
  if (values.empty()) return e;
  Tally t;
  for (double v : values) t.add(v);
  e.mean = t.mean();
  double half = 0;
  if (e.n >= 2) half = student_t975(e.n - 1) * std::sqrt(t.variance() / e.n);
  e.ci95_low = e.mean - half;
  e.ci95_high = e.mean + half;
  return e;
}

}  // namespace corridor::core
