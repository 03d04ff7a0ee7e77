// Results of `corridor compare` and `corridor sweep` in the form reports read: several runs of
// related scenarios side by side, per corridor, with each run's difference from the first one
// estimated from paired replications. Plain values, filled by the pipeline (pipeline/compare.hpp,
// pipeline/sweep.hpp) and formatted by the report writers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/model/scenario.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::results {

/// One corridor in one run, with what a comparison shows next to throughput.
struct CorridorFigures {
  bool present = false;  ///< the corridor exists in this run's scenario
  Estimate tonnes_per_year;
  Estimate value_usd_per_year;
  /// Mean transit time of the corridor's flows weighted by the tonnes they delivered, hours;
  /// nullopt when no flow of the corridor delivered anything.
  std::optional<double> transit_mean_h;
  std::optional<CorridorCapacity> capacity;
  /// Highest simulated utilisation (mean, 0..1) among the binding elements that are links or
  /// nodes, and which one; nullopt when unknown.
  std::optional<double> binding_utilisation;
  std::string binding_utilisation_id;
  /// Difference in tonnes per year from the first run, estimated from paired replications
  /// (difference per replication, then a Student-t interval). n = 0 for the first run or when
  /// either side lacks the corridor.
  Estimate difference_t_per_year;
};

/// A corridor across all runs, in run order.
struct CorridorComparison {
  std::string id;
  std::string name;
  std::vector<CorridorFigures> runs;
};

/// One simulated run: its label, the scenario it ran (for maps and facts) and its results.
struct LabelledRun {
  std::string label;  ///< the scenario name, or the parameter values of a sweep point
  model::Scenario scenario;
  RunResults results;
};

/// Several runs side by side. Corridors appear in the order of their first occurrence.
struct Comparison {
  std::vector<LabelledRun> runs;
  std::vector<CorridorComparison> corridors;
};

/// A parameter varied by a sweep, with the values it takes (as written on the command line).
struct SweepParameter {
  std::string path;
  std::vector<std::string> values;
};

/// A sweep: the grid of parameter values (one run per combination; the last parameter varies
/// fastest) compared as runs of the same scenario. `points[i]` holds the values of run i, one
/// per parameter.
struct SweepResults {
  std::vector<SweepParameter> parameters;
  std::vector<std::vector<std::string>> points;
  Comparison comparison;
};

}  // namespace corridor::results
