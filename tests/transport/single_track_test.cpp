// The emergent capacity of a single-track line against hand calculations: sections between
// passing loops, crossing time, trainsets cycling back empty, and a border with one channel;
// and of double track, where the headway sets it.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/loader.hpp"
#include "corridor/transport/model.hpp"

namespace {

using corridor::model::Scenario;

// A line A–B at 60 km/h: one link of `length` with the given `rail` block, `trainsets` trains
// and `volume` of demand in whole-train lots.
std::string line_yaml(const std::string& rail, int trainsets,
                      const std::string& volume = "40 Mt/yr",
                      const std::string& length = "120 km") {
  return fmt::format(R"(
name: test line
run: {{horizon: 60 d, warmup: 10 d, replications: 2, seed: 7}}
nodes:
  - {{id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0}}
  - {{id: b, country: AA, kind: terminal, lat: 41.0, lon: 51.0}}
links:
  - id: line
    from: a
    to: b
    mode: rail
    length: {}
    speed: 60 km/h
    rail: {}
fleets:
  - {{id: trains, kind: train, count: {}, wagons: 50, payload_per_wagon: 60 t}}
demand:
  - {{id: bulk, origin: a, destination: b, commodity: ore, volume: {}, lot: 3000 t}}
corridors:
  - {{id: line, name: the line, links: [line]}}
)",
                     length, rail, trainsets, volume);
}

// The rail block of single track with `loops` evenly spaced passing loops and a 5 min crossing
// time (on the default 120 km line with 40 Mt/yr, demand is far above what it can carry).
std::string single_track(int loops) {
  return fmt::format("{{tracks: 1, loops: {}, crossing: 5 min}}", loops);
}

// Loaded trains per day across the line, averaged over the replications.
double trains_per_day(const Scenario& sc) {
  const corridor::graph::Network net(sc);
  const corridor::transport::Model model(net);
  double sum = 0;
  for (int r = 0; r < sc.run.replications; ++r) {
    const auto result = model.run(r, sc.run.seed);
    sum += result.corridors.at(0).loaded_trips / (result.window_s / 86400.0);
  }
  return sum / sc.run.replications;
}

}  // namespace

TEST_CASE("a saturated single-track line carries what its longest section allows", "[transport]") {
  // 3 loops → 4 sections of 30 km = 30 min each way. A pair of trains (one each way) holds
  // a section for 30 + 5 + 30 + 5 min, so each direction gets 1440 / 70 = 20.6 trains a day.
  const Scenario sc = corridor::scenario::load_text(line_yaml(single_track(3), 60), "line.yaml");
  const double bound = 1440.0 / (30 + 5 + 30 + 5);
  const double simulated = trains_per_day(sc);
  CHECK(simulated <= bound * 1.001);
  CHECK(simulated >= bound * 0.95);
}

TEST_CASE("adding a passing loop raises the trains a single-track line carries", "[transport]") {
  // 4 loops → 5 sections of 24 min: 1440 / (24 + 5 + 24 + 5) = 24.8 trains a day.
  const double with3 =
      trains_per_day(corridor::scenario::load_text(line_yaml(single_track(3), 60), "line3.yaml"));
  const double with4 =
      trains_per_day(corridor::scenario::load_text(line_yaml(single_track(4), 60), "line4.yaml"));
  const double bound4 = 1440.0 / (24 + 5 + 24 + 5);
  CHECK(with4 > with3 * 1.15);
  CHECK(with4 <= bound4 * 1.001);
  CHECK(with4 >= bound4 * 0.95);
}

TEST_CASE("with few trainsets the cycle time, not the track, limits the trains", "[transport]") {
  // Two trainsets, each on its own: 4 sections × (30 min running + 5 min crossing) each way
  // = 280 min a round trip, so 2 × 1440 / 280 = 10.3 loaded trains a day.
  const Scenario sc = corridor::scenario::load_text(line_yaml(single_track(3), 2), "line.yaml");
  const double expected = 2 * 1440.0 / 280.0;
  CHECK(trains_per_day(sc) == Approx(expected).epsilon(0.02));
}

