// Cargo generation over the year: seasonal factors, including months with no cargo at all.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/loader.hpp"
#include "corridor/transport/model.hpp"

namespace {

// 365 kt a year in regular 1,000 t lots, shaped by `seasonal` (twelve monthly factors, which
// the loader normalises to a mean of one); the run starts on 1 January, without warm-up, and
// lasts `horizon`.
double demanded_t(const std::string& horizon,
                  const std::string& seasonal = "[2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0]") {
  const std::string yaml = fmt::format(R"(
name: seasonal cargo
run: {{horizon: {}, warmup: 0 d, replications: 1, seed: 3}}
nodes:
  - {{id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0}}
  - {{id: b, country: AA, kind: terminal, lat: 41.0, lon: 51.0}}
links:
  - {{id: line, from: a, to: b, mode: rail, length: 100 km, speed: 50 km/h}}
fleets:
  - {{id: trains, kind: train, count: 20, wagons: 50, payload_per_wagon: 60 t}}
demand:
  - id: ore
    origin: a
    destination: b
    commodity: ore
    volume: 365 kt/yr
    lot: 1000 t
    seasonal: {}
)",
                                       horizon, seasonal);
  const auto sc = corridor::scenario::load_text(yaml, "seasonal.yaml");
  const corridor::graph::Network net(sc);
  const corridor::transport::Model model(net);
  return model.run(0, sc.run.seed).flows.at(0).demanded_t;
}

}  // namespace

TEST_CASE("a flow with empty months generates nothing in them and resumes after", "[transport]") {
  // January to June: 181 days at twice the mean rate of 1 kt a day.
  const double first_half = demanded_t("181 d");
  CHECK(first_half == Approx(362'000).margin(2'000));
  // July to December add nothing; the next January adds 31 days at twice the rate.
  CHECK(demanded_t("365 d") == first_half);
  CHECK(demanded_t("396 d") == Approx(first_half + 62'000).margin(2'000));
}

TEST_CASE("a flow with no cargo in January starts with its first month of cargo", "[transport]") {
  // February to July at twice the mean rate: nothing in the first 31 days, then 2 kt a day.
  const std::string seasonal = "[0, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0]";
  CHECK(demanded_t("31 d", seasonal) == 0);
  CHECK(demanded_t("59 d", seasonal) == Approx(56'000).margin(2'000));
}
