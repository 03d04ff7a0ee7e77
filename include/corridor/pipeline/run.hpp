// The `run` pipeline: scenario → network → transport model → replications (in parallel threads)
// → results::RunResults. Everything but `meta` is identical for the same scenario and seed,
// whatever the thread count.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corridor/model/scenario.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::pipeline {

/// How far a run has got, for a progress display.
struct RunProgress {
  enum class Stage {
    kPreparing,    ///< building the network, routes and services
    kSimulating,   ///< running the replications
    kSummarising,  ///< statistics over the replications and the capacity analysis
  };
  Stage stage = Stage::kPreparing;
  int done = 0;   ///< replications finished (by this process, under MPI)
  int total = 0;  ///< replications this process runs
  /// Share of the simulation done, 0 to 1: finished replications count whole, running ones
  /// by the share of the horizon they have simulated.
  double fraction = 0;
  double simulating_s = 0;  ///< wall time since the replications started
};

struct RunOptions {
  std::optional<int> replications;    ///< default: the scenario's run.replications
  std::optional<std::uint64_t> seed;  ///< default: the scenario's run.seed
  int threads = 0;                    ///< 0: core::default_threads()
  const std::atomic<bool>* stop = nullptr;
  /// Called from the calling thread, one call at a time: when a stage begins, after each
  /// finished replication, and every `progress_interval` while the replications run; must not
  /// throw (worker threads are running). Showing progress never changes the results.
  std::function<void(const RunProgress&)> progress;
  std::chrono::milliseconds progress_interval{250};
};

/// One line for a progress display, e.g. "simulating: 37% (1 of 4 replications done; about 40 s
/// left)"; the time left is given once a twentieth of the work is done.
std::string describe(const RunProgress& progress);

/// Prepares the scenario for simulation without running it: routes every flow and finds the
/// vehicles for each leg. Throws ScenarioError for a flow that cannot be routed or served.
void check(const model::Scenario& scenario);

/// Runs the scenario's replications and summarises them. Throws ScenarioError when the
/// scenario cannot be simulated (a flow without a route), SimulationError on failure.
results::RunResults run_scenario(const model::Scenario& scenario, const RunOptions& options = {});

/// How many flows that delivered nothing run_warnings() names one by one; the rest are counted.
inline constexpr std::size_t kListedSilentFlows = 5;

/// What a finished run should tell its user besides the results, one line each without the
/// `corridor: warning: ` prefix: the flows with demand that delivered nothing in every
/// replication (a route closed for the whole horizon, no vehicle ever free, ...), the first
/// kListedSilentFlows by name and then one line counting the others, so that a short run of a
/// large network does not bury the terminal in warnings.
std::vector<std::string> run_warnings(const results::RunResults& results);

}  // namespace corridor::pipeline
