// Tests of graph::Network: indices, free-flow times and routing of flows (shortest time, via
// nodes, allowed modes, where mode and gauge changes may happen).
#include "corridor/graph/network.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "graph_fixtures.hpp"

using corridor::graph::Hop;
using corridor::graph::Network;
using corridor::model::Mode;
using corridor::model::NodeKind;
using corridor::model::Scenario;
using namespace corridor::testing;

namespace {

/// The link ids along a route, for readable assertions.
std::vector<std::string> link_ids(const Network& network, const std::vector<Hop>& hops) {
  std::vector<std::string> ids;
  for (const Hop& hop : hops) ids.push_back(network.scenario().links[hop.link].id);
  return ids;
}

/// The node ids a route passes, origin first.
std::vector<std::string> node_ids(const Network& network, const std::vector<Hop>& hops) {
  std::vector<std::string> ids;
  if (hops.empty()) return ids;
  ids.push_back(network.scenario().nodes[network.hop_from(hops.front())].id);
  for (const Hop& hop : hops) ids.push_back(network.scenario().nodes[network.hop_to(hop)].id);
  return ids;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("the network maps scenario ids to indices and links to their end nodes", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("c")};
  s.links = {make_rail("ab", "a", "b", 100, 50), make_road("cb", "c", "b", 30, 60)};
  const Network network(s);

  CHECK(network.node_count() == 3);
  CHECK(network.link_count() == 2);
  CHECK(network.node_index("c") == 2u);
  CHECK_FALSE(network.node_index("d").has_value());
  CHECK(network.link_index("cb") == 1u);
  CHECK_FALSE(network.link_index("ba").has_value());
  CHECK(network.hop_from(Hop{1, true}) == 2);
  CHECK(network.hop_to(Hop{1, true}) == 1);
  CHECK(network.hop_from(Hop{1, false}) == 1);
  CHECK(network.hop_to(Hop{1, false}) == 2);
  CHECK(network.hops_from(1) == std::vector<Hop>{Hop{0, false}, Hop{1, false}});
  CHECK(network.hops_from(0) == std::vector<Hop>{Hop{0, true}});
}

TEST_CASE("free-flow time is length over speed, the vessel speed at sea, the batch in pipes",
          "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("p", NodeKind::kPort), make_node("q", NodeKind::kPort)};
  s.fleets = {make_vessel("slow", 20), make_vessel("fast", 40)};
  s.links = {make_rail("rail", "a", "p", 120, 60), make_sea("sea", "p", "q", 300, {"slow", "fast"}),
             make_sea("sea_fixed", "p", "q", 300, {"slow"}, 30),
             make_pipeline("pipe", "a", "q", 1000, 86400, 10)};
  const Network network(s);

  CHECK(network.free_flow_s(Hop{0, true}) == Approx(2 * 3600.0));
  CHECK(network.free_flow_s(Hop{0, false}) == Approx(2 * 3600.0));
  CHECK(network.free_flow_s(Hop{1, true}) == Approx(15 * 3600.0));  // first fleet: 20 km/h
  CHECK(network.free_flow_s(Hop{2, true}) == Approx(10 * 3600.0));  // link speed wins
  CHECK(network.free_flow_s(Hop{3, true}) == Approx(86400.0));
  CHECK(network.free_flow_s(std::vector<Hop>{{0, true}, {1, true}}) == Approx(17 * 3600.0));
}

TEST_CASE("a link whose free-flow time cannot be determined is reported when building", "[graph]") {
  Scenario s;
  s.file = "x.yaml";
  s.nodes = {make_node("p", NodeKind::kPort), make_node("q", NodeKind::kPort)};
  s.fleets = {make_vessel("drifter", 0)};
  s.links = {make_sea("sea", "p", "q", 300, {"drifter"})};
  try {
    const Network network(s);
    FAIL("expected a ScenarioError");
  } catch (const corridor::ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() ==
          "x.yaml: error: links[0]: link 'sea': neither the link nor vessel fleet 'drifter' has "
          "a speed");
  }
}

