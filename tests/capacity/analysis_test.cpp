// Tests of the capacity analysis: each kind of element's capacity computed independently from
// the scenario's parameters, the binding elements, and cut capacity = bound.
#include "corridor/capacity/analysis.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <string>

#include "../graph/graph_fixtures.hpp"
#include "corridor/pipeline/generate.hpp"
#include "corridor/scenario/loader.hpp"

using corridor::capacity::Bound;
using corridor::capacity::Element;
using corridor::graph::Network;
using corridor::model::Mode;
using corridor::model::NodeKind;
using corridor::model::Scenario;
using namespace corridor::testing;

namespace {

constexpr double kTrainT = 50 * 60.0;  // the trains below: 50 wagons × 60 t

double cut_sum(const Bound& bound) {
  return std::accumulate(bound.binding.begin(), bound.binding.end(), 0.0,
                         [](double sum, const Element& e) { return sum + e.capacity_t_per_year; });
}

/// a — b, single track 100 km at 50 km/h with loops at 40 and 70 km.
Scenario single_track() {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b")};
  s.links = {make_rail("ab", "a", "b", 100, 50)};
  s.links[0].rail.loops_km = {40, 70};
  s.fleets = {make_train("trains", 1000, 50, 60)};
  s.flows = {make_flow("a", "b")};
  return s;
}

}  // namespace

TEST_CASE("a single-track link carries one train per longest-section cycle", "[capacity]") {
  const Scenario s = single_track();
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);

  // Longest section 40 km at 50 km/h = 48 min each way, plus 5 min crossing each way.
  const double trains_per_day = 86400.0 / (2 * 48 * 60 + 2 * 300);
  REQUIRE_FALSE(bound.unbounded);
  CHECK(bound.capacity_t_per_year == Approx(trains_per_day * kTrainT * 365).epsilon(1e-6));
  REQUIRE(bound.binding.size() == 1);
  CHECK(bound.binding[0].kind == Element::Kind::kSingleTrack);
  CHECK(bound.binding[0].id == "ab");
  CHECK(bound.binding[0].where == "a → b");
  CHECK(bound.binding[0].derivation ==
        "single track, longest section 40.0 km: 48 min each way + 5 min crossing each way → "
        "13.6 trains/day × 3000 t → 14.9 Mt/yr");
  CHECK(cut_sum(bound) == Approx(bound.capacity_t_per_year));
}

TEST_CASE("a border process binds when it is slower than the line", "[capacity]") {
  Scenario s = single_track();
  s.nodes.push_back(make_node("c"));
  s.nodes[2].country = "cn";
  s.nodes[1].kind = NodeKind::kBorder;
  s.nodes[1].border = corridor::model::Border{};
  s.nodes[1].border->exit = corridor::model::BorderProcess{};
  s.nodes[1].border->exit->channels = 2;
  s.nodes[1].border->exit->dwell.mean_s = 8 * 3600;
  s.nodes[1].border->exit->hours.open_s = 8 * 3600;  // open 12 h a day
  s.nodes[1].border->exit->hours.close_s = 20 * 3600;
  s.links.push_back(make_rail("bc", "b", "c", 20, 40));
  s.links[1].rail.tracks = 2;
  s.flows = {make_flow("a", "c")};
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);

  const double trains_per_day = 2 * 86400.0 / (8 * 3600) * 0.5;  // 3 trains a day
  CHECK(bound.capacity_t_per_year == Approx(trains_per_day * kTrainT * 365).epsilon(1e-6));
  REQUIRE(bound.binding.size() == 1);
  CHECK(bound.binding[0].kind == Element::Kind::kBorderExit);
  CHECK(bound.binding[0].id == "b");
  CHECK(bound.binding[0].derivation ==
        "border exit, 2 channel(s) × 1 d / 8.0 h mean dwell × 50% open → 3.0 trains/day × 3000 t "
        "→ 3.3 Mt/yr");
}

TEST_CASE("parallel lines add up and the cut lists both", "[capacity]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("m"), make_node("n"), make_node("b")};
  s.links = {make_rail("am", "a", "m", 50, 100), make_rail("mb", "m", "b", 50, 100),
             make_rail("an", "a", "n", 50, 100), make_rail("nb", "n", "b", 50, 100)};
  for (auto& link : s.links) {
    link.rail.tracks = 2;
    link.rail.headway_s = 1200;  // 72 trains a day per direction
  }
  s.links[1].rail.headway_s = 2400;  // 36 a day on mb
  s.fleets = {make_train("trains", 1000, 50, 60)};
  s.flows = {make_flow("a", "b")};
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);

  CHECK(bound.capacity_t_per_year == Approx((36 + 72) * kTrainT * 365).epsilon(1e-6));
  REQUIRE(bound.binding.size() == 2);
  CHECK(cut_sum(bound) == Approx(bound.capacity_t_per_year));
}

