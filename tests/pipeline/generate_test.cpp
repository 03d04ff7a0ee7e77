// Generated scenarios load without a diagnostic, simulate, and depend on the options alone.
#include "corridor/pipeline/generate.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "corridor/error.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/scenario/loader.hpp"

namespace {

corridor::pipeline::GenerateOptions options(std::size_t nodes, std::size_t flows,
                                            std::uint64_t seed) {
  corridor::pipeline::GenerateOptions o;
  o.nodes = nodes;
  o.flows = flows;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("a generated scenario validates and every flow has a route", "[pipeline]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    for (std::size_t nodes : {4, 60, 400}) {
      const std::string text = corridor::pipeline::generate_scenario(options(nodes, 12, seed));
      CAPTURE(seed, nodes);
      const auto sc = corridor::scenario::load_text(text, "generated.yaml");
      CHECK(sc.nodes.size() == nodes);
      CHECK(sc.flows.size() == 12);
      CHECK(sc.corridors.size() == 2);
      // Building the transport model checks routes and vehicles for every flow.
      const corridor::graph::Network network(sc);
      for (const auto& f : sc.flows) CHECK(network.route(f));
    }
  }
}

TEST_CASE("a generated scenario runs and delivers cargo", "[pipeline]") {
  // 30 flows: three of them are sea flows.
  const std::string text = corridor::pipeline::generate_scenario(options(80, 30, 7));
  const auto sc = corridor::scenario::load_text(text, "generated.yaml", ".",
                                                {{"run.horizon", "90 d"}, {"run.warmup", "10 d"}});
  corridor::pipeline::RunOptions run;
  run.replications = 2;
  run.threads = 2;
  const auto results = corridor::pipeline::run_scenario(sc, run);
  CHECK(results.replications == 2);
  double delivered = 0;
  for (const auto& f : results.flows) delivered += f.delivered_t_per_year.mean;
  CHECK(delivered > 0);
  // The ferry carries the sea flows.
  const auto ferry = std::find_if(results.corridors.begin(), results.corridors.end(),
                                  [](const auto& c) { return c.id == "ferry_line"; });
  REQUIRE(ferry != results.corridors.end());
  CHECK(ferry->tonnes_per_year.mean > 0);
}

namespace {

/// Mean over the flows of the route length in km (links along the route the network finds).
double mean_route_km(std::size_t nodes, std::size_t flows, std::uint64_t seed) {
  const auto sc = corridor::scenario::load_text(
      corridor::pipeline::generate_scenario(options(nodes, flows, seed)), "generated.yaml");
  const corridor::graph::Network network(sc);
  double km = 0;
  for (const auto& f : sc.flows) {
    const auto route = network.route(f);
    REQUIRE(route);
    for (const auto& hop : *route) km += sc.links[hop.link].length_km;
  }
  return km / static_cast<double>(sc.flows.size());
}

}  // namespace

TEST_CASE("routes are about as long at 1,000 and at 10,000 nodes", "[pipeline]") {
  // The network grows in area at constant density and flows join nodes a bounded number of
  // links apart, so the work per flow does not grow with the network. (A chain network with
  // flows between random nodes had routes four times as long at 10,000 nodes.)
  for (std::uint64_t seed : {1, 2}) {
    CAPTURE(seed);
    const double small = mean_route_km(1000, 200, seed);
    const double large = mean_route_km(10000, 200, seed);
    CAPTURE(small, large);
    CHECK(small > 50);
    CHECK(large < 1.3 * small);
    CHECK(large > small / 1.3);
  }
}

TEST_CASE("the sea flows of a generated scenario take the ferry", "[pipeline]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    for (std::size_t nodes : {400, 5000}) {
      CAPTURE(seed, nodes);
      const auto sc = corridor::scenario::load_text(
          corridor::pipeline::generate_scenario(options(nodes, 40, seed)), "generated.yaml");
      const corridor::graph::Network network(sc);
      const auto sea = network.link_index("sea");
      REQUIRE(sea);
      // Flows 0, 10, 20 and 30 start and end near the ferry's ports.
      int by_ferry = 0;
      for (std::size_t f = 0; f < sc.flows.size(); f += 10) {
        const auto route = network.route(sc.flows[f]);
        REQUIRE(route);
        by_ferry += static_cast<int>(std::any_of(route->begin(), route->end(),
                                                 [&](const auto& h) { return h.link == *sea; }));
      }
      CHECK(by_ferry >= 2);
    }
  }
}

TEST_CASE("the same options give the same text and another seed another network", "[pipeline]") {
  const auto a = corridor::pipeline::generate_scenario(options(200, 20, 5));
  CHECK(corridor::pipeline::generate_scenario(options(200, 20, 5)) == a);
  CHECK(corridor::pipeline::generate_scenario(options(200, 20, 6)) != a);
}

TEST_CASE("generate refuses sizes the loader would refuse", "[pipeline]") {
  CHECK_THROWS_AS(corridor::pipeline::generate_scenario(options(3, 5, 1)), corridor::UsageError);
  CHECK_THROWS_WITH(corridor::pipeline::generate_scenario(options(100001, 5, 1)),
                    "--nodes must be between 4 and 100000, got 100001");
  CHECK_THROWS_WITH(corridor::pipeline::generate_scenario(options(10, 0, 1)),
                    "--flows must be between 1 and 10000, got 0");
}