TEST_CASE("a route takes the shortest free-flow time, not the shortest length", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("c")};
  s.links = {make_rail("slow_direct", "a", "b", 100, 20),  // 5 h
             make_rail("ac", "a", "c", 60, 60),            // 1 h
             make_rail("cb", "c", "b", 60, 60)};           // 1 h
  const Network network(s);

  const auto route = network.route(make_flow("a", "b"));
  REQUIRE(route);
  CHECK(link_ids(network, *route) == Strings{"ac", "cb"});
  CHECK(network.free_flow_s(*route) == Approx(2 * 3600.0));

  const auto back = network.route(make_flow("b", "a"));
  REQUIRE(back);
  CHECK(link_ids(network, *back) == Strings{"cb", "ac"});
  CHECK((*back)[0].forward == false);
}

TEST_CASE("a route passes through its via nodes in order, revisiting nodes if it must", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("c"), make_node("d")};
  s.links = {make_rail("ab", "a", "b", 100, 100), make_rail("ad", "a", "d", 100, 50),
             make_rail("db", "d", "b", 100, 50), make_rail("bc", "b", "c", 100, 100)};
  const Network network(s);

  const auto through_d = network.route(make_flow("a", "b", {}, {"d"}));
  REQUIRE(through_d);
  CHECK(node_ids(network, *through_d) == Strings{"a", "d", "b"});

  // c first, then d: a → b → c → b → d → b.
  const auto out_and_back = network.route(make_flow("a", "b", {}, {"c", "d"}));
  REQUIRE(out_and_back);
  CHECK(node_ids(network, *out_and_back) == Strings{"a", "b", "c", "b", "d", "b"});

  // A via node equal to the origin is passed at the start.
  const auto via_origin = network.route(make_flow("a", "b", {}, {"a"}));
  REQUIRE(via_origin);
  CHECK(link_ids(network, *via_origin) == Strings{"ab"});

  // A round trip through c.
  const auto round_trip = network.route(make_flow("a", "a", {}, {"c"}));
  REQUIRE(round_trip);
  CHECK(node_ids(network, *round_trip) == Strings{"a", "b", "c", "b", "a"});
}

TEST_CASE("a flow from a node to itself has an empty route", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b")};
  s.links = {make_rail("ab", "a", "b", 100, 100)};
  const Network network(s);
  const auto route = network.route(make_flow("a", "a"));
  REQUIRE(route);
  CHECK(route->empty());
}

TEST_CASE("a route uses only the flow's allowed modes", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("c")};
  s.links = {make_road("road_ab", "a", "b", 100, 100), make_rail("rail_ac", "a", "c", 100, 50),
             make_rail("rail_cb", "c", "b", 100, 50)};
  const Network network(s);

  CHECK(link_ids(network, *network.route(make_flow("a", "b"))) == Strings{"road_ab"});
  CHECK(link_ids(network, *network.route(make_flow("a", "b", {Mode::kRail}))) ==
        Strings{"rail_ac", "rail_cb"});
  CHECK(link_ids(network, *network.route(make_flow("a", "b", {Mode::kRoad, Mode::kRail}))) ==
        Strings{"road_ab"});
  CHECK_FALSE(network.route(make_flow("a", "c", {Mode::kRoad})).has_value());
  CHECK_FALSE(network.route(make_flow("a", "b", {Mode::kSea})).has_value());
}

