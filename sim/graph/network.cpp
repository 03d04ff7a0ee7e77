// Builds the Boost.Graph representation of a scenario's network and routes flows on it.
// Routing runs Dijkstra on an expanded graph whose vertices are (node, arrival carrier, number
// of `via` nodes passed), so mode and gauge changes are only taken where the node allows them.
#include "corridor/graph/network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/visitors.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>

#include "corridor/error.hpp"

namespace corridor::graph {

namespace {

struct NodeProperties {
  std::size_t node = 0;  ///< scenario.nodes index
};

struct LinkProperties {
  std::size_t link = 0;  ///< scenario.links index
  double free_flow_s = 0;
};

// Vertex i is scenario.nodes[i]; edges are added in scenario.links order, so the edge list
// order is the link index order.
using PhysicalGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                            NodeProperties, LinkProperties>;

struct StateEdge {
  double time_s = 0;
  Hop hop;
};

// The expanded graph routing searches: one vertex per (layer, node, carrier).
using StateGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::no_property, StateEdge>;

bool is_port(const model::Node& node) {
  return node.kind == model::NodeKind::kPort || !node.berths.empty();
}

}  // namespace

struct Network::Impl {
  PhysicalGraph graph;
  std::map<std::string, std::size_t, std::less<>> node_ids;
  std::map<std::string, std::size_t, std::less<>> link_ids;

  // Carriers: how cargo arrives at a node. 0 = not yet moved (the origin), then road, sea,
  // pipeline, and one carrier per rail gauge in `gauges_mm`.
  static constexpr std::size_t kNone = 0;
  static constexpr std::size_t kRoad = 1;
  static constexpr std::size_t kSea = 2;
  static constexpr std::size_t kPipeline = 3;
  static constexpr std::size_t kFirstRail = 4;
  std::vector<int> gauges_mm;             ///< distinct rail gauges, ascending
  std::vector<std::size_t> link_carrier;  ///< per link
  std::vector<std::size_t> link_from;     ///< per link: node index of `from`
  std::vector<std::size_t> link_to;       ///< per link: node index of `to`
  std::vector<double> link_free_flow_s;   ///< per link

  [[nodiscard]] std::size_t carrier_count() const { return kFirstRail + gauges_mm.size(); }
  [[nodiscard]] static bool is_rail(std::size_t c) { return c >= kFirstRail; }

  /// Whether cargo arriving by `from` may leave by `to` at `node`.
  [[nodiscard]] static bool may_change(const model::Node& node, std::size_t from, std::size_t to) {
    if (from == kNone || from == to) return true;
    if (from == kSea || to == kSea) return is_port(node);
    // Both are land carriers (rail of some gauge, road, pipeline) and differ.
    return node.transfer.has_value();
  }
};

namespace {

double link_free_flow_s(const model::Scenario& scenario, std::size_t index,
                        std::vector<Diagnostic>& problems) {
  const model::Link& link = scenario.links[index];
  auto problem = [&](std::string message) {
    problems.push_back(Diagnostic{SourceLocation{scenario.file, 0, 0},
                                  fmt::format("links[{}]", index), std::move(message)});
    return 0.0;
  };
  double speed_kmh = link.speed_kmh;
  switch (link.mode) {
    case model::Mode::kPipeline:
      if (!(link.pipeline.batch_s > 0) || !std::isfinite(link.pipeline.batch_s)) {
        return problem(fmt::format("link '{}': pipeline batch period must be positive", link.id));
      }
      return link.pipeline.batch_s;
    case model::Mode::kSea:
      if (!(speed_kmh > 0)) {
        if (link.sea.vessels.empty()) {
          return problem(fmt::format(
              "link '{}': sea link has neither a speed nor vessels to take it from", link.id));
        }
        const model::Fleet* fleet = scenario.find_fleet(link.sea.vessels.front());
        if (fleet == nullptr) {
          return problem(
              fmt::format("link '{}': unknown vessel fleet '{}'", link.id, link.sea.vessels[0]));
        }
        speed_kmh = fleet->speed_kmh;
        if (!(speed_kmh > 0)) {
          return problem(fmt::format(
              "link '{}': neither the link nor vessel fleet '{}' has a speed", link.id, fleet->id));
        }
      }
      break;
    case model::Mode::kRail:
    case model::Mode::kRoad:
      if (!(speed_kmh > 0)) {
        return problem(fmt::format("link '{}': speed must be positive", link.id));
      }
      break;
  }
  if (!(link.length_km > 0) || !std::isfinite(link.length_km)) {
    return problem(fmt::format("link '{}': length must be positive", link.id));
  }
  return link.length_km / speed_kmh * model::kSecondsPerHour;
}

}  // namespace

Network::Network(const model::Scenario& scenario)
    : scenario_(&scenario), impl_(std::make_shared<Impl>()) {
  auto impl = std::const_pointer_cast<Impl>(impl_);
  std::vector<Diagnostic> problems;
  auto problem = [&](std::string path, std::string message) {
    problems.push_back(
        Diagnostic{SourceLocation{scenario.file, 0, 0}, std::move(path), std::move(message)});
  };

  for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
    const auto v = boost::add_vertex(NodeProperties{i}, impl->graph);
    (void)v;
    if (!impl->node_ids.emplace(scenario.nodes[i].id, i).second) {
      problem(fmt::format("nodes[{}].id", i),
              fmt::format("duplicate node id '{}'", scenario.nodes[i].id));
    }
  }

