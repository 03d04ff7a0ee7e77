// The network as GeoJSON with simulated results attached, for QGIS and kepler.gl
// (`corridor run --format geojson`): graph::to_geojson plus per-link and per-node results.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "corridor/graph/network.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::report {

/// graph::to_geojson(network) where each link and node feature also has flat numeric
/// properties: tonnes_per_year (+ _ci95_low, _ci95_high), vehicles_per_day, utilisation,
/// wait_mean_h, wait_p95_h, closed_days (means over replications), and a top-level
/// "corridor_results" member with the scenario name, seed and replications.
[[nodiscard]] nlohmann::json results_geojson(const graph::Network& network,
                                             const results::RunResults& results);

/// Writes the text of results.geojson to `out`: `results_geojson(network, results).dump(2)`
/// and a newline, built a feature at a time, so that neither the document nor its text exists
/// whole.
void write_results_geojson(const graph::Network& network, const results::RunResults& results,
                           std::ostream& out);

/// Writes the network alone (`corridor graph --format geojson`) to `out`:
/// `graph::to_geojson(network).dump(2)` and a newline, a feature at a time.
void write_network_geojson(const graph::Network& network, std::ostream& out);

}  // namespace corridor::report
