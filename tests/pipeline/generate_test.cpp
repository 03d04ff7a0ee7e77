// Generated scenarios load without a diagnostic, simulate, and depend on the options alone.
#include "corridor/pipeline/generate.hpp"

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
  const std::string text = corridor::pipeline::generate_scenario(options(80, 10, 7));
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
