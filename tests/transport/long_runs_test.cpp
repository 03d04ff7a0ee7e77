// Program operations hold a run or standing time in 32 bits (49.7 days): a longer plain run is
// split into several, with the same time in motion, and a section, headway or clearance that
// long is an error that names the limit.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "corridor/error.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/loader.hpp"
#include "corridor/transport/model.hpp"

namespace {

using corridor::model::Scenario;

// One link A–B of 1,300 km at 1 km/h: 1,300 hours (54.2 days) in motion, one way.
Scenario slow_link(const std::string& mode_and_track) {
  return corridor::scenario::load_text(fmt::format(R"(
name: a very slow link
run: {{horizon: 400 d, warmup: 0 d, replications: 1, seed: 3}}
nodes:
  - {{id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0}}
  - {{id: b, country: AA, kind: terminal, lat: 41.0, lon: 51.0}}
links:
  - {{id: slow, from: a, to: b, length: 1300 km, speed: 1 km/h, {}}}
fleets:
  - {{id: trucks, kind: truck, payload: 20 t}}
  - {{id: trains, kind: train, count: 2, wagons: 10, payload_per_wagon: 60 t}}
demand:
  - {{id: goods, origin: a, destination: b, commodity: general, volume: 20 kt/yr, lot: 20 t}}
)",
                                                   mode_and_track),
                                       "slow.yaml");
}

}  // namespace

TEST_CASE("a run longer than an operation holds is split and keeps its time in motion",
          "[transport]") {
  const Scenario sc = slow_link("mode: road");
  const corridor::graph::Network net(sc);
  const corridor::transport::Model model(net);
  const auto r = model.run(0, sc.run.seed);
  REQUIRE(r.flows.size() == 1);
  REQUIRE(r.flows[0].delivered_t > 0);
  // Speed without delay: route length over time in motion, exactly the link's speed.
  CHECK(r.flows[0].swod_kmh == Approx(1.0).epsilon(1e-9));
  CHECK(r.flows[0].transit_mean_s >= 1300.0 * 3600.0);
}

TEST_CASE("a single-track section longer than an operation holds is an error naming the limit",
          "[transport]") {
  const Scenario sc = slow_link("mode: rail, rail: {tracks: 1, loops: 0, crossing: 5 min}");
  const corridor::graph::Network net(sc);
  try {
    const corridor::transport::Model model(net);
    FAIL("expected an error");
  } catch (const corridor::ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].path == "links[0]");
    CHECK(e.diagnostics()[0].where.line == 8);  // the link's entry in the file
    CHECK(e.diagnostics()[0].where.column == 5);
    CHECK_THAT(e.diagnostics()[0].message, Catch::Contains("link 'slow'") &&
                                               Catch::Contains("54.2 days") &&
                                               Catch::Contains("at most 49.7"));
  }
}
