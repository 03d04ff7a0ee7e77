// Builds the Boost.Graph representation of a scenario's network and routes flows on it.
// Routing runs Dijkstra on an expanded graph whose vertices are (node, arrival carrier, number
// of `via` nodes passed), so mode and gauge changes are only taken where the node allows them.
#include "corridor/graph/network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/visitors.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <string>

#include "corridor/error.hpp"

namespace corridor::graph {

// The graph types are members of Network::Impl, which has external linkage: they live in a
// named namespace of this file rather than an anonymous one (g++ warns about the latter when
// this file is compiled as part of a larger unit).
namespace network_detail {

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

}  // namespace network_detail

using network_detail::LinkProperties;
using network_detail::NodeProperties;
using network_detail::PhysicalGraph;
using network_detail::StateEdge;
using network_detail::StateGraph;

namespace {

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

  /// The expanded graph of the last route() call and the search buffers, reused by the next
  /// call when it allows the same modes and has the same `via` nodes (all flows of most
  /// scenarios), so that a search neither rebuilds the graph nor sets up arrays of its size.
  struct RouteCache {
    std::mutex mutex;
    bool built = false;
    unsigned modes = 0;            ///< bit per model::Mode allowed
    std::vector<std::size_t> via;  ///< node indices
    StateGraph graph;
    std::vector<double> distance;  ///< max() except for vertices reached by a search
    std::vector<boost::default_color_type> color;  ///< white except during a search
    std::vector<StateGraph::edge_descriptor> arrived_by;
    /// The search heap's positions. boost::dijkstra_shortest_paths_no_init allocates and fills
    /// an array of the graph's size for them on every call, which made routing F flows cost
    /// F times the network size; a search only reads the entries of vertices it has queued.
    std::vector<std::size_t> index_in_heap;
    std::vector<std::size_t> reached;  ///< vertices whose distance and colour a search set
  };
  mutable RouteCache cache;

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

namespace {

/// Thrown by RouteVisitor to end a search once it has settled a state of the destination.
struct DestinationSettled {};

/// Records the edge each state was last reached by, notes every state a search reaches (so that
/// the reused buffers can be reset) and ends the search when it settles a destination state.
/// Settling takes states in order of distance, so by then every state nearer than the
/// destination, and every destination state as near, has its final distance and edge: the
/// search up to here is the full search's, and the route the same.
class RouteVisitor : public boost::default_dijkstra_visitor {
 public:
  RouteVisitor(std::vector<StateGraph::edge_descriptor>& arrived_by,
               std::vector<std::size_t>& reached, std::size_t start, std::size_t goal_first,
               std::size_t goal_end)
      : arrived_by_(&arrived_by),
        reached_(&reached),
        start_(start),
        goal_first_(goal_first),
        goal_end_(goal_end) {}

  void discover_vertex(std::size_t v, const StateGraph&) const { reached_->push_back(v); }
  void examine_vertex(std::size_t v, const StateGraph&) const {
    if (v >= goal_first_ && v < goal_end_ && v != start_) throw DestinationSettled{};
  }
  void edge_relaxed(const StateGraph::edge_descriptor& e, const StateGraph& g) const {
    (*arrived_by_)[boost::target(e, g)] = e;
  }

 private:
  std::vector<StateGraph::edge_descriptor>* arrived_by_;
  std::vector<std::size_t>* reached_;
  std::size_t start_;
  std::size_t goal_first_;
  std::size_t goal_end_;
};

}  // namespace

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

  unsigned modes = 0;
  if (flow.modes.empty()) {
    modes = ~0u;
  } else {
    for (const model::Mode mode : flow.modes) modes |= 1u << static_cast<unsigned>(mode);
  }
  auto allowed = [modes](model::Mode mode) {
    return ((modes >> static_cast<unsigned>(mode)) & 1u) != 0;
  };

