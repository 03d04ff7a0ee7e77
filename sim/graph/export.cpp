// Graphviz DOT and GeoJSON exports of the network (`corridor graph`). Both walk the scenario in
// file order, so the output is the same bytes for the same scenario.
#include "corridor/graph/export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

namespace corridor::graph {

namespace {

using nlohmann::json;

/// Escapes text for a double-quoted DOT string.
std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

const char* dot_shape(model::NodeKind kind) {
  switch (kind) {
    case model::NodeKind::kStation:
      return "ellipse";
    case model::NodeKind::kPort:
      return "house";
    case model::NodeKind::kBorder:
      return "octagon";
    case model::NodeKind::kTerminal:
      return "box";
    case model::NodeKind::kJunction:
      return "diamond";
    case model::NodeKind::kCity:
      return "doublecircle";
    case model::NodeKind::kField:
      return "cylinder";
  }
  return "ellipse";
}

const char* dot_style(model::Mode mode) {
  switch (mode) {
    case model::Mode::kRail:
      return "style=solid, color=black";
    case model::Mode::kRoad:
      return "style=dashed, color=gray30";
    case model::Mode::kSea:
      return "style=dotted, color=blue, fontcolor=blue";
    case model::Mode::kPipeline:
      return "style=bold, color=darkorange3";
  }
  return "style=solid";
}

/// A duration for people: "45 s", "12 min", "3.5 h", "2.0 d".
std::string human_duration(double seconds) {
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  if (seconds < 2 * model::kSecondsPerHour) return fmt::format("{:.0f} min", seconds / 60);
  if (seconds < 2 * model::kSecondsPerDay) {
    return fmt::format("{:.1f} h", seconds / model::kSecondsPerHour);
  }
  return fmt::format("{:.1f} d", seconds / model::kSecondsPerDay);
}

std::string clock(double seconds_after_midnight) {
  const auto minutes = static_cast<long>(std::lround(seconds_after_midnight / 60));
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

std::string hours_text(const model::OperatingHours& hours) {
  return clock(hours.open_s) + "-" + clock(hours.close_s);
}

const char* method_name(model::Transfer::Method method) {
  return method == model::Transfer::Method::kWheelsetChange ? "wheelset_change" : "transload";
}

std::string plural(int count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

/// One line on what a node can do: sidings, border processes, berths, transfer.
std::string resources_summary(const model::Node& node) {
  std::vector<std::string> parts;
  if (node.sidings != 1) parts.push_back(plural(node.sidings, "siding"));
  if (node.border) {
    auto process = [](const char* what, const model::BorderProcess& p) {
      std::string text = fmt::format("border {} {}, mean {}", what, plural(p.channels, "channel"),
                                     human_duration(p.dwell.expected_s()));
      if (!p.hours.always_open()) text += ", open " + hours_text(p.hours);
      return text;
    };
    if (node.border->exit) parts.push_back(process("exit", *node.border->exit));
    if (node.border->entry) parts.push_back(process("entry", *node.border->entry));
  }
  for (const auto& group : node.berths) {
    parts.push_back(fmt::format("{} {} berth{}, mean {}", group.count, group.type,
                                group.count == 1 ? "" : "s",
                                human_duration(group.handling.expected_s())));
  }
  if (node.transfer) {
    parts.push_back(fmt::format("{} transfer, {}, {} per unit", method_name(node.transfer->method),
                                plural(node.transfer->lines, "line"),
                                human_duration(node.transfer->seconds_per_unit)));
  }
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += "; ";
    out += part;
  }
  return out;
}

json border_process_json(const model::BorderProcess& p) {
  json out = {{"channels", p.channels}, {"mean_dwell_s", p.dwell.expected_s()}};
  if (!p.hours.always_open()) out["hours"] = hours_text(p.hours);
  return out;
}

json node_feature(const model::Node& node) {
  json properties = {{"feature", "node"},
                     {"id", node.id},
                     {"name", node.name},
                     {"country", node.country},
                     {"kind", model::to_string(node.kind)},
                     {"sidings", node.sidings},
                     {"resources", resources_summary(node)}};
  if (node.border) {
    json border = json::object();
    if (node.border->exit) border["exit"] = border_process_json(*node.border->exit);
    if (node.border->entry) border["entry"] = border_process_json(*node.border->entry);
    properties["border"] = border;
  }
  if (!node.berths.empty()) {
    json berths = json::array();
    for (const auto& group : node.berths) {
      berths.push_back({{"type", group.type},
                        {"count", group.count},
                        {"mean_handling_s", group.handling.expected_s()}});
    }
    properties["berths"] = berths;
  }
  if (node.transfer) {
    properties["transfer"] = {{"method", method_name(node.transfer->method)},
                              {"lines", node.transfer->lines},
                              {"seconds_per_unit", node.transfer->seconds_per_unit}};
  }
  return {{"type", "Feature"},
          {"geometry", {{"type", "Point"}, {"coordinates", {node.lon, node.lat}}}},
          {"properties", properties}};
}

json link_feature(const Network& network, std::size_t index) {
  const model::Scenario& scenario = network.scenario();
  const model::Link& link = scenario.links[index];
  const model::Node& from = scenario.nodes[network.hop_from(Hop{index, true})];
  const model::Node& to = scenario.nodes[network.hop_to(Hop{index, true})];
  const double free_flow_s = network.free_flow_s(Hop{index, true});

  json properties = {{"feature", "link"},
                     {"id", link.id},
                     {"from", link.from},
                     {"to", link.to},
                     {"mode", model::to_string(link.mode)},
                     {"length_km", link.length_km},
                     {"free_flow_h", free_flow_s / model::kSecondsPerHour}};
  switch (link.mode) {
    case model::Mode::kRail:
      properties["speed_kmh"] = link.speed_kmh;
      properties["tracks"] = link.rail.tracks;
      properties["gauge_mm"] = link.rail.gauge_mm;
      properties["loops"] = link.rail.loops_km.size();
      properties["loops_km"] = link.rail.loops_km;
      properties["crossing_s"] = link.rail.crossing_s;
      if (link.rail.tracks >= 2) properties["headway_s"] = link.rail.headway_s;
      break;
    case model::Mode::kRoad:
      properties["speed_kmh"] = link.speed_kmh;
      if (link.road.checkpoint) {
        const auto& checkpoint = *link.road.checkpoint;
        json cp = {{"lanes", checkpoint.lanes},
                   {"mean_processing_s", checkpoint.processing.expected_s()}};
        if (!checkpoint.hours.always_open()) cp["hours"] = hours_text(checkpoint.hours);
        properties["checkpoint"] = cp;
      }
      break;
    case model::Mode::kSea:
      // The speed the free-flow time uses: the link's, or its first vessel fleet's.
      properties["speed_kmh"] = link.length_km / (free_flow_s / model::kSecondsPerHour);
      properties["vessels"] = link.sea.vessels;
      break;
    case model::Mode::kPipeline:
      if (link.speed_kmh > 0) properties["speed_kmh"] = link.speed_kmh;
      properties["rate_t_per_yr"] = link.pipeline.rate_t_per_s * model::kSecondsPerYear;
      properties["batch_s"] = link.pipeline.batch_s;
      break;
  }
  return {{"type", "Feature"},
          {"geometry",
           {{"type", "LineString"}, {"coordinates", {{from.lon, from.lat}, {to.lon, to.lat}}}}},
          {"properties", properties}};
}

}  // namespace

std::string to_dot(const Network& network) {
  const model::Scenario& scenario = network.scenario();
  std::string out = "graph corridor {\n";
  out += fmt::format("  graph [label={}, labelloc=t, fontname=\"Helvetica\", overlap=false];\n",
                     dot_quote(scenario.name));
  out += "  node [fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& node : scenario.nodes) {
    // pos (lon, lat in points) lets `neato -n` draw a map-like layout; dot ignores it.
    out += fmt::format("  {} [label={}, shape={}, pos=\"{:.1f},{:.1f}\"];\n", dot_quote(node.id),
                       dot_quote(node.name + "\n(" + model::to_string(node.kind) + ")"),
                       dot_shape(node.kind), node.lon * 100, node.lat * 100);
  }
  for (const auto& link : scenario.links) {
    std::string label =
        fmt::format("{}\n{} {:g} km", link.id, model::to_string(link.mode), link.length_km);
    std::string extra;
    if (link.mode == model::Mode::kRail && link.rail.tracks >= 2) extra = ", penwidth=2";
    out += fmt::format("  {} -- {} [label={}, {}{}];\n", dot_quote(link.from), dot_quote(link.to),
                       dot_quote(label), dot_style(link.mode), extra);
  }
  out += "}\n";
  return out;
}

std::size_t geojson_feature_count(const Network& network) {
  return network.scenario().nodes.size() + network.scenario().links.size();
}

nlohmann::json geojson_feature(const Network& network, std::size_t i) {
  const model::Scenario& scenario = network.scenario();
  if (i < scenario.nodes.size()) return node_feature(scenario.nodes[i]);
  return link_feature(network, i - scenario.nodes.size());
}

nlohmann::json to_geojson(const Network& network,
                          const std::map<std::string, nlohmann::json>* link_properties) {
  const model::Scenario& scenario = network.scenario();
  json features = json::array();
  for (std::size_t i = 0; i < geojson_feature_count(network); ++i) {
    json feature = geojson_feature(network, i);
    if (link_properties != nullptr && i >= scenario.nodes.size()) {
      const auto it = link_properties->find(scenario.links[i - scenario.nodes.size()].id);
      if (it != link_properties->end()) {
        json& properties = feature["properties"];
        if (it->second.is_object()) {
          for (const auto& [key, value] : it->second.items()) properties[key] = value;
        } else {
          properties["value"] = it->second;
        }
      }
    }
    features.push_back(std::move(feature));
  }
  return {
      {"type", "FeatureCollection"}, {"name", scenario.name}, {"features", std::move(features)}};
}

}  // namespace corridor::graph
