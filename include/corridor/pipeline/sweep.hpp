// The `sweep` pipeline: one scenario run over a grid of parameter values given as
// `--set PATH=v1,v2,...`, every point with the same seed, compared like `corridor compare`
// (each point's difference from the first point from paired replications).
#pragma once

#include <string>
#include <vector>

#include "corridor/pipeline/compare.hpp"
#include "corridor/results/comparison.hpp"
#include "corridor/scenario/loader.hpp"

namespace corridor::pipeline {

/// Parses `PATH=v1,v2,...`. Values are split at commas outside brackets and braces, so
/// `links.a.rail.loops=[10 km, 20 km],[5 km]` has two values; blanks around values are trimmed.
/// Throws UsageError for a missing `=`, an empty path or an empty value.
[[nodiscard]] results::SweepParameter parse_sweep_parameter(const std::string& text);

/// Every combination of the parameters' values, as override lists in parameter order; the last
/// parameter varies fastest. No parameters: one empty combination.
[[nodiscard]] std::vector<std::vector<scenario::Override>> expand_grid(
    const std::vector<results::SweepParameter>& parameters);

/// Loads `file` once per grid point (with `fixed` overrides first, then the point's values) and
/// runs it. All points use one seed: options.run.seed, else the first point's run.seed.
/// Throws ScenarioError when a point does not load (naming its values), UsageError for an empty
/// grid or more than 1000 points.
[[nodiscard]] results::SweepResults run_sweep(
    const std::string& file, const std::vector<scenario::Override>& fixed,
    const std::vector<results::SweepParameter>& parameters, const CompareOptions& options = {});

}  // namespace corridor::pipeline
