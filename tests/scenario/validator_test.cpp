// Tests of the validator through load_text: one test per class of mistake, asserting the whole
// message, and checks that valid values arrive converted in the model.
#include "corridor/scenario/validator.hpp"

#include <catch2/catch.hpp>

#include "corridor/scenario/loader.hpp"
#include "scenario_fixtures.hpp"

using corridor::scenario::load_text;
using corridor::scenario::testing::kTwoNodes;
using corridor::scenario::testing::problems_of;
using Lines = std::vector<std::string>;

TEST_CASE("a valid scenario arrives converted to base units", "[scenario]") {
  const auto s = load_text(kTwoNodes +
                               "links:\n"
                               "  - id: ab\n"
                               "    from: alpha\n"
                               "    to: bravo\n"
                               "    mode: rail\n"
                               "    length: 150 km\n"
                               "    speed: 60 km/h\n"
                               "    rail: {loops: 2}\n"
                               "run: {horizon: 100 d, warmup: 10 d}\n",
                           "t.yaml");
  REQUIRE(s.links.size() == 1);
  CHECK(s.links[0].length_km == 150);
  CHECK(s.links[0].rail.loops_km == std::vector<double>{50, 100});
  CHECK(s.links[0].rail.crossing_s == 300);
  CHECK(s.links[0].rail.gauge_mm == 1520);
  CHECK(s.run.horizon_s == 100 * 86400.0);
  CHECK(s.run.replications == 10);
  CHECK(s.nodes[1].name == "bravo");
  CHECK(s.file == "t.yaml");
}

TEST_CASE("a gauge must be a whole number of millimetres, however large", "[scenario]") {
  auto link_with_gauge = [](const std::string& gauge) {
    return kTwoNodes + "links:\n  - {id: ab, from: alpha, to: bravo, mode: rail, length: 10 km, " +
           "speed: 60 km/h, rail: {gauge: " + gauge + "}}\n";
  };
  CHECK(problems_of(link_with_gauge("1435 mm")).empty());
  // 1e10 is beyond the range of an int: it is refused, never converted.
  for (const std::string gauge : {"1e10 mm", "3000000000 mm", "1520.5 mm", "10001 mm"}) {
    CAPTURE(gauge);
    const auto lines = problems_of(link_with_gauge(gauge));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] ==
          "t.yaml:6:95: error: links[0].rail.gauge: expected a whole number of "
          "millimetres up to 10000 mm, got '" +
              gauge + "'");
  }
}

TEST_CASE("an unknown key is reported with the closest known key", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "descripton: x\n") ==
        Lines{"t.yaml:5:1: error: unknown key 'descripton' (did you mean 'description'?)"});
}

TEST_CASE("an unknown key without a close match gets no hint", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "colour: red\n") ==
        Lines{"t.yaml:5:1: error: unknown key 'colour'"});
}

TEST_CASE("a missing required key is reported at the entry", "[scenario]") {
  CHECK(problems_of("name: x\n"
                    "nodes:\n"
                    "  - {id: alpha, kind: station, lat: 45, lon: 60}\n") ==
        Lines{"t.yaml:3:5: error: nodes[0]: missing required key 'country'"});
}

TEST_CASE("a duplicate id names where the id was first defined", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "  - {id: alpha, country: AA, kind: city, lat: 1, lon: 1}\n") ==
        Lines{"t.yaml:5:10: error: nodes[2].id: duplicate node id 'alpha' (first defined at "
              "t.yaml:3:10)"});
}

TEST_CASE("an id with capitals or spaces is rejected", "[scenario]") {
  CHECK(problems_of("name: x\n"
                    "nodes:\n"
                    "  - {id: Alpha, country: AA, kind: city, lat: 1, lon: 1}\n") ==
        Lines{"t.yaml:3:10: error: nodes[0].id: invalid id 'Alpha'; ids use lower-case letters, "
              "digits and '_'"});
}

TEST_CASE("an unknown reference suggests the closest id", "[scenario]") {
  CHECK(problems_of(
            kTwoNodes +
            "links:\n"
            "  - {id: ab, from: alpha, to: bravoo, mode: road, length: 5 km, speed: 50 km/h}\n") ==
        Lines{"t.yaml:6:31: error: links[0].to: unknown node 'bravoo' (did you mean 'bravo'?)"});
}

