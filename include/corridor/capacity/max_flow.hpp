// Maximum flow and minimum cut on a directed graph of capacities: the algorithm behind the
// capacity analysis (sim/capacity), kept apart so it can be tested on its own.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace corridor::capacity {

/// A directed arc with an integer capacity (the analysis uses tonnes per year).
struct Arc {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t capacity = 0;  ///< ≥ 0
};

struct MaxFlow {
  std::int64_t value = 0;
  /// Indices of the arcs of a minimum cut (from the source's side to the sink's side), in
  /// ascending order; their capacities sum to `value`.
  std::vector<std::size_t> cut;
  /// The vertices on the source's side of that cut, in the order the search reached them
  /// (the source first).
  std::vector<std::size_t> source_side;
  /// The arcs that carry flow in the maximum flow found (one of possibly several), with that
  /// flow, in ascending order of the arc; an arc not listed carries none.
  std::vector<std::pair<std::size_t, std::int64_t>> flow;
};

/// Maximum flow from `source` to `sink` (distinct, < vertex_count) by shortest augmenting
/// paths (Dinic's algorithm), and the minimum cut nearest the source: the vertices still
/// reachable from the source once the flow is maximal, which are the same for every maximum
/// flow. Of the paths of equal length, those through earlier arcs are taken first.
[[nodiscard]] MaxFlow max_flow(std::size_t vertex_count, const std::vector<Arc>& arcs,
                               std::size_t source, std::size_t sink);

/// One graph of arcs solved for one maximum flow after another, each time with some arcs of
/// its own added (those out of a source and into a sink, say), as a large network bounded for
/// many pairs of end points is. The graph's arcs are laid out once, in contiguous arrays; a
/// solve adds its own arcs after them and resets only what it changed, and its searches stop
/// at the sink. A solve therefore costs time in proportion to the part of the graph its
/// searches reach (near the end points while paths are found; the source's side of the cut at
/// the end), not to the whole graph.
class MaxFlowGraph {
 public:
  /// Keeps a reference to `arcs`, which must outlive the graph and stay unchanged.
  MaxFlowGraph(std::size_t vertex_count, const std::vector<Arc>& arcs);
  ~MaxFlowGraph();
  MaxFlowGraph(const MaxFlowGraph&) = delete;
  MaxFlowGraph& operator=(const MaxFlowGraph&) = delete;

  /// What max_flow(vertex_count, arcs followed by `extra`, source, sink) gives, to the arc:
  /// the indices in the result count the graph's arcs first, then `extra`. `extra` is used for
  /// this solve only.
  [[nodiscard]] MaxFlow solve(const std::vector<Arc>& extra, std::size_t source, std::size_t sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::capacity
