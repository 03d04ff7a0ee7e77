// Small builders for scenarios written directly in C++, shared by the graph and capacity tests,
// so tests state only what matters to them (no YAML needed).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "corridor/model/scenario.hpp"

namespace corridor::testing {

inline model::Node make_node(std::string id, model::NodeKind kind = model::NodeKind::kStation,
                             double lat = 0, double lon = 0) {
  model::Node node;
  node.id = id;
  node.name = std::move(id);
  node.country = "kz";
  node.kind = kind;
  node.lat = lat;
  node.lon = lon;
  return node;
}

inline model::Link make_link(std::string id, std::string from, std::string to, model::Mode mode,
                             double length_km, double speed_kmh) {
  model::Link link;
  link.id = std::move(id);
  link.from = std::move(from);
  link.to = std::move(to);
  link.mode = mode;
  link.length_km = length_km;
  link.speed_kmh = speed_kmh;
  link.rail.crossing_s = 300;
  link.rail.headway_s = 600;
  return link;
}

inline model::Link make_rail(std::string id, std::string from, std::string to, double length_km,
                             double speed_kmh, int gauge_mm = 1520) {
  auto link = make_link(std::move(id), std::move(from), std::move(to), model::Mode::kRail,
                        length_km, speed_kmh);
  link.rail.gauge_mm = gauge_mm;
  return link;
}

inline model::Link make_road(std::string id, std::string from, std::string to, double length_km,
                             double speed_kmh) {
  return make_link(std::move(id), std::move(from), std::move(to), model::Mode::kRoad, length_km,
                   speed_kmh);
}

inline model::Link make_sea(std::string id, std::string from, std::string to, double length_km,
                            std::vector<std::string> vessels, double speed_kmh = 0) {
  auto link = make_link(std::move(id), std::move(from), std::move(to), model::Mode::kSea, length_km,
                        speed_kmh);
  link.sea.vessels = std::move(vessels);
  return link;
}

inline model::Link make_pipeline(std::string id, std::string from, std::string to, double length_km,
                                 double batch_s, double rate_t_per_s) {
  auto link = make_link(std::move(id), std::move(from), std::move(to), model::Mode::kPipeline,
                        length_km, 0);
  link.pipeline.batch_s = batch_s;
  link.pipeline.rate_t_per_s = rate_t_per_s;
  return link;
}

inline model::Fleet make_vessel(std::string id, double speed_kmh, int count = 1) {
  model::Fleet fleet;
  fleet.id = id;
  fleet.name = std::move(id);
  fleet.kind = model::FleetKind::kVessel;
  fleet.count = count;
  fleet.speed_kmh = speed_kmh;
  fleet.capacity_wagons = 50;
  return fleet;
}

inline model::Fleet make_train(std::string id, int count, int wagons, double payload_per_wagon_t,
                               int gauge_mm = 1520) {
  model::Fleet fleet;
  fleet.id = id;
  fleet.name = std::move(id);
  fleet.kind = model::FleetKind::kTrain;
  fleet.count = count;
  fleet.wagons = wagons;
  fleet.payload_per_wagon_t = payload_per_wagon_t;
  fleet.gauge_mm = gauge_mm;
  return fleet;
}

inline model::Flow make_flow(std::string origin, std::string destination,
                             std::vector<model::Mode> modes = {},
                             std::vector<std::string> via = {}) {
  model::Flow flow;
  flow.id = origin + "_" + destination;
  flow.origin = std::move(origin);
  flow.destination = std::move(destination);
  flow.commodity = "general";
  flow.volume_t_per_year = 1e6;
  flow.modes = std::move(modes);
  flow.via = std::move(via);
  return flow;
}

inline model::Transfer make_transfer(int lines = 1, double seconds_per_unit = 600) {
  model::Transfer transfer;
  transfer.method = model::Transfer::Method::kWheelsetChange;
  transfer.lines = lines;
  transfer.seconds_per_unit = seconds_per_unit;
  return transfer;
}

}  // namespace corridor::testing
