// Tests of the sweep pipeline: parsing `PATH=v1,v2,...`, expanding the grid, and a small sweep
// of the example single-track scenario.
#include "corridor/pipeline/sweep.hpp"

#include <catch2/catch.hpp>

#include "corridor/error.hpp"

namespace corridor {
namespace {

TEST_CASE("a sweep parameter splits its values at top-level commas", "[pipeline]") {
  const auto p = pipeline::parse_sweep_parameter("fleets.ferry.count=1, 2,4 ,8");
  CHECK(p.path == "fleets.ferry.count");
  CHECK(p.values == std::vector<std::string>{"1", "2", "4", "8"});

  const auto lists = pipeline::parse_sweep_parameter("links.a.rail.loops=[10 km, 20 km],[5 km]");
  CHECK(lists.path == "links.a.rail.loops");
  CHECK(lists.values == std::vector<std::string>{"[10 km, 20 km]", "[5 km]"});

  const auto maps =
      pipeline::parse_sweep_parameter("x.dwell={dist: uniform, min: 1 h, max: 3 h},2 h");
  CHECK(maps.values == std::vector<std::string>{"{dist: uniform, min: 1 h, max: 3 h}", "2 h"});

  CHECK(pipeline::parse_sweep_parameter("run.horizon=180 d").values ==
        std::vector<std::string>{"180 d"});
}

TEST_CASE("a malformed sweep parameter is a usage error", "[pipeline]") {
  CHECK_THROWS_AS(pipeline::parse_sweep_parameter("fleets.ferry.count"), UsageError);
  CHECK_THROWS_AS(pipeline::parse_sweep_parameter("=1,2"), UsageError);
  CHECK_THROWS_WITH(pipeline::parse_sweep_parameter("fleets.ferry.count=1,,2"),
                    "--set 'fleets.ferry.count=1,,2': empty value in the list");
}

TEST_CASE("the grid holds every combination, the last parameter varying fastest", "[pipeline]") {
  const auto grid = pipeline::expand_grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  REQUIRE(grid.size() == 6);
  CHECK(grid[0][0].value == "1");
  CHECK(grid[0][1].value == "x");
  CHECK(grid[1][1].value == "y");
  CHECK(grid[3][0].value == "2");
  CHECK(grid[3][1].value == "x");
  CHECK(grid[5][0].path == "a");
  CHECK(grid[5][1].path == "b");
  CHECK(pipeline::expand_grid({}).size() == 1);
}

TEST_CASE("a sweep without parameters is refused", "[pipeline]") {
  CHECK_THROWS_AS(pipeline::run_sweep("scenarios/examples/single_track.yaml", {}, {}), UsageError);
}

TEST_CASE("a sweep runs every grid point with one seed and labels it by its values", "[pipeline]") {
  pipeline::CompareOptions options;
  options.run.replications = 2;
  options.run.threads = 2;
  const auto sweep = pipeline::run_sweep(
      "scenarios/examples/single_track.yaml", {{"run.horizon", "60 d"}, {"run.warmup", "5 d"}},
      {pipeline::parse_sweep_parameter("nodes.frontier.border.exit.channels=1,3")}, options);
  REQUIRE(sweep.comparison.runs.size() == 2);
  CHECK(sweep.points == std::vector<std::vector<std::string>>{{"1"}, {"3"}});
  CHECK(sweep.comparison.runs[1].label == "nodes.frontier.border.exit.channels=3");
  CHECK(sweep.comparison.runs[0].results.seed == sweep.comparison.runs[1].results.seed);
  REQUIRE_FALSE(sweep.comparison.corridors.empty());
  CHECK(sweep.comparison.corridors[0].runs[1].difference_t_per_year.n == 2);
}

TEST_CASE("a sweep value that does not validate names the override", "[pipeline]") {
  CHECK_THROWS_AS(pipeline::run_sweep("scenarios/examples/single_track.yaml", {},
                                      {pipeline::parse_sweep_parameter("fleets.nope.count=1,2")}),
                  ScenarioError);
}

}  // namespace
}  // namespace corridor
