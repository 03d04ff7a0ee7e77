// Exports of the network for viewing: Graphviz DOT for a schematic, GeoJSON for a map.
// Used by `corridor graph`; reports attach simulation results to links through the optional
// per-link properties of the GeoJSON export.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "corridor/graph/network.hpp"

namespace corridor::graph {

/// The network as an undirected Graphviz graph. Nodes are labelled with name and kind and
/// shaped by kind; links are labelled with id, mode and length and styled by mode (rail solid,
/// road dashed, sea blue dotted, pipeline bold). Output depends only on the scenario.
[[nodiscard]] std::string to_dot(const Network& network);

/// The network as a GeoJSON FeatureCollection: each node a Point ([lon, lat]) with id, name,
/// country, kind and its resources; each link a LineString from its `from` node to its `to`
/// node with id, from, to, mode, length_km, speed_kmh, free_flow_h and the mode's parameters.
/// `link_properties`, when given, maps link ids to extra properties (a JSON object whose keys
/// are merged into the link's properties, overriding same-named ones; any other JSON value is
/// stored under "value"). Unknown link ids in it are ignored.
[[nodiscard]] nlohmann::json to_geojson(
    const Network& network, const std::map<std::string, nlohmann::json>* link_properties = nullptr);

/// The features of to_geojson(network) one at a time, for writing a large network piece by
/// piece: feature i (of geojson_feature_count) is node i for i < nodes, then the links in order.
[[nodiscard]] std::size_t geojson_feature_count(const Network& network);
[[nodiscard]] nlohmann::json geojson_feature(const Network& network, std::size_t i);

}  // namespace corridor::graph
