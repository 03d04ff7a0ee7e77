// Simulated time of the discrete-event kernel: a 64-bit integer count of ticks. The model picks
// the length of a tick (the transport model uses milliseconds), so event order never hinges on
// floating-point ties.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace corridor::core {

using Tick = std::int64_t;

inline constexpr Tick kTickMax = std::numeric_limits<Tick>::max();

/// Rounds a non-negative duration in model units to whole ticks (half away from zero).
/// REQUIRES: value * ticks_per_unit fits in a Tick.
inline Tick to_ticks(double value, double ticks_per_unit) {
  // The same result as std::llround, without its library call (it is on every event's path):
  // truncation and the fraction it cuts off are both exact in double arithmetic.
  const double scaled = value * ticks_per_unit;
  const auto whole = static_cast<Tick>(scaled);
  const double fraction = scaled - static_cast<double>(whole);
  return whole + static_cast<Tick>(fraction >= 0.5) - static_cast<Tick>(fraction <= -0.5);
}

}  // namespace corridor::core
