// The `compare` pipeline: runs several scenarios with the same seed (common random numbers: the
// transport model keys its random streams by seed, replication and element, so elements the
// scenarios share draw the same numbers) and sets their corridors side by side, with each
// scenario's difference from the first estimated from paired replications.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "corridor/capacity/analysis.hpp"
#include "corridor/core/statistics.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/results/comparison.hpp"
#include "corridor/scenario/loader.hpp"

namespace corridor::pipeline {

/// Computes a corridor's capacity bound; capacity::analyse_corridor fits.
using CapacityFn = std::function<capacity::Bound(const graph::Network&, const model::Corridor&)>;

struct CompareOptions {
  /// Replications, seed, threads, stop flag and progress for every run. Without a seed, every
  /// scenario runs with the first scenario's run.seed (so that the numbers are paired).
  RunOptions run;
  /// When set, each corridor gets its analytic capacity and binding elements.
  CapacityFn capacity;
  /// Called before each scenario runs: (index, count, label).
  std::function<void(std::size_t, std::size_t, const std::string&)> on_scenario;
  /// A sweep's loading stages: parsing the file, then "point 2 of 6: checking ..." for each
  /// point of the grid.
  scenario::LoadStage loading;
};

/// Mean and 95% confidence interval of `other[i] - base[i]` over the replications both have
/// (Student t on the paired differences). n = 0 when there is none.
[[nodiscard]] core::Estimate paired_difference(const std::vector<double>& base,
                                               const std::vector<double>& other);

/// The tonnes-per-year samples of corridor `id` in `run`, one per replication; empty when the
/// run has no such corridor.
[[nodiscard]] std::vector<double> corridor_samples(const results::RunResults& run,
                                                   const std::string& id);

/// Sets finished runs side by side (no simulation): corridors matched by id, figures per run,
/// paired differences from runs[0]. `capacity` computes bounds when set.
[[nodiscard]] results::Comparison build_comparison(std::vector<results::LabelledRun> runs,
                                                   const CapacityFn& capacity = {});

/// Runs every scenario (in order, each with options.run) and builds their comparison. Labels
/// are the scenario names (made unique with the file name when two are equal).
/// Throws what run_scenario throws; if a run is interrupted, returns what finished with
/// `stopped` set on the last run's results.
[[nodiscard]] results::Comparison compare_scenarios(const std::vector<model::Scenario>& scenarios,
                                                    const CompareOptions& options = {});

}  // namespace corridor::pipeline
