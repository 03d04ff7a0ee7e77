// Tests of the network exports: GeoJSON structure ([lon, lat] points, link line strings, extra
// link properties) and DOT text that Graphviz accepts.
#include "corridor/graph/export.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "graph_fixtures.hpp"

using corridor::graph::Network;
using corridor::model::Mode;
using corridor::model::NodeKind;
using corridor::model::Scenario;
using nlohmann::json;
using namespace corridor::testing;

namespace {

/// A small two-country corridor: rail to a port, a ferry, road beyond, and a pipeline.
Scenario sample_scenario() {
  Scenario s;
  s.name = "sample \"corridor\"";
  s.nodes = {make_node("dostyk", NodeKind::kBorder, 45.25, 82.48),
             make_node("aktau", NodeKind::kPort, 43.65, 51.17),
             make_node("baku", NodeKind::kPort, 40.37, 49.84),
             make_node("tbilisi", NodeKind::kCity, 41.72, 44.79)};
  s.nodes[0].name = "Dostyk \\ Alashankou";
  s.nodes[0].border = corridor::model::Border{};
  s.nodes[0].border->exit = corridor::model::BorderProcess{2, {}, {}};
  s.nodes[0].border->exit->dwell.mean_s = 3 * 3600;
  s.nodes[0].transfer = make_transfer(3, 900);
  s.nodes[1].berths.push_back({"ferry", 2, {}});
  s.nodes[2].country = "az";
  s.fleets = {make_vessel("ferry", 25)};
  s.links = {make_rail("dostyk_aktau", "dostyk", "aktau", 2300, 50),
             make_sea("caspian", "aktau", "baku", 470, {"ferry"}),
             make_road("baku_tbilisi", "baku", "tbilisi", 570, 60),
             make_pipeline("oil", "aktau", "tbilisi", 1200, 86400, 20)};
  s.links[0].rail.loops_km = {500, 1000, 1500};
  return s;
}

const json& feature_with_id(const json& collection, const std::string& id) {
  for (const auto& feature : collection.at("features")) {
    if (feature.at("properties").at("id") == id) return feature;
  }
  FAIL("no feature " << id);
  return collection;  // not reached
}

bool graphviz_available() { return std::system("command -v dot > /dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("the GeoJSON export is a FeatureCollection of node points and link lines", "[graph]") {
  const Scenario s = sample_scenario();
  const Network network(s);
  const json geo = corridor::graph::to_geojson(network);

  CHECK(geo.at("type") == "FeatureCollection");
  REQUIRE(geo.at("features").size() == 8);
  for (const auto& feature : geo.at("features")) CHECK(feature.at("type") == "Feature");

  const json& aktau = feature_with_id(geo, "aktau");
  CHECK(aktau.at("geometry").at("type") == "Point");
  CHECK(aktau.at("geometry").at("coordinates") == json::array({51.17, 43.65}));  // [lon, lat]
  CHECK(aktau.at("properties").at("kind") == "port");
  CHECK(aktau.at("properties").at("country") == "kz");
  CHECK(aktau.at("properties").at("berths").at(0).at("count") == 2);
  CHECK(aktau.at("properties").at("resources") == "2 ferry berths, mean 0 s");

  const json& dostyk = feature_with_id(geo, "dostyk");
  CHECK(dostyk.at("properties").at("name") == "Dostyk \\ Alashankou");
  CHECK(dostyk.at("properties").at("border").at("exit").at("channels") == 2);
  CHECK(dostyk.at("properties").at("transfer").at("lines") == 3);

  const json& rail = feature_with_id(geo, "dostyk_aktau");
  CHECK(rail.at("geometry").at("type") == "LineString");
  CHECK(rail.at("geometry").at("coordinates") ==
        json::array({json::array({82.48, 45.25}), json::array({51.17, 43.65})}));
  const json& p = rail.at("properties");
  CHECK(p.at("from") == "dostyk");
  CHECK(p.at("to") == "aktau");
  CHECK(p.at("mode") == "rail");
  CHECK(p.at("length_km") == 2300.0);
  CHECK(p.at("speed_kmh") == 50.0);
  CHECK(p.at("tracks") == 1);
  CHECK(p.at("loops") == 3);
  CHECK(p.at("gauge_mm") == 1520);
  CHECK(p.at("free_flow_h").get<double>() == Approx(46.0));

  const json& sea = feature_with_id(geo, "caspian").at("properties");
  CHECK(sea.at("mode") == "sea");
  CHECK(sea.at("vessels") == json::array({"ferry"}));
  CHECK(sea.at("speed_kmh").get<double>() == Approx(25.0));

  const json& pipe = feature_with_id(geo, "oil").at("properties");
  CHECK(pipe.at("rate_t_per_yr").get<double>() == Approx(20.0 * 365 * 86400));
  CHECK(pipe.at("batch_s") == 86400.0);
}

TEST_CASE("extra link properties are merged into the GeoJSON link features", "[graph]") {
  const Scenario s = sample_scenario();
  const Network network(s);
  const std::map<std::string, json> extra = {
      {"caspian", {{"utilisation", 0.83}, {"mode", "ferry"}}},
      {"oil", 42},
      {"no_such_link", {{"x", 1}}}};
  const json geo = corridor::graph::to_geojson(network, &extra);

  const json& sea = feature_with_id(geo, "caspian").at("properties");
  CHECK(sea.at("utilisation") == 0.83);
  CHECK(sea.at("mode") == "ferry");  // the caller's value wins
  CHECK(feature_with_id(geo, "oil").at("properties").at("value") == 42);
  CHECK_FALSE(feature_with_id(geo, "dostyk_aktau").at("properties").contains("utilisation"));
  CHECK(geo.at("features").size() == 8);
}

TEST_CASE("the DOT export labels and styles nodes and links and is deterministic", "[graph]") {
  const Scenario s = sample_scenario();
  const Network network(s);
  const std::string dot = corridor::graph::to_dot(network);

  CHECK(dot.rfind("graph corridor {\n", 0) == 0);
  CHECK(dot.find("label=\"sample \\\"corridor\\\"\"") != std::string::npos);
  CHECK(dot.find("\"aktau\" [label=\"aktau\\n(port)\", shape=house") != std::string::npos);
  CHECK(dot.find("\"dostyk\" [label=\"Dostyk \\\\ Alashankou\\n(border)\", shape=octagon") !=
        std::string::npos);
  CHECK(dot.find("\"dostyk\" -- \"aktau\" [label=\"dostyk_aktau\\nrail 2300 km\", style=solid") !=
        std::string::npos);
  CHECK(dot.find("\"baku\" -- \"tbilisi\" [label=\"baku_tbilisi\\nroad 570 km\", style=dashed") !=
        std::string::npos);
  CHECK(dot.find("[label=\"caspian\\nsea 470 km\", style=dotted, color=blue") != std::string::npos);
  CHECK(dot.find("[label=\"oil\\npipeline 1200 km\", style=bold") != std::string::npos);
  CHECK(corridor::graph::to_dot(network) == dot);
}

TEST_CASE("Graphviz accepts the DOT export", "[graph]") {
  if (!graphviz_available()) {
    WARN("graphviz `dot` not installed; skipping");
    return;
  }
  const Scenario s = sample_scenario();
  const Network network(s);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("corridor_export_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto input = dir / "network.dot";
  const auto output = dir / "network.svg";
  {
    std::ofstream out(input);
    out << corridor::graph::to_dot(network);
  }
  const std::string command = "dot -Tsvg '" + input.string() + "' -o '" + output.string() +
                              "' 2> '" + (dir / "stderr.txt").string() + "'";
  const int status = std::system(command.c_str());
  std::ifstream err(dir / "stderr.txt");
  const std::string messages((std::istreambuf_iterator<char>(err)), {});
  INFO(messages);
  CHECK(status == 0);
  CHECK(messages.empty());
  CHECK(std::filesystem::file_size(output) > 0);
  std::filesystem::remove_all(dir);
}
