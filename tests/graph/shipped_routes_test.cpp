// Every shipped scenario builds a network on which each of its flows has a route: the routing
// rules (ports, transfers, gauges, via nodes) agree with the scenarios the project ships.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "corridor/graph/export.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/scenario/loader.hpp"

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  const std::filesystem::path root = std::filesystem::path(CORRIDOR_SOURCE_DIR) / "scenarios";
  if (!std::filesystem::exists(root)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every flow of every shipped scenario has a route", "[graph]") {
  for (const auto& file : shipped_scenarios()) {
    INFO(file);
    const auto scenario = corridor::scenario::load_file(file);
    const corridor::graph::Network network(scenario);
    for (const auto& flow : scenario.flows) {
      INFO("flow " << flow.id);
      const auto route = network.route(flow);
      CHECK(route.has_value());
      if (route && flow.origin != flow.destination) CHECK_FALSE(route->empty());
    }
    CHECK(corridor::graph::to_geojson(network).at("features").size() ==
          scenario.nodes.size() + scenario.links.size());
  }
}