TEST_CASE("too few trainsets bind before the infrastructure does", "[capacity]") {
  Scenario s = single_track();
  s.fleets[0].count = 2;
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);

  // Cycle: 2 h each way plus 3 sections × 5 min crossing each way = 4.5 h.
  const double cycle_s = 2 * 2 * 3600.0 + 2 * 3 * 300;
  CHECK(bound.capacity_t_per_year == Approx(2 * 86400 / cycle_s * kTrainT * 365).epsilon(1e-6));
  CHECK(bound.capacity_t_per_year < bound.infrastructure_t_per_year);
  REQUIRE(bound.binding.size() == 1);
  CHECK(bound.binding[0].kind == Element::Kind::kFleet);
  CHECK(bound.binding[0].id == "trains");
}

TEST_CASE("a ferry carries its vessels' round trips, limited by the berths", "[capacity]") {
  Scenario s;
  s.nodes = {make_node("p", NodeKind::kPort), make_node("q", NodeKind::kPort)};
  s.nodes[0].berths.push_back({"ferry", 1, {}});
  s.nodes[0].berths[0].handling.mean_s = 6 * 3600;
  s.nodes[1].berths.push_back({"ferry", 1, {}});
  s.nodes[1].berths[0].handling.mean_s = 10 * 3600;
  s.fleets = {make_vessel("ferries", 20, 2)};
  s.fleets[0].capacity_wagons = 0;
  s.fleets[0].capacity_t = 5000;
  s.links = {make_sea("crossing", "p", "q", 400, {"ferries"})};
  s.flows = {make_flow("p", "q")};

  SECTION("two vessels on a 20 h crossing: the round trip binds") {
    const Network network(s);
    const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);
    const double round_trip_s = (2 * 20 + 6 + 10) * 3600.0;
    CHECK(bound.capacity_t_per_year == Approx(2 * 86400 / round_trip_s * 5000 * 365).epsilon(1e-6));
    REQUIRE(bound.binding.size() == 1);
    CHECK(bound.binding[0].kind == Element::Kind::kFerry);
  }
  SECTION("ten vessels: the slower port's berth binds") {
    s.fleets[0].count = 10;
    const Network network(s);
    const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);
    CHECK(bound.capacity_t_per_year == Approx(86400.0 / (10 * 3600) * 5000 * 365).epsilon(1e-6));
    REQUIRE(bound.binding.size() == 1);
    CHECK(bound.binding[0].kind == Element::Kind::kBerths);
    CHECK(bound.binding[0].id == "q");
  }
}

TEST_CASE("a change of gauge passes through the transfer lines", "[capacity]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("t"), make_node("b")};
  s.nodes[1].transfer = make_transfer(2, 1800);  // 2 lines, 30 min per wagon: 96 wagons a day
  s.links = {make_rail("broad", "a", "t", 100, 100, 1520),
             make_rail("standard", "t", "b", 100, 100, 1435)};
  for (auto& link : s.links) link.rail.tracks = 2;
  s.fleets = {make_train("broad_trains", 1000, 50, 60, 1520),
              make_train("standard_trains", 1000, 40, 60, 1435)};
  s.flows = {make_flow("a", "b")};
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);

  CHECK(bound.capacity_t_per_year == Approx(96 * 60.0 * 365).epsilon(1e-6));
  REQUIRE(bound.binding.size() == 1);
  CHECK(bound.binding[0].kind == Element::Kind::kTransfer);
}

TEST_CASE("a road without checkpoints and unlimited trucks is unbounded", "[capacity]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b")};
  s.links = {make_road("ab", "a", "b", 100, 80)};
  corridor::model::Fleet trucks;
  trucks.id = "trucks";
  trucks.kind = corridor::model::FleetKind::kTruck;
  trucks.count = 0;
  trucks.payload_t = 20;
  s.fleets = {trucks};
  s.flows = {make_flow("a", "b")};
  const Network network(s);
  CHECK(corridor::capacity::analyse_flow(network, s.flows[0]).unbounded);
}

TEST_CASE("a corridor of links is bounded between the two ends of its chain", "[capacity]") {
  Scenario s = single_track();
  s.nodes.push_back(make_node("c"));
  s.links.push_back(make_rail("bc", "b", "c", 10, 50));
  s.corridors.push_back({"line", "the line", {"ab", "bc"}, {}});
  const Network network(s);
  const auto bounds = corridor::capacity::analyse(network);
  REQUIRE(bounds.size() == 1);
  CHECK(bounds[0].subject == "corridor line");
  REQUIRE(bounds[0].binding.size() == 1);
  CHECK(bounds[0].binding[0].id == "ab");
  CHECK(cut_sum(bounds[0]) == Approx(bounds[0].capacity_t_per_year));
}

