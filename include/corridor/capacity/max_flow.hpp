// Maximum flow and minimum cut on a directed graph of capacities: the algorithm behind the
// capacity analysis (sim/capacity), kept apart so it can be tested on its own.
#pragma once

#include <cstdint>
#include <memory>
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
  /// Per vertex: whether it is on the source's side of that cut.
  std::vector<bool> source_side;
  /// Per arc: the flow on it in the maximum flow found (one of possibly several).
  std::vector<std::int64_t> flow;
};

/// Maximum flow from `source` to `sink` (distinct, < vertex_count) with Boost.Graph's
/// Boykov–Kolmogorov algorithm, and the minimum cut nearest the source.
[[nodiscard]] MaxFlow max_flow(std::size_t vertex_count, const std::vector<Arc>& arcs,
                               std::size_t source, std::size_t sink);

/// One graph of arcs solved for one maximum flow after another, each time with some arcs of
/// its own added (those out of a source and into a sink, say), as a large network bounded for
/// many pairs of end points is. Each solve lays the arcs out in contiguous arrays (a compressed
/// sparse row graph) whose memory is kept for the next solve.
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