namespace {

// A double-track line a–gate–b with a border station at `gate`, whose exit checks are
// `exit` (the empty trains coming back are checked on entry, on a channel of their own, in 1 h).
std::string border_line_yaml(const std::string& exit) {
  return fmt::format(R"(
name: border test
run: {{horizon: 60 d, warmup: 10 d, replications: 1, seed: 3}}
nodes:
  - {{id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0, sidings: 4}}
  - id: gate
    country: AA
    kind: border
    lat: 40.5
    lon: 50.5
    sidings: 4
    border:
      exit: {}
      entry: {{channels: 1, dwell: 1 h}}
  - {{id: b, country: BB, kind: terminal, lat: 41.0, lon: 51.0}}
links:
  - {{id: l1, from: a, to: gate, mode: rail, length: 30 km, speed: 60 km/h, rail: {{tracks: 2}}}}
  - {{id: l2, from: gate, to: b, mode: rail, length: 30 km, speed: 60 km/h, rail: {{tracks: 2}}}}
fleets:
  - {{id: trains, kind: train, count: 40, wagons: 50, payload_per_wagon: 60 t}}
demand:
  - {{id: bulk, origin: a, destination: b, commodity: ore, volume: 20 Mt/yr, lot: 3000 t}}
corridors:
  - {{id: border, name: across the border, links: [l2]}}
)",
                     exit);
}

}  // namespace

TEST_CASE("a border station with one channel limits the line to its processing rate",
          "[transport]") {
  // Trains leaving for the next country are processed at the border for a fixed 3 h on one
  // channel, so at most 8 loaded trains a day get through.
  const Scenario sc =
      corridor::scenario::load_text(border_line_yaml("{channels: 1, dwell: 3 h}"), "border.yaml");
  CHECK(trains_per_day(sc) == Approx(8.0).epsilon(0.02));
}

TEST_CASE("a border open twelve hours a day starts one check an hour while it is open",
          "[transport]") {
  // The exit checks take 1 h and start only between 08:00 and 20:00: back to back from 08:00
  // to 19:00, 12 checks and so 12 loaded trains a day (more if the hours were ignored; a train
  // granted the channel outside them waits for 08:00 holding it).
  const Scenario sc = corridor::scenario::load_text(
      border_line_yaml(R"({channels: 1, dwell: 1 h, hours: "08:00-20:00"})"), "border_hours.yaml");
  CHECK(trains_per_day(sc) == Approx(12.0).epsilon(0.02));
}

TEST_CASE("below capacity the line carries the demand", "[transport]") {
  // 1 Mt/yr is 2,740 t a day, under one 3,000 t train, far below the 20 trains a day the line
  // allows: everything demanded in the window is delivered, give or take the trains en route.
  const Scenario sc =
      corridor::scenario::load_text(line_yaml(single_track(3), 10, "1 Mt/yr"), "light.yaml");
  const corridor::graph::Network net(sc);
  const corridor::transport::Model model(net);
  const auto result = model.run(0, 1);
  const double per_year = result.corridors[0].tonnes * 365 * 86400 / result.window_s;
  CHECK(per_year == Approx(1e6).epsilon(0.05));
  CHECK(result.flows[0].delivered_t == Approx(result.flows[0].demanded_t).epsilon(0.05));
}

TEST_CASE("a train gives back its siding once, when it leaves single track for double track",
          "[transport]") {
  // a –(single track, one section)– m1 –(double track, a border)– m2 –(single track, a loop)– b.
  // A loaded train takes m1's only siding (sidings: 1) as it enters the section from a, and
  // stands on it through the exit checks at m1 until it is on the double track. So m1's siding
  // is the bottleneck: 6 min running + 1 min crossing + 2 h of checks = 127 min per train, at
  // most 1440 / 127 = 11.3 loaded trains a day; an empty train in the section from m1 can make
  // the next one wait up to 7 min more (at least 1440 / 134 = 10.7). A siding never given back
  // would stop the line after one train; one given back twice (again on the next single-track
  // link, where the train takes and gives back the loop's siding) would let two trains stand on
  // it, and more trains through.
  const std::string yaml = R"(
name: single, double, single track
run: {horizon: 60 d, warmup: 10 d, replications: 2, seed: 11}
nodes:
  - {id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0}
  - id: m1
    country: AA
    kind: border
    lat: 40.1
    lon: 50.1
    sidings: 1
    border:
      exit: {channels: 2, dwell: 2 h}
      entry: {channels: 4, dwell: 10 min}
  - id: m2
    country: BB
    kind: border
    lat: 40.4
    lon: 50.4
    sidings: 4
    border:
      exit: {channels: 4, dwell: 10 min}
      entry: {channels: 4, dwell: 10 min}
  - {id: b, country: BB, kind: terminal, lat: 40.6, lon: 50.6}
links:
  - id: l1
    from: a
    to: m1
    mode: rail
    length: 6 km
    speed: 60 km/h
    rail: {tracks: 1, crossing: 1 min}
  - {id: l2, from: m1, to: m2, mode: rail, length: 30 km, speed: 60 km/h, rail: {tracks: 2}}
  - id: l3
    from: m2
    to: b
    mode: rail
    length: 20 km
    speed: 60 km/h
    rail: {tracks: 1, loops: 1, crossing: 1 min}
fleets:
  - {id: trains, kind: train, count: 30, wagons: 50, payload_per_wagon: 60 t}
demand:
  - {id: bulk, origin: a, destination: b, commodity: ore, volume: 40 Mt/yr, lot: 3000 t}
corridors:
  - {id: line, name: the line, links: [l2]}
)";
  const Scenario sc = corridor::scenario::load_text(yaml, "single_double_single.yaml");
  const double simulated = trains_per_day(sc);
  CHECK(simulated <= 1440.0 / 127 * 1.001);
  CHECK(simulated >= 1440.0 / 134 * 0.995);
}