TEST_CASE("a change of rail gauge needs a transfer node", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("border", NodeKind::kBorder), make_node("c")};
  s.links = {make_rail("broad", "a", "border", 100, 100, 1520),
             make_rail("standard", "border", "c", 100, 100, 1435)};

  SECTION("without one there is no route") {
    const Network network(s);
    CHECK_FALSE(network.route(make_flow("a", "c")).has_value());
    CHECK_FALSE(network.route(make_flow("c", "a")).has_value());
  }
  SECTION("with one the route changes gauge there") {
    s.nodes[1].transfer = make_transfer();
    const Network network(s);
    const auto route = network.route(make_flow("a", "c"));
    REQUIRE(route);
    CHECK(link_ids(network, *route) == Strings{"broad", "standard"});
  }
  SECTION("a slower route without a change of gauge is taken instead") {
    s.nodes.push_back(make_node("d"));
    s.links.push_back(make_rail("long_way_1", "a", "d", 300, 100, 1520));
    s.links.push_back(make_rail("long_way_2", "d", "c", 300, 100, 1520));
    const Network network(s);
    const auto route = network.route(make_flow("a", "c"));
    REQUIRE(route);
    CHECK(link_ids(network, *route) == Strings{"long_way_1", "long_way_2"});
  }
  SECTION("the change may happen at a transfer node the route reaches again later") {
    // a –1520– border(no transfer) –1435– c, and a transfer yard t on a 1520 spur off border
    // with a 1435 line back: border → t changes nothing; t → border is 1435.
    s.nodes.push_back(make_node("t"));
    s.nodes.back().transfer = make_transfer();
    s.links.push_back(make_rail("spur_broad", "border", "t", 10, 100, 1520));
    s.links.push_back(make_rail("spur_standard", "t", "border", 10, 100, 1435));
    const Network network(s);
    const auto route = network.route(make_flow("a", "c"));
    REQUIRE(route);
    CHECK(link_ids(network, *route) == Strings{"broad", "spur_broad", "spur_standard", "standard"});
  }
}

TEST_CASE("rail and road meet the sea only at ports", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("p"), make_node("q", NodeKind::kPort), make_node("b")};
  s.fleets = {make_vessel("ferry", 25)};
  s.links = {make_rail("rail_in", "a", "p", 100, 50),
             make_sea("crossing", "p", "q", 400, {"ferry"}),
             make_road("road_out", "q", "b", 50, 70)};

  SECTION("a station is not a port") {
    const Network network(s);
    CHECK_FALSE(network.route(make_flow("a", "b")).has_value());
    CHECK(network.route(make_flow("p", "b")).has_value());  // starts at sea: no change at p
  }
  SECTION("a node of kind port is") {
    s.nodes[1].kind = NodeKind::kPort;
    const Network network(s);
    const auto route = network.route(make_flow("a", "b"));
    REQUIRE(route);
    CHECK(link_ids(network, *route) == Strings{"rail_in", "crossing", "road_out"});
  }
  SECTION("so is a node with berths") {
    s.nodes[1].berths.push_back({"ferry", 1, {}});
    const Network network(s);
    CHECK(network.route(make_flow("a", "b")).has_value());
  }
}

TEST_CASE("rail and road meet only at transfer nodes", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("m", NodeKind::kTerminal), make_node("b")};
  s.links = {make_rail("rail", "a", "m", 100, 50), make_road("road", "m", "b", 50, 70)};
  CHECK_FALSE(Network(s).route(make_flow("a", "b")).has_value());
  s.nodes[1].transfer = make_transfer();
  CHECK(Network(s).route(make_flow("a", "b")).has_value());
}

TEST_CASE("between parallel links of equal time the lower index is taken", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("c")};
  s.links = {make_rail("first", "a", "b", 100, 100), make_rail("second", "a", "b", 100, 100),
             make_rail("third", "b", "a", 100, 100), make_rail("bc", "b", "c", 50, 100)};
  const Network network(s);
  for (int i = 0; i < 3; ++i) {
    CHECK(link_ids(network, *network.route(make_flow("a", "c"))) == Strings{"first", "bc"});
    CHECK(link_ids(network, *network.route(make_flow("c", "a"))) == Strings{"bc", "first"});
  }
}

TEST_CASE("a flow naming an unknown node has no route", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b")};
  s.links = {make_rail("ab", "a", "b", 100, 100)};
  const Network network(s);
  CHECK_FALSE(network.route(make_flow("a", "z")).has_value());
  CHECK_FALSE(network.route(make_flow("a", "b", {}, {"z"})).has_value());
}

TEST_CASE("a disconnected destination has no route", "[graph]") {
  Scenario s;
  s.nodes = {make_node("a"), make_node("b"), make_node("island")};
  s.links = {make_rail("ab", "a", "b", 100, 100)};
  const Network network(s);
  CHECK_FALSE(network.route(make_flow("a", "island")).has_value());
  CHECK_FALSE(network.route(make_flow("a", "b", {}, {"island"})).has_value());
}
