// Attaches simulated results to the GeoJSON export of the network. Properties are flat numbers
// (not nested objects) because GIS tools style and filter by flat attributes.
#include "corridor/report/geojson_report.hpp"

#include <string>
#include <unordered_map>

#include "corridor/graph/export.hpp"
#include "corridor/report/json_text.hpp"

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

/// A feature of the export with its results merged into its properties.
class ResultFeatures {
 public:
  ResultFeatures(const graph::Network& network, const results::RunResults& results)
      : network_(network), nodes_(network.scenario().nodes.size()) {
    for (const auto& l : results.links) links_.emplace(l.id, &l);
    for (const auto& n : results.nodes) node_results_.emplace(n.id, &n);
  }

  [[nodiscard]] std::size_t size() const { return graph::geojson_feature_count(network_); }

  [[nodiscard]] json operator()(std::size_t i) const {
    json feature = graph::geojson_feature(network_, i);
    const model::Scenario& sc = network_.scenario();
    json extra;
    if (i < nodes_) {
      const auto it = node_results_.find(sc.nodes[i].id);
      if (it != node_results_.end()) extra = result_properties(*it->second);
    } else {
      const auto it = links_.find(sc.links[i - nodes_].id);
      if (it != links_.end()) extra = result_properties(*it->second);
    }
    json& props = feature["properties"];
    for (const auto& [key, value] : extra.items()) props[key] = value;
    return feature;
  }

 private:
  const graph::Network& network_;
  std::size_t nodes_;
  std::unordered_map<std::string, const results::LinkSummary*> links_;
  std::unordered_map<std::string, const results::NodeSummary*> node_results_;
};

json head_of(const graph::Network& network, const results::RunResults& results) {
  return {{"type", "FeatureCollection"},
          {"name", network.scenario().name},
          {"corridor_results",
           {{"scenario", results.scenario},
            {"file", results.file},
            {"seed", results.seed},
            {"replications", results.replications}}}};
}

}  // namespace

json results_geojson(const graph::Network& network, const results::RunResults& results) {
  const ResultFeatures features(network, results);
  json doc = head_of(network, results);
  json& list = doc["features"] = json::array();
  for (std::size_t i = 0; i < features.size(); ++i) list.push_back(features(i));
  return doc;
}

void write_results_geojson(const graph::Network& network, const results::RunResults& results,
                           std::ostream& out) {
  const ResultFeatures features(network, results);
  pretty_json(
      out, head_of(network, results),
      {{"features", {features.size(), [&features](std::size_t i) { return features(i); }}}});
}

void write_network_geojson(const graph::Network& network, std::ostream& out) {
  pretty_json(out, {{"type", "FeatureCollection"}, {"name", network.scenario().name}},
              {{"features", {graph::geojson_feature_count(network), [&network](std::size_t i) {
                               return graph::geojson_feature(network, i);
                             }}}});
}

}  // namespace corridor::report
