// The network as GeoJSON with simulated results attached, for QGIS and kepler.gl
// (`corridor run --format geojson`): graph::to_geojson plus per-link and per-node results.
#pragma once

#include <nlohmann/json.hpp>

#include "corridor/graph/network.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::report {

/// graph::to_geojson(network) where each link and node feature also has flat numeric
/// properties: tonnes_per_year (+ _ci95_low, _ci95_high), vehicles_per_day, utilisation,
/// wait_mean_h, wait_p95_h, closed_days (means over replications), and a top-level
/// "corridor_results" member with the scenario name, seed and replications.
[[nodiscard]] nlohmann::json results_geojson(const graph::Network& network,
                                             const results::RunResults& results);

}  // namespace corridor::report