  for (const auto& link : scenario.links) {
    if (link.mode == model::Mode::kRail) impl->gauges_mm.push_back(link.rail.gauge_mm);
  }
  std::sort(impl->gauges_mm.begin(), impl->gauges_mm.end());
  impl->gauges_mm.erase(std::unique(impl->gauges_mm.begin(), impl->gauges_mm.end()),
                        impl->gauges_mm.end());

  for (std::size_t i = 0; i < scenario.links.size(); ++i) {
    const model::Link& link = scenario.links[i];
    if (!impl->link_ids.emplace(link.id, i).second) {
      problem(fmt::format("links[{}].id", i), fmt::format("duplicate link id '{}'", link.id));
    }
    switch (link.mode) {
      case model::Mode::kRoad:
        impl->link_carrier.push_back(Impl::kRoad);
        break;
      case model::Mode::kSea:
        impl->link_carrier.push_back(Impl::kSea);
        break;
      case model::Mode::kPipeline:
        impl->link_carrier.push_back(Impl::kPipeline);
        break;
      case model::Mode::kRail: {
        const auto it =
            std::lower_bound(impl->gauges_mm.begin(), impl->gauges_mm.end(), link.rail.gauge_mm);
        impl->link_carrier.push_back(Impl::kFirstRail +
                                     static_cast<std::size_t>(it - impl->gauges_mm.begin()));
        break;
      }
    }
    const auto from = impl->node_ids.find(link.from);
    const auto to = impl->node_ids.find(link.to);
    if (from == impl->node_ids.end()) {
      problem(fmt::format("links[{}].from", i), fmt::format("unknown node '{}'", link.from));
    }
    if (to == impl->node_ids.end()) {
      problem(fmt::format("links[{}].to", i), fmt::format("unknown node '{}'", link.to));
    }
    if (from != impl->node_ids.end() && to != impl->node_ids.end() && from->second == to->second) {
      problem(fmt::format("links[{}]", i),
              fmt::format("link '{}' starts and ends at the same node", link.id));
    }
    const double free_flow_s = link_free_flow_s(scenario, i, problems);
    // Keep edge i == link i even when the link is broken; the constructor throws below anyway.
    const std::size_t u = from == impl->node_ids.end() ? 0 : from->second;
    const std::size_t v = to == impl->node_ids.end() ? 0 : to->second;
    impl->link_from.push_back(u);
    impl->link_to.push_back(v);
    impl->link_free_flow_s.push_back(free_flow_s);
    if (!scenario.nodes.empty()) {
      boost::add_edge(u, v, LinkProperties{i, free_flow_s}, impl->graph);
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

std::size_t Network::node_count() const { return boost::num_vertices(impl_->graph); }
std::size_t Network::link_count() const { return boost::num_edges(impl_->graph); }

std::optional<std::size_t> Network::node_index(std::string_view id) const {
  const auto it = impl_->node_ids.find(id);
  if (it == impl_->node_ids.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> Network::link_index(std::string_view id) const {
  const auto it = impl_->link_ids.find(id);
  if (it == impl_->link_ids.end()) return std::nullopt;
  return it->second;
}

std::size_t Network::hop_from(Hop hop) const {
  return hop.forward ? impl_->link_from.at(hop.link) : impl_->link_to.at(hop.link);
}

std::size_t Network::hop_to(Hop hop) const {
  return hop.forward ? impl_->link_to.at(hop.link) : impl_->link_from.at(hop.link);
}

std::vector<Hop> Network::hops_from(std::size_t node) const {
  const PhysicalGraph& g = impl_->graph;
  std::vector<Hop> hops;
  for (const auto e : boost::make_iterator_range(boost::out_edges(node, g))) {
    hops.push_back(Hop{g[e].link, true});
  }
  for (const auto e : boost::make_iterator_range(boost::in_edges(node, g))) {
    hops.push_back(Hop{g[e].link, false});
  }
  std::sort(hops.begin(), hops.end(), [](const Hop& a, const Hop& b) {
    return a.link != b.link ? a.link < b.link : a.forward > b.forward;
  });
  return hops;
}

double Network::free_flow_s(Hop hop) const { return impl_->link_free_flow_s.at(hop.link); }

double Network::free_flow_s(const std::vector<Hop>& hops) const {
  double total_s = 0;
  for (const Hop& hop : hops) total_s += free_flow_s(hop);
  return total_s;
}

std::optional<std::vector<Hop>> Network::route(const model::Flow& flow) const {
  const auto origin = node_index(flow.origin);
  const auto destination = node_index(flow.destination);
  if (!origin || !destination) return std::nullopt;
  std::vector<std::size_t> via;
  for (const auto& id : flow.via) {
    const auto v = node_index(id);
    if (!v) return std::nullopt;
    via.push_back(*v);
  }

  const std::size_t nodes = node_count();
  const std::size_t carriers = impl_->carrier_count();
  const std::size_t layers = via.size() + 1;
  const auto state = [&](std::size_t layer, std::size_t node, std::size_t carrier) {
    return (layer * nodes + node) * carriers + carrier;
  };
  // Arriving at node `node` in layer `layer` passes every next via node equal to it.
  const auto advance = [&](std::size_t layer, std::size_t node) {
    while (layer < via.size() && via[layer] == node) ++layer;
    return layer;
  };

  const std::size_t start_layer = advance(0, *origin);
  if (start_layer == via.size() && *origin == *destination) return std::vector<Hop>{};

  auto allowed = [&](model::Mode mode) {
    return flow.modes.empty() ||
           std::find(flow.modes.begin(), flow.modes.end(), mode) != flow.modes.end();
  };

  // Build the expanded graph. Out-edges of each state are added in link index order (forward
  // before backward), and Dijkstra keeps the first of equal tentative distances, so among
  // parallel links of equal time the lower index wins.
  StateGraph sg(layers * nodes * carriers);
  const PhysicalGraph& g = impl_->graph;
  for (std::size_t layer = start_layer; layer < layers; ++layer) {
    for (const auto e : boost::make_iterator_range(boost::edges(g))) {
      const std::size_t link = g[e].link;
      if (!allowed(scenario_->links[link].mode)) continue;
      const std::size_t to_carrier = impl_->link_carrier[link];
      for (const bool forward : {true, false}) {
        const std::size_t u = forward ? boost::source(e, g) : boost::target(e, g);
        const std::size_t v = forward ? boost::target(e, g) : boost::source(e, g);
        const std::size_t next_layer = advance(layer, v);
        const model::Node& at = scenario_->nodes[u];
        for (std::size_t from_carrier = 0; from_carrier < carriers; ++from_carrier) {
          // Only the origin in the starting layer is left without a carrier.
          if (from_carrier == Impl::kNone && (u != *origin || layer != start_layer)) continue;
          if (!Impl::may_change(at, from_carrier, to_carrier)) continue;
          boost::add_edge(state(layer, u, from_carrier), state(next_layer, v, to_carrier),
                          StateEdge{g[e].free_flow_s, Hop{link, forward}}, sg);
        }
      }
    }
  }

  const std::size_t n = boost::num_vertices(sg);
  std::vector<double> distance(n, std::numeric_limits<double>::max());
  std::vector<StateGraph::edge_descriptor> arrived_by(n);
  const auto index = boost::get(boost::vertex_index, sg);
  const std::size_t start = state(start_layer, *origin, Impl::kNone);
  boost::dijkstra_shortest_paths(
      sg, start,
      boost::weight_map(boost::get(&StateEdge::time_s, sg))
          .distance_map(boost::make_iterator_property_map(distance.begin(), index))
          .visitor(boost::make_dijkstra_visitor(boost::record_edge_predecessors(
              boost::make_iterator_property_map(arrived_by.begin(), index),
              boost::on_edge_relaxed()))));

  // The best arrival at the destination in the last layer; ties go to the lower carrier.
  std::optional<std::size_t> best;
  for (std::size_t c = 0; c < carriers; ++c) {
    const std::size_t s = state(layers - 1, *destination, c);
    if (s == start || distance[s] == std::numeric_limits<double>::max()) continue;
    if (!best || distance[s] < distance[*best]) best = s;
  }
  if (!best) return std::nullopt;

  std::vector<Hop> hops;
  for (std::size_t s = *best; s != start;) {
    const auto e = arrived_by[s];
    hops.push_back(sg[e].hop);
    s = boost::source(e, sg);
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

}  // namespace corridor::graph
