// Tests of the GeoJSON export with results: every link and node feature carries its simulated
// figures as flat numbers.
#include "corridor/report/geojson_report.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "corridor/graph/export.hpp"
#include "report_fixtures.hpp"

namespace corridor {
namespace {

TEST_CASE("the results GeoJSON attaches simulated figures to links and nodes", "[report]") {
  const auto sc = testing::report_scenario();
  const graph::Network network(sc);
  const auto doc = report::results_geojson(network, testing::report_results());
  CHECK(doc["type"] == "FeatureCollection");
  CHECK(doc["corridor_results"]["seed"] == 7);
  int links = 0;
  int nodes = 0;
  for (const auto& f : doc["features"]) {
    const auto& p = f["properties"];
    if (p["id"] == "sea_aktau_baku") {
      ++links;
      CHECK(f["geometry"]["type"] == "LineString");
      CHECK(p["utilisation"] == Approx(0.86));
      CHECK(p["tonnes_per_year"] == Approx(1.2e6));
      CHECK(p["wait_mean_h"] == Approx(14.5));
      CHECK(p.contains("tonnes_per_year_ci95_high"));
    }
    if (p["id"] == "aktau") {
      ++nodes;
      CHECK(f["geometry"]["type"] == "Point");
      CHECK(p["utilisation"] == Approx(0.55));
    }
  }
  CHECK(links == 1);
  CHECK(nodes == 1);
}

TEST_CASE("results.geojson written a feature at a time is the whole document's text",
          "[report][json]") {
  const auto sc = testing::report_scenario();
  const graph::Network network(sc);
  const auto results = testing::report_results();
  const auto doc = report::results_geojson(network, results);
  std::ostringstream text;
  report::write_results_geojson(network, results, text);
  CHECK(text.str() == doc.dump(2) + "\n");
  // The same features as the network's own export, in its order, with the results added.
  const auto plain = graph::to_geojson(network);
  REQUIRE(doc["features"].size() == plain["features"].size());
  REQUIRE(graph::geojson_feature_count(network) == plain["features"].size());
  for (std::size_t i = 0; i < plain["features"].size(); ++i) {
    CHECK(graph::geojson_feature(network, i) == plain["features"][i]);
    CHECK(doc["features"][i]["properties"]["id"] == plain["features"][i]["properties"]["id"]);
  }
}

TEST_CASE("the network's GeoJSON written a feature at a time is the whole document's text",
          "[report]") {
  const auto sc = testing::report_scenario();
  const graph::Network network(sc);
  std::ostringstream text;
  report::write_network_geojson(network, text);
  CHECK(text.str() == graph::to_geojson(network).dump(2) + "\n");
  CHECK(text.str().find("\"FeatureCollection\"") != std::string::npos);
}

}  // namespace
}  // namespace corridor
