// A ferry line between two ports under storms: vessels that sail when full (or after their
// maximum wait) must keep carrying cargo both ways however often the line closes and reopens.
#include <catch2/catch.hpp>
#include <string>

#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/loader.hpp"
#include "corridor/transport/model.hpp"

namespace {

// Two ports 100 km apart with one or two ferries; 200 kt/yr each way, in 100 t lots. The
// storms close the line about a fifth of the time all year, in spells of two days.
std::string ferry_yaml(int vessels, bool storms) {
  std::string y = R"(
name: ferry test line
run: {horizon: 200 d, warmup: 20 d, replications: 2, seed: 3}
nodes:
  - id: west
    country: AA
    kind: port
    lat: 40.0
    lon: 50.0
    berths: [{type: ferry, count: 1, handling: 6 h}]
  - id: east
    country: BB
    kind: port
    lat: 40.0
    lon: 51.0
    berths: [{type: ferry, count: 1, handling: 6 h}]
links:
  - {id: crossing, from: west, to: east, mode: sea, length: 100 km, sea: {vessels: [ferry]}}
fleets:
  - id: ferry
    kind: vessel
    count: )" + std::to_string(vessels) +
                  R"(
    speed: 14 kn
    capacity: 2000 t
    berth: ferry
    departure: {policy: when_full, max_wait: 1 d}
demand:
  - {id: eastbound, origin: west, destination: east, commodity: grain, volume: 200 kt/yr, lot: 100 t}
  - {id: westbound, origin: east, destination: west, commodity: steel, volume: 200 kt/yr, lot: 100 t}
)";
  if (storms) {
    y += R"(disruptions:
  - {id: storms, kind: weather, targets: [crossing], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], closed: 20%, spell: 2 d}
)";
  }
  return y;
}

}  // namespace

TEST_CASE("ferries keep carrying both ways through storms that close the line", "[transport]") {
  for (int vessels : {1, 2}) {
    for (bool storms : {false, true}) {
      CAPTURE(vessels, storms);
      const auto sc = corridor::scenario::load_text(ferry_yaml(vessels, storms), "ferry.yaml");
      const corridor::graph::Network net(sc);
      const corridor::transport::Model model(net);
      for (int rep = 0; rep < sc.run.replications; ++rep) {
        const auto r = model.run(rep, sc.run.seed);
        // A round trip takes about 16 h of sailing and handling and carries 4,000 t, about
        // 9 times the demand, so even one ferry, closed a fifth of the time, carries most of
        // what is demanded each way (flows 0 and 1).
        REQUIRE(r.flows.size() == 2);
        for (const auto& flow : r.flows) {
          CHECK(flow.demanded_t > 90e3);
          CHECK(flow.delivered_t > 0.8 * flow.demanded_t);
        }
      }
    }
  }
}