TEST_CASE("a single-track link gives the same figures whether a corridor lists it or not",
          "[transport]") {
  // A crossing of a link in a corridor is a step of its own, which counts the corridor's
  // cargo; one of a link in no corridor is the last step of its last section. Both must count
  // the same passages, tonnes and waits, and give the section back at the same moment.
  const auto two_links = [](const std::string& corridor_links) {
    return fmt::format(R"(
name: two single-track links
run: {{horizon: 40 d, warmup: 5 d, replications: 1, seed: 5}}
nodes:
  - {{id: a, country: AA, kind: terminal, lat: 40.0, lon: 50.0}}
  - {{id: m, country: AA, kind: station, lat: 40.3, lon: 50.3, sidings: 2}}
  - {{id: b, country: AA, kind: terminal, lat: 40.6, lon: 50.6}}
  - {{id: c, country: AA, kind: terminal, lat: 40.9, lon: 50.9}}
links:
  - {{id: l1, from: a, to: m, mode: rail, length: 40 km, speed: 60 km/h,
     rail: {{tracks: 1, loops: 1, crossing: 4 min}}}}
  - {{id: l2, from: m, to: b, mode: rail, length: 30 km, speed: 60 km/h,
     rail: {{tracks: 1, crossing: 4 min}}}}
  - {{id: l3, from: b, to: c, mode: rail, length: 10 km, speed: 60 km/h, rail: {{tracks: 2}}}}
fleets:
  - {{id: trains, kind: train, count: 12, wagons: 50, payload_per_wagon: 60 t}}
demand:
  - {{id: bulk, origin: a, destination: b, commodity: ore, volume: 30 Mt/yr, lot: 3000 t}}
  - {{id: back, origin: m, destination: a, commodity: grain, volume: 5 Mt/yr, lot: 3000 t}}
corridors:
  - {{id: k, name: the corridor, links: [{}]}}
)",
                       corridor_links);
  };
  const auto run = [](const std::string& yaml) {
    const Scenario sc = corridor::scenario::load_text(yaml, "two_links.yaml");
    const corridor::graph::Network net(sc);
    return corridor::transport::Model(net).run(0, sc.run.seed);
  };
  const auto listed = run(two_links("l1, l2, l3"));
  const auto unlisted = run(two_links("l3"));
  REQUIRE(listed.links.size() == 3);
  REQUIRE(unlisted.links.size() == 3);
  for (std::size_t l = 0; l < 2; ++l) {
    INFO("link l" << l + 1);
    CHECK(listed.links[l].vehicles > 100);
    CHECK(listed.links[l].wait_mean_s > 0);
    CHECK(unlisted.links[l].vehicles == listed.links[l].vehicles);
    CHECK(unlisted.links[l].tonnes == listed.links[l].tonnes);
    CHECK(unlisted.links[l].utilisation == listed.links[l].utilisation);
    CHECK(unlisted.links[l].wait_mean_s == listed.links[l].wait_mean_s);
    CHECK(unlisted.links[l].wait_p95_s == listed.links[l].wait_p95_s);
  }
  for (std::size_t f = 0; f < 2; ++f) {
    CHECK(listed.flows[f].delivered_t > 0);
    CHECK(unlisted.flows[f].delivered_t == listed.flows[f].delivered_t);
    CHECK(unlisted.flows[f].transit_mean_s == listed.flows[f].transit_mean_s);
  }
}

TEST_CASE("a saturated double-track line passes one train per headway each way", "[transport]") {
  // 60 km of double track at 60 km/h with a 10 min headway: a train may enter each track every
  // 10 min, so at most 1440 / 10 = 144 loaded trains a day. Sixty trainsets on a 2 h round
  // trip could make 720 trips a day, and 200 Mt/yr of demand fills 183 trains a day: the
  // headway is the bottleneck.
  const Scenario sc = corridor::scenario::load_text(
      line_yaml("{tracks: 2, headway: 10 min}", 60, "200 Mt/yr", "60 km"), "double.yaml");
  const double simulated = trains_per_day(sc);
  CHECK(simulated <= 144 * 1.001);
  CHECK(simulated >= 144 * 0.98);
}