TEST_CASE("unknown ids beyond the first hundred are reported without a hint", "[scenario]") {
  std::string text = kTwoNodes + "links:\n";
  const std::size_t n = corridor::scenario::kSuggestedReferences + 2;
  for (std::size_t i = 0; i < n; ++i) {
    text += "  - {id: l" + std::to_string(i) +
            ", from: alpha, to: bravoo, mode: road, length: 5 km, speed: 50 km/h}\n";
  }
  const Lines problems = problems_of(text);
  REQUIRE(problems.size() == n);
  CHECK(problems.front().ends_with(
      "error: links[0].to: unknown node 'bravoo' (did you mean 'bravo'?)"));
  CHECK(problems[n - 3].ends_with(
      "error: links[99].to: unknown node 'bravoo' (did you mean 'bravo'?)"));
  CHECK(problems[n - 2].ends_with("error: links[100].to: unknown node 'bravoo'"));
  CHECK(problems.back().find("did you mean") == std::string::npos);
}

TEST_CASE("a value of the wrong type says what was expected", "[scenario]") {
  CHECK(
      problems_of("name: [a, b]\n"
                  "nodes:\n"
                  "  - {id: alpha, country: AA, kind: city, lat: north, lon: 1, sidings: 1.5}\n") ==
      Lines{"t.yaml:1:7: error: name: expected a text, got a list",
            "t.yaml:3:47: error: nodes[0].lat: expected a number, got 'north'",
            "t.yaml:3:71: error: nodes[0].sidings: expected a whole number, got '1.5'"});
}

TEST_CASE("an unknown choice lists the accepted ones", "[scenario]") {
  CHECK(problems_of("name: x\n"
                    "nodes:\n"
                    "  - {id: alpha, country: AA, kind: prot, lat: 1, lon: 1}\n") ==
        Lines{"t.yaml:3:36: error: nodes[0].kind: unknown node kind 'prot'; expected one of "
              "station, port, border, terminal, junction, city, field (did you mean 'port'?)"});
}

TEST_CASE("coordinates outside their range are rejected", "[scenario]") {
  CHECK(problems_of("name: x\n"
                    "nodes:\n"
                    "  - {id: alpha, country: AA, kind: city, lat: 95, lon: -181}\n") ==
        Lines{"t.yaml:3:47: error: nodes[0].lat: must be between -90 and 90, got '95'",
              "t.yaml:3:56: error: nodes[0].lon: must be between -180 and 180, got '-181'"});
}

TEST_CASE("quantities must have a unit of the right kind and be positive and finite",
          "[scenario]") {
  CHECK(
      problems_of(kTwoNodes + "links:\n"
                              "  - id: ab\n"
                              "    from: alpha\n"
                              "    to: bravo\n"
                              "    mode: rail\n"
                              "    length: 146\n"
                              "    speed: 0 km/h\n"
                              "  - id: ba\n"
                              "    from: bravo\n"
                              "    to: alpha\n"
                              "    mode: rail\n"
                              "    length: nan km\n"
                              "    speed: 3 h\n") ==
      Lines{"t.yaml:10:13: error: links[0].length: '146' has no unit; expected a length in m or km",
            "t.yaml:11:12: error: links[0].speed: must be positive, got '0 km/h'",
            "t.yaml:16:13: error: links[1].length: 'nan km' is not a finite number",
            "t.yaml:17:12: error: links[1].speed: '3 h' is a duration; expected a speed in km/h, "
            "kn or m/s"});
}

TEST_CASE("a mode section that does not match the link's mode is an error", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "links:\n"
                                "  - id: ab\n"
                                "    from: alpha\n"
                                "    to: bravo\n"
                                "    mode: road\n"
                                "    length: 10 km\n"
                                "    speed: 60 km/h\n"
                                "    rail: {tracks: 2}\n") ==
        Lines{"t.yaml:12:5: error: links[0].rail: section 'rail' does not match mode 'road'"});
}

TEST_CASE("passing loops must lie inside the link in increasing order", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "links:\n"
                                "  - id: ab\n"
                                "    from: alpha\n"
                                "    to: bravo\n"
                                "    mode: rail\n"
                                "    length: 100 km\n"
                                "    speed: 60 km/h\n"
                                "    rail:\n"
                                "      loops: [60 km, 40 km, 120 km]\n") ==
        Lines{"t.yaml:13:22: error: links[0].rail.loops[1]: loops must be in increasing order of "
              "distance; '40 km' comes after a loop at 60 km",
              "t.yaml:13:29: error: links[0].rail.loops[2]: loop at '120 km' lies beyond the end "
              "of the link (100 km)"});
}

