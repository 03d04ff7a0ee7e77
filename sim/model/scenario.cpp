// Small queries on the immutable scenario.
#include "corridor/model/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::model {

double Distribution::expected_s() const {
  switch (kind) {
    case Kind::kFixed:
    case Kind::kExponential:
    case Kind::kLognormal:
      return mean_s;
    case Kind::kUniform:
      return (min_s + max_s) / 2;
    case Kind::kTriangular:
      return (min_s + mode_s + max_s) / 3;
  }
  return mean_s;
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Node* Scenario::find_node(const std::string& id) const { return find_by_id(nodes, id); }
const Link* Scenario::find_link(const std::string& id) const { return find_by_id(links, id); }
const Fleet* Scenario::find_fleet(const std::string& id) const { return find_by_id(fleets, id); }
const Flow* Scenario::find_flow(const std::string& id) const { return find_by_id(flows, id); }

const char* to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::kStation:
      return "station";
    case NodeKind::kPort:
      return "port";
    case NodeKind::kBorder:
      return "border";
    case NodeKind::kTerminal:
      return "terminal";
    case NodeKind::kJunction:
      return "junction";
    case NodeKind::kCity:
      return "city";
    case NodeKind::kField:
      return "field";
  }
  return "?";
}

const char* to_string(Mode mode) {
  switch (mode) {
    case Mode::kRail:
      return "rail";
    case Mode::kRoad:
      return "road";
    case Mode::kSea:
      return "sea";
    case Mode::kPipeline:
      return "pipeline";
  }
  return "?";
}

const char* to_string(FleetKind kind) {
  switch (kind) {
    case FleetKind::kTrain:
      return "train";
    case FleetKind::kTruck:
      return "truck";
    case FleetKind::kVessel:
      return "vessel";
  }
  return "?";
}

}  // namespace corridor::model
