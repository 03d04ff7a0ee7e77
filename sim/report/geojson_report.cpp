// Attaches simulated results to the GeoJSON export of the network. Properties are flat numbers
// (not nested objects) because GIS tools style and filter by flat attributes.
#include "corridor/report/geojson_report.hpp"

#include <map>
#include <string>

#include "corridor/graph/export.hpp"

namespace corridor::report {
namespace {

using nlohmann::json;

template <typename Summary>
json result_properties(const Summary& s) {
  return {{"tonnes_per_year", s.tonnes_per_year.mean},
          {"tonnes_per_year_ci95_low", s.tonnes_per_year.ci95_low},
          {"tonnes_per_year_ci95_high", s.tonnes_per_year.ci95_high},
          {"vehicles_per_day", s.vehicles_per_day.mean},
          {"utilisation", s.utilisation.mean},
          {"wait_mean_h", s.wait_mean_h.mean},
          {"wait_p95_h", s.wait_p95_h.mean},
          {"closed_days", s.closed_days.mean}};
}

}  // namespace

json results_geojson(const graph::Network& network, const results::RunResults& results) {
  std::map<std::string, json> links;
  for (const auto& l : results.links) links[l.id] = result_properties(l);
  json doc = graph::to_geojson(network, &links);

  std::map<std::string, const results::NodeSummary*> nodes;
  for (const auto& n : results.nodes) nodes[n.id] = &n;
  for (auto& feature : doc["features"]) {
    if (feature["geometry"]["type"] != "Point") continue;
    auto& props = feature["properties"];
    const auto it = nodes.find(props.value("id", std::string()));
    if (it == nodes.end()) continue;
    const json extra = result_properties(*it->second);
    for (const auto& [key, value] : extra.items()) props[key] = value;
  }
  doc["corridor_results"] = {{"scenario", results.scenario},
                             {"file", results.file},
                             {"seed", results.seed},
                             {"replications", results.replications}};
  return doc;
}

}  // namespace corridor::report