  Impl::RouteCache& cache = impl_->cache;
  const std::lock_guard<std::mutex> lock(cache.mutex);
  if (!cache.built || cache.modes != modes || cache.via != via) {
    // Build the expanded graph. Out-edges of each state are added in link index order
    // (forward before backward), and Dijkstra keeps the first of equal tentative distances, so
    // among parallel links of equal time the lower index wins. Every node may leave without a
    // carrier, in every layer, so that any origin can use the graph; a search reaches only
    // its own origin's such state (no edge leads into one), so the graph it explores is the
    // same as if only the origin could.
    cache.built = false;
    const std::size_t n = layers * nodes * carriers;
    cache.graph = StateGraph(n);
    StateGraph& sg = cache.graph;
    const PhysicalGraph& g = impl_->graph;
    for (std::size_t layer = 0; layer < layers; ++layer) {
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
            if (!Impl::may_change(at, from_carrier, to_carrier)) continue;
            boost::add_edge(state(layer, u, from_carrier), state(next_layer, v, to_carrier),
                            StateEdge{g[e].free_flow_s, Hop{link, forward}}, sg);
          }
        }
      }
    }
    cache.distance.assign(n, std::numeric_limits<double>::max());
    cache.color.assign(n, boost::white_color);
    cache.arrived_by.assign(n, StateGraph::edge_descriptor{});
    cache.index_in_heap.assign(n, 0);
    cache.modes = modes;
    cache.via = via;
    cache.built = true;
  }

  const StateGraph& sg = cache.graph;
  const std::size_t start = state(start_layer, *origin, Impl::kNone);
  const std::size_t goal = state(layers - 1, *destination, 0);
  // Whatever happens, leave the buffers as a new search expects them.
  struct Reset {
    Impl::RouteCache& cache;
    std::size_t start;
    ~Reset() {
      for (const std::size_t v : cache.reached) {
        cache.distance[v] = std::numeric_limits<double>::max();
        cache.color[v] = boost::white_color;
      }
      cache.distance[start] = std::numeric_limits<double>::max();
      cache.color[start] = boost::white_color;
      cache.reached.clear();
    }
  } reset{cache, start};
  cache.reached.clear();

  // What boost::dijkstra_shortest_paths does after setting every distance to max() and every
  // colour to white, which the buffers already hold: the steps of
  // boost::dijkstra_shortest_paths_no_init (the same 4-ary heap and visitor, so the same order
  // of settling and the same routes), with the heap's position array kept in the cache.
  const auto index = boost::get(boost::vertex_index, sg);
  const auto distance = boost::make_iterator_property_map(cache.distance.begin(), index);
  const auto index_in_heap = boost::make_iterator_property_map(cache.index_in_heap.begin(), index);
  using Queue = boost::d_ary_heap_indirect<std::size_t, 4, decltype(index_in_heap),
                                           decltype(distance), std::less<double>>;
  Queue queue(distance, index_in_heap, std::less<double>());
  const auto weight = boost::get(&StateEdge::time_s, sg);
  boost::detail::dijkstra_bfs_visitor<RouteVisitor, Queue, decltype(weight),
                                      boost::dummy_property_map, decltype(distance),
                                      std::plus<double>, std::less<double>>
      visitor(RouteVisitor(cache.arrived_by, cache.reached, start, goal, goal + carriers), queue,
              weight, boost::dummy_property_map(), distance, std::plus<double>(),
              std::less<double>(), 0.0);
  cache.distance[start] = 0;
  try {
    boost::breadth_first_visit(sg, &start, &start + 1, queue, visitor,
                               boost::make_iterator_property_map(cache.color.begin(), index));
  } catch (const DestinationSettled&) {
  }

  // The best arrival at the destination in the last layer; ties go to the lower carrier.
  std::optional<std::size_t> best;
  for (std::size_t c = 0; c < carriers; ++c) {
    const std::size_t s = goal + c;
    if (s == start || cache.distance[s] == std::numeric_limits<double>::max()) continue;
    if (!best || cache.distance[s] < cache.distance[*best]) best = s;
  }
  if (!best) return std::nullopt;

  std::vector<Hop> hops;
  for (std::size_t s = *best; s != start;) {
    const auto e = cache.arrived_by[s];
    hops.push_back(sg[e].hop);
    s = boost::source(e, sg);
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

}  // namespace corridor::graph
