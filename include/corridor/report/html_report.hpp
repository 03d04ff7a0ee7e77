// The HTML report: one self-contained file (inline CSS, SVG and a little JavaScript; nothing
// fetched from the network) with a map of the network coloured by utilisation, corridor
// throughput charts with confidence intervals, bottlenecks and flows. For `--format html`.
#pragma once

#include <string>

#include "corridor/model/scenario.hpp"
#include "corridor/results/comparison.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::report {

/// The report of one run of `scenario`.
[[nodiscard]] std::string to_html(const model::Scenario& scenario,
                                  const results::RunResults& results);

/// Scenarios side by side: throughput per corridor and run, differences from the first run,
/// and per run its map, bottlenecks and flows.
[[nodiscard]] std::string to_html(const results::Comparison& comparison);

/// A sweep: as a comparison, plus the throughput curve of every corridor over the grid.
[[nodiscard]] std::string to_html(const results::SweepResults& sweep);

}  // namespace corridor::report