TEST_CASE("a sea link must be served by vessel fleets", "[scenario]") {
  CHECK(problems_of(kTwoNodes +
                    "fleets:\n"
                    "  - {id: trains, kind: train, count: 2, wagons: 50, payload_per_wagon: 60 t}\n"
                    "links:\n"
                    "  - id: ab\n"
                    "    from: alpha\n"
                    "    to: bravo\n"
                    "    mode: sea\n"
                    "    length: 300 km\n"
                    "    sea: {vessels: [trains, ferri]}\n") ==
        Lines{"t.yaml:13:21: error: links[0].sea.vessels[0]: fleet 'trains' is a train fleet; sea "
              "links are served by vessel fleets",
              "t.yaml:13:29: error: links[0].sea.vessels[1]: unknown fleet 'ferri'"});
}

TEST_CASE("keys of another kind of fleet are rejected", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "fleets:\n"
                                "  - {id: lorries, kind: truck, payload: 20 t, wagons: 3}\n") ==
        Lines{"t.yaml:6:47: error: fleets[0]: 'wagons' applies only to train fleets"});
}

TEST_CASE("a vessel needs some capacity", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "fleets:\n"
                                "  - {id: ferry, kind: vessel, count: 2, speed: 12 kn}\n") ==
        Lines{"t.yaml:6:5: error: fleets[0]: a vessel needs 'capacity_wagons', 'capacity_trucks' "
              "or 'capacity' above zero"});
}

TEST_CASE("the warmup must be shorter than the horizon", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "run: {horizon: 20 d, warmup: 20 d}\n") ==
        Lines{"t.yaml:5:30: error: run.warmup: warmup (20 d) must be shorter than the horizon "
              "(20 d)"});
  CHECK(problems_of(kTwoNodes + "run: {horizon: 10 d}\n") ==
        Lines{"t.yaml:5:16: error: run.horizon: warmup (30 d, the default) must be shorter than "
              "the horizon (10 d)"});
}

TEST_CASE("integers below their minimum are rejected", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "run: {replications: 0, seed: -1}\n") ==
        Lines{"t.yaml:5:21: error: run.replications: must be at least 1, got '0'",
              "t.yaml:5:30: error: run.seed: must be at least 0, got '-1'"});
}

TEST_CASE("distributions are checked parameter by parameter", "[scenario]") {
  CHECK(problems_of("name: x\n"
                    "nodes:\n"
                    "  - id: gate\n"
                    "    country: AA\n"
                    "    kind: border\n"
                    "    lat: 1\n"
                    "    lon: 1\n"
                    "    border:\n"
                    "      exit: {dwell: {dist: uniform, min: 3 h, max: 1 h}}\n"
                    "      entry: {dwell: {dist: gamma, mean: 1 h}}\n") ==
        Lines{"t.yaml:9:52: error: nodes[0].border.exit.dwell.max: must be greater than 'min'",
              "t.yaml:10:29: error: nodes[0].border.entry.dwell.dist: unknown distribution "
              "'gamma'; expected one of exponential, uniform, triangular, lognormal"});
}

TEST_CASE("a closure must end after it starts", "[scenario]") {
  CHECK(problems_of(kTwoNodes +
                    "disruptions:\n"
                    "  - {id: works, kind: closure, target: alpha, start: 5 d, end: 2 d}\n") ==
        Lines{"t.yaml:6:64: error: disruptions[0].end: end '2 d' must be after start '5 d'"});
}

TEST_CASE("a corridor needs links or flows", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "corridors:\n  - {id: empty}\n") ==
        Lines{"t.yaml:6:5: error: corridors[0]: a corridor needs at least one entry in 'links' "
              "or 'flows'"});
}

TEST_CASE("seasonal factors are normalised to a mean of one", "[scenario]") {
  const auto s = load_text(kTwoNodes +
                               "demand:\n"
                               "  - id: grain\n"
                               "    origin: alpha\n"
                               "    destination: bravo\n"
                               "    commodity: wheat\n"
                               "    volume: 1 Mt/yr\n"
                               "    seasonal: [2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0]\n",
                           "t.yaml");
  CHECK(s.flows[0].seasonal[0] == Approx(2));
  CHECK(s.flows[0].seasonal[11] == Approx(0));
  CHECK(s.flows[0].volume_t_per_year == Approx(1e6));
}

TEST_CASE("sources are kept by key path, for values and for whole entries", "[scenario]") {
  const auto s = load_text(
      "name: x\n"
      "nodes:\n"
      "  - id: alpha\n"
      "    source: atlas 2020\n"
      "    country: AA\n"
      "    kind: port\n"
      "    lat: {value: 45, source: survey}\n"
      "    lon: 60\n",
      "t.yaml");
  CHECK(s.sources == std::map<std::string, std::string>{{"nodes.alpha", "atlas 2020"},
                                                        {"nodes.alpha.lat", "survey"}});
  CHECK(s.nodes[0].lat == 45);
}
