// Maximum flow with Boost.Graph's boykov_kolmogorov_max_flow; the minimum cut is read from the
// residual graph (vertices still reachable from the source). On the capacity graphs of large
// networks (sparse, nearly planar) it took less than half the time of push_relabel_max_flow
// (docs/performance.md), with the same flow value and, by construction, the same cut.
#include "corridor/capacity/max_flow.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <deque>
#include <stdexcept>

namespace corridor::capacity {

namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;

struct FlowArc {
  std::int64_t capacity = 0;
  std::int64_t residual = 0;
  Traits::edge_descriptor reverse;
  bool extra = false;  ///< added for one solve only
};

struct FlowVertex {
  boost::default_color_type color = boost::white_color;
  std::int64_t distance = 0;
  Traits::edge_descriptor predecessor;
};

using FlowGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, FlowVertex, FlowArc>;

}  // namespace

struct MaxFlowGraph::Impl {
  FlowGraph g;
  std::vector<Arc> arcs;                            ///< the graph's own arcs
  std::vector<FlowGraph::edge_descriptor> forward;  ///< per own arc, its edge

  /// Adds `arc` and its reverse, returns the forward edge. Each vertex's out-edges keep the
  /// order arcs were added in, which is what the search visits them in.
  FlowGraph::edge_descriptor add(const Arc& arc, bool extra) {
    const auto e = boost::add_edge(arc.from, arc.to, FlowArc{arc.capacity, 0, {}, extra}, g).first;
    const auto r = boost::add_edge(arc.to, arc.from, FlowArc{0, 0, {}, extra}, g).first;
    g[e].reverse = r;
    g[r].reverse = e;
    return e;
  }
};

MaxFlowGraph::MaxFlowGraph(std::size_t vertex_count, const std::vector<Arc>& arcs)
    : impl_(std::make_unique<Impl>()) {
  impl_->g = FlowGraph(vertex_count);
  impl_->arcs = arcs;
  impl_->forward.reserve(arcs.size());
  for (const Arc& arc : arcs) impl_->forward.push_back(impl_->add(arc, false));
}

MaxFlowGraph::~MaxFlowGraph() = default;

MaxFlow MaxFlowGraph::solve(const std::vector<Arc>& extra, std::size_t source, std::size_t sink) {
  FlowGraph& g = impl_->g;
  const std::size_t vertex_count = boost::num_vertices(g);
  if (source >= vertex_count || sink >= vertex_count || source == sink) {
    throw std::invalid_argument("max_flow: source and sink must be distinct vertices");
  }
  const std::size_t own = impl_->arcs.size();
  std::vector<FlowGraph::edge_descriptor> extra_forward;
  extra_forward.reserve(extra.size());
  for (const Arc& arc : extra) extra_forward.push_back(impl_->add(arc, true));

  MaxFlow result;
  result.value = boost::boykov_kolmogorov_max_flow(
      g, boost::get(&FlowArc::capacity, g), boost::get(&FlowArc::residual, g),
      boost::get(&FlowArc::reverse, g), boost::get(&FlowVertex::predecessor, g),
      boost::get(&FlowVertex::color, g), boost::get(&FlowVertex::distance, g),
      boost::get(boost::vertex_index, g), source, sink);

  // Source side: reachable from the source over arcs with residual capacity left.
  result.source_side.assign(vertex_count, false);
  std::deque<std::size_t> queue{source};
  result.source_side[source] = true;
  while (!queue.empty()) {
    const std::size_t v = queue.front();
    queue.pop_front();
    for (const auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const std::size_t w = boost::target(e, g);
      if (g[e].residual > 0 && !result.source_side[w]) {
        result.source_side[w] = true;
        queue.push_back(w);
      }
    }
  }
  result.flow.reserve(own + extra.size());
  for (std::size_t i = 0; i < own + extra.size(); ++i) {
    const Arc& arc = i < own ? impl_->arcs[i] : extra[i - own];
    const auto edge = i < own ? impl_->forward[i] : extra_forward[i - own];
    result.flow.push_back(arc.capacity - g[edge].residual);
    if (arc.capacity > 0 && result.source_side[arc.from] && !result.source_side[arc.to]) {
      result.cut.push_back(i);
    }
  }

  // Back to the graph as built: take the extra arcs out of their end points' out-edges.
  std::vector<std::size_t> ends;
  ends.reserve(2 * extra.size());
  for (const Arc& arc : extra) {
    ends.push_back(arc.from);
    ends.push_back(arc.to);
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  for (const std::size_t v : ends) {
    boost::remove_out_edge_if(
        v, [&g](const FlowGraph::edge_descriptor& e) { return g[e].extra; }, g);
  }
  return result;
}

MaxFlow max_flow(std::size_t vertex_count, const std::vector<Arc>& arcs, std::size_t source,
                 std::size_t sink) {
  return MaxFlowGraph(vertex_count, arcs).solve({}, source, sink);
}

}  // namespace corridor::capacity