TEST_CASE("a bound lists the elements its maximum flow runs through, not the whole network",
          "[capacity]") {
  // a — m — b, with a branch m — x that no flow from a to b can use.
  Scenario s;
  s.nodes = {make_node("a"), make_node("m"), make_node("b"), make_node("x")};
  s.links = {make_rail("am", "a", "m", 50, 100), make_rail("mb", "m", "b", 50, 100),
             make_rail("mx", "m", "x", 50, 100)};
  s.fleets = {make_train("trains", 1000, 50, 60)};
  s.flows = {make_flow("a", "b")};
  const Network network(s);
  const Bound bound = corridor::capacity::analyse_flow(network, s.flows[0]);
  std::vector<std::string> ids;
  for (const Element& e : bound.elements) ids.push_back(e.id + " " + e.where);
  // The two links in the direction of the flow, then the fleet's own bound.
  CHECK(ids == std::vector<std::string>{"am a → m", "mb m → b", "trains a → b"});
}

TEST_CASE("flows without corridors get the same bounds as each analysed alone", "[capacity]") {
  // Two fleets of different trains; flows that prefer one or the other, or allow only road.
  Scenario s;
  s.nodes = {make_node("a"), make_node("m"), make_node("b")};
  s.links = {make_rail("am", "a", "m", 50, 100), make_rail("mb", "m", "b", 80, 60)};
  s.links[1].rail.loops_km = {30};
  s.fleets = {make_train("long", 1000, 60, 70), make_train("short", 1000, 30, 60)};
  s.flows = {make_flow("a", "b"), make_flow("a", "m"), make_flow("m", "b"),
             make_flow("a", "b", {Mode::kRoad})};
  s.flows[0].id = "f0";
  s.flows[1].id = "f1";
  s.flows[1].fleets = {"short"};
  s.flows[2].id = "f2";
  s.flows[2].fleets = {"short"};
  s.flows[3].id = "f3";
  const Network network(s);
  const std::vector<Bound> all = corridor::capacity::analyse(network);
  REQUIRE(all.size() == s.flows.size());
  for (std::size_t i = 0; i < s.flows.size(); ++i) {
    INFO(s.flows[i].id);
    const Bound alone = corridor::capacity::analyse_flow(network, s.flows[i]);
    CHECK(all[i].subject == alone.subject);
    CHECK(all[i].unbounded == alone.unbounded);
    CHECK(all[i].capacity_t_per_year == alone.capacity_t_per_year);
    CHECK(all[i].elements.size() == alone.elements.size());
    CHECK(all[i].note == alone.note);
  }
  // The fleets differ, so the bounds do: 60 × 70 t trains against 30 × 60 t on the same line.
  CHECK(all[0].capacity_t_per_year > all[2].capacity_t_per_year);
}

TEST_CASE("the analysis reports its progress bound by bound", "[capacity]") {
  Scenario s = single_track();
  s.flows.push_back(make_flow("b", "a"));
  s.flows[1].id = "back";
  const Network network(s);
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const auto bounds = corridor::capacity::analyse(
      network, [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  CHECK(bounds.size() == 2);
  CHECK(calls == std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}, {1, 2}, {2, 2}});
}

TEST_CASE("the bounds of every flow are the same whatever the number of threads", "[capacity]") {
  // A generated network without its corridors: every flow gets a bound, on one graph per set of
  // modes and fleets, shared by the threads.
  corridor::pipeline::GenerateOptions options;
  options.nodes = 300;
  options.flows = 40;
  Scenario s = corridor::scenario::load_text(corridor::pipeline::generate_scenario(options),
                                             "generated.yaml");
  s.corridors.clear();
  // Every other flow may also go by road: two capacity graphs, and routes of two kinds.
  for (std::size_t i = 1; i < s.flows.size(); i += 2) {
    s.flows[i].modes = {Mode::kRail, Mode::kRoad, Mode::kSea};
  }
  const Network network(s);
  const std::vector<Bound> one = corridor::capacity::analyse(network, {}, 1);
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const std::vector<Bound> three = corridor::capacity::analyse(
      network, [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); }, 3);
  REQUIRE(one.size() == s.flows.size());
  REQUIRE(three.size() == one.size());
  auto ids = [](const std::vector<Element>& elements) {
    std::vector<std::string> out;
    for (const auto& e : elements) out.push_back(e.id + " " + e.where);
    return out;
  };
  for (std::size_t i = 0; i < one.size(); ++i) {
    INFO(one[i].subject);
    CHECK(three[i].subject == "flow " + s.flows[i].id);
    CHECK(three[i].subject == one[i].subject);
    CHECK(three[i].unbounded == one[i].unbounded);
    CHECK(three[i].capacity_t_per_year == one[i].capacity_t_per_year);
    CHECK(ids(three[i].binding) == ids(one[i].binding));
    CHECK(ids(three[i].elements) == ids(one[i].elements));
    CHECK(three[i].note == one[i].note);
  }
  // Progress: every count from 0 to the total, once each and in order, from whichever thread.
  REQUIRE(calls.size() == one.size() + 1);
  for (std::size_t k = 0; k < calls.size(); ++k) {
    CHECK(calls[k] == std::make_pair(k, one.size()));
  }
}
