// The `run` pipeline: scenario → network → transport model → replications (in parallel threads)
// → results::RunResults. Everything but `meta` is identical for the same scenario and seed,
// whatever the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corridor/model/scenario.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::pipeline {

struct RunOptions {
  std::optional<int> replications;    ///< default: the scenario's run.replications
  std::optional<std::uint64_t> seed;  ///< default: the scenario's run.seed
  int threads = 0;                    ///< 0: all cores
  const std::atomic<bool>* stop = nullptr;
  /// Called after each finished replication (from worker threads, serialised).
  std::function<void(int done, int total)> progress;
};

/// Prepares the scenario for simulation without running it: routes every flow and finds the
/// vehicles for each leg. Throws ScenarioError for a flow that cannot be routed or served.
void check(const model::Scenario& scenario);

/// Runs the scenario's replications and summarises them. Throws ScenarioError when the
/// scenario cannot be simulated (a flow without a route), SimulationError on failure.
results::RunResults run_scenario(const model::Scenario& scenario, const RunOptions& options = {});

/// What a finished run should tell its user besides the results, one line each without the
/// `corridor: warning: ` prefix: every flow with demand that delivered nothing in every
/// replication (a route closed for the whole horizon, no vehicle ever free, ...).
std::vector<std::string> run_warnings(const results::RunResults& results);

}  // namespace corridor::pipeline
