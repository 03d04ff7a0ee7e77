// Standard models that measure the discrete-event kernel alone (no scenario, no transport
// model): `timeout` stresses the event calendar, `corridor` the calendar plus FIFO resources.
// The `corridor bench` command runs them; docs/performance.md records what they measure.
#pragma once

#include <cstdint>
#include <string>

namespace corridor::bench {

/// Ticks per model time unit in both models (1 unit = 1,000,000 ticks).
inline constexpr double kTicksPerUnit = 1e6;

/// M processes, each looping forever on a delay drawn from Exp(mean 1).
struct TimeoutOptions {
  std::uint32_t processes = 1000;
  double horizon = 20000;  ///< model time units; events at or after it are not processed
  std::uint64_t seed = 1;
};

struct TimeoutResult {
  TimeoutOptions options;
  std::uint64_t model_events = 0;  ///< completed delays before the horizon
  double run_s = 0;                ///< wall-clock seconds of the run loop (set-up excluded)
  double rate = 0;                 ///< model_events / run_s, in events per second
  double events_per_process = 0;   ///< per process per model unit; close to 1 (a sanity check)
};

/// 200 trains cycle over 20 single-track sections (FIFO, capacity 1) and a port (FIFO,
/// capacity 4); train i starts at section i mod 20. Hold on section k: 0.5 + 0.05 (k mod 5) +
/// Exp(mean 0.5); at the port: Exp(mean 4).
struct CorridorOptions {
  double horizon = 500000;  ///< model time units
  std::uint64_t seed = 1;
};

struct CorridorResult {
  CorridorOptions options;
  std::uint64_t model_events = 0;  ///< grants + completed holds before the horizon
  double run_s = 0;                ///< wall-clock seconds of the run loop (set-up excluded)
  double rate = 0;                 ///< model_events / run_s, in events per second
  std::uint64_t grants = 0;
  std::uint64_t holds = 0;
  std::uint64_t port_visits = 0;  ///< grants at the port
  double mean_port_wait = 0;      ///< model units from request to grant, at the port
  double mean_sec_wait = 0;       ///< model units from request to grant, on the sections
};

inline constexpr int kCorridorTrains = 200;
inline constexpr int kCorridorSections = 20;
inline constexpr int kCorridorPortBerths = 4;

TimeoutResult run_timeout(const TimeoutOptions& options);
CorridorResult run_corridor(const CorridorOptions& options);

/// One line of `key=value` pairs, without a trailing newline.
std::string format_line(const TimeoutResult& result);
std::string format_line(const CorridorResult& result);

}  // namespace corridor::bench
