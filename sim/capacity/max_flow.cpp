// Maximum flow by shortest augmenting paths (Dinic's algorithm) on a graph laid out once, with
// searches that stop at the sink and state that is reset only where a solve touched it; the
// minimum cut is read from the residual graph (vertices still reachable from the source).
// docs/decisions/0002-local-maximum-flow.md says why this is not one of Boost.Graph's.
#include "corridor/capacity/max_flow.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace corridor::capacity {

namespace {

// Vertices and edge positions are counted in 32 bits, which halves what a search reads per edge.
using Index = std::uint32_t;
constexpr Index kEnd = std::numeric_limits<Index>::max();   ///< no further edge
constexpr Index kDead = std::numeric_limits<Index>::max();  ///< a level no path goes through

}  // namespace

// Arc i gives two edges: itself (code 2i) and its reverse (code 2i + 1), each at a position
// in the arrays below. The graph's own arcs are laid out once, each vertex's out-edges
// together (positions first[v] to first[v + 1]) in the order of the arcs; a solve's extra arcs
// go after them, each vertex's together again. So a vertex's edges are visited in the order of
// the arcs they come from, whatever the solve, and the flow found depends on the graph and the
// solve's arcs alone.
struct MaxFlowGraph::Impl {
  std::size_t vertex_count = 0;
  const std::vector<Arc>* arcs = nullptr;  ///< the graph's own arcs (not a copy)
  std::size_t own_positions = 0;           ///< 2 × the own arcs

  // By position; the own part is fixed, the rest belongs to the solve under way.
  std::vector<Index> head;             ///< the vertex the edge leads to
  std::vector<Index> twin;             ///< the position of its reverse
  std::vector<Index> code;             ///< 2 × arc + (1 if it is the reverse)
  std::vector<std::int64_t> capacity;  ///< the arc's capacity, 0 for a reverse
  std::vector<std::int64_t> residual;  ///< equal to `capacity` between solves

  // By vertex.
  std::vector<Index> first;        ///< where its own out-edges start (vertex_count + 1 entries)
  std::vector<Index> extra_mark;   ///< == solve while it has extra edges in this solve
  std::vector<Index> extra_first;  ///< its extra edges: [extra_first, extra_last)
  std::vector<Index> extra_last;
  std::vector<Index> seen;     ///< == phase when reached by the current search
  std::vector<Index> level;    ///< distance from the source in the current search
  std::vector<Index> current;  ///< the next edge to try in the current blocking flow

  std::vector<Index> queue;    ///< the current search's vertices, in the order reached
  std::vector<Index> path;     ///< positions from the source to the vertex being extended
  std::vector<Index> full;     ///< the current search's full arcs out of the vertices reached
  std::vector<Index> touched;  ///< positions whose residual this solve changed
  std::vector<Index> extra_vertices;  ///< the vertices with extra edges in this solve
  Index solve_stamp = 0;
  Index phase = 0;

  [[nodiscard]] bool has_extra(Index v) const { return extra_mark[v] == solve_stamp; }

  /// The first out-edge of `v`, or kEnd.
  [[nodiscard]] Index begin(Index v) const {
    if (first[v] != first[v + 1]) return first[v];
    return has_extra(v) ? extra_first[v] : kEnd;
  }

  /// The out-edge of `v` after the one at `p`, or kEnd.
  [[nodiscard]] Index next(Index v, Index p) const {
    if (p < own_positions) {
      if (++p != first[v + 1]) return p;
      return has_extra(v) ? extra_first[v] : kEnd;
    }
    return ++p != extra_last[v] ? p : kEnd;
  }

  /// Calls visit(position) for every out-edge of `v`, in order.
  template <class Visit>
  void for_each_edge(Index v, Visit&& visit) const {
    for (Index p = first[v]; p != first[v + 1]; ++p) visit(p);
    if (has_extra(v)) {
      for (Index p = extra_first[v]; p != extra_last[v]; ++p) visit(p);
    }
  }

  /// Room for `positions` edges in the arrays by position.
  void resize(std::size_t positions) {
    head.resize(positions);
    twin.resize(positions);
    code.resize(positions);
    capacity.resize(positions);
    residual.resize(positions);
  }

  /// Lays arc `i` out: itself at position `there`, its reverse at `back`.
  void place(std::size_t i, const Arc& a, Index there, Index back) {
    head[there] = static_cast<Index>(a.to);
    head[back] = static_cast<Index>(a.from);
    twin[there] = back;
    twin[back] = there;
    code[there] = static_cast<Index>(2 * i);
    code[back] = static_cast<Index>(2 * i + 1);
    capacity[there] = residual[there] = a.capacity;
    capacity[back] = residual[back] = 0;
  }

  /// A new stamp for `seen`, clearing it when the counter wraps.
  void next_phase() {
    if (++phase == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      phase = 1;
    }
  }

  /// Breadth-first search from `source` over edges with residual capacity, recording levels;
  /// it stops as soon as it reaches `sink` (returning true) and otherwise reaches everything
  /// it can, which is then the source's side of the minimum cut.
  bool search(Index source, Index sink) {
    next_phase();
    queue.clear();
    full.clear();
    seen[source] = phase;
    level[source] = 0;
    queue.push_back(source);
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const Index v = queue[i];
      const Index depth = level[v] + 1;
      bool reached = false;
      for_each_edge(v, [&](Index p) {
        const Index w = head[p];
        if (reached) return;
        if (residual[p] <= 0) {
          // A full arc out of a vertex reached: across the minimum cut if the search ends
          // without reaching the sink and its head stays out of reach.
          if (code[p] % 2 == 0 && capacity[p] > 0) full.push_back(p);
          return;
        }
        if (seen[w] == phase) return;
        seen[w] = phase;
        level[w] = depth;
        if (w == sink) {
          reached = true;
        } else {
          queue.push_back(w);
        }
      });
      if (reached) return true;
    }
    return false;
  }

  void push(Index p, std::int64_t amount) {
    residual[p] -= amount;
    residual[twin[p]] += amount;
    touched.push_back(p);
    touched.push_back(twin[p]);
  }

  /// Saturates every shortest path of the last search (a blocking flow); returns its value.
  std::int64_t blocking_flow(Index source, Index sink) {
    for (const Index v : queue) current[v] = begin(v);
    std::int64_t total = 0;
    path.clear();
    Index v = source;
    while (true) {
      if (v == sink) {
        std::int64_t amount = std::numeric_limits<std::int64_t>::max();
        for (const Index p : path) amount = std::min(amount, residual[p]);
        for (const Index p : path) push(p, amount);
        total += amount;
        // Back to the tail of the first edge the path saturated.
        std::size_t keep = 0;
        while (residual[path[keep]] > 0) ++keep;
        path.resize(keep);
        v = keep == 0 ? source : head[path.back()];
        continue;
      }
      Index p = current[v];
      const Index depth = level[v] + 1;
      while (p != kEnd) {
        const Index w = head[p];
        if (residual[p] > 0 && seen[w] == phase && level[w] == depth) break;
        p = next(v, p);
      }
      current[v] = p;
      if (p != kEnd) {
        path.push_back(p);
        v = head[p];
        continue;
      }
      // Nothing more through v in this phase.
      level[v] = kDead;
      if (v == source) return total;
      path.pop_back();
      v = path.empty() ? source : head[path.back()];
      current[v] = next(v, current[v]);
    }
  }
};

MaxFlowGraph::MaxFlowGraph(std::size_t vertex_count, const std::vector<Arc>& arcs)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.vertex_count = vertex_count;
  m.arcs = &arcs;
  if (vertex_count >= kEnd || arcs.size() >= kEnd / 4) {
    throw std::length_error("max_flow: more than 2^32 vertices or 2^30 arcs");
  }
  const std::size_t n = vertex_count;
  m.own_positions = 2 * arcs.size();
  m.first.assign(n + 1, 0);
  for (const Arc& a : arcs) {
    if (a.from >= n || a.to >= n)
      throw std::invalid_argument("max_flow: an arc's end is no vertex");
    ++m.first[a.from + 1];
    ++m.first[a.to + 1];
  }
  for (std::size_t v = 0; v < n; ++v) m.first[v + 1] += m.first[v];
  std::vector<Index> fill(m.first.begin(), m.first.end() - 1);
  m.resize(m.own_positions);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    m.place(i, arcs[i], fill[arcs[i].from]++, fill[arcs[i].to]++);
  }
  m.extra_mark.assign(n, 0);
  m.extra_first.assign(n, 0);
  m.extra_last.assign(n, 0);
  m.seen.assign(n, 0);
  m.level.assign(n, 0);
  m.current.assign(n, kEnd);
}

MaxFlowGraph::~MaxFlowGraph() = default;

MaxFlow MaxFlowGraph::solve(const std::vector<Arc>& extra, std::size_t source, std::size_t sink) {
  Impl& m = *impl_;
  const std::size_t n = m.vertex_count;
  if (source >= n || sink >= n || source == sink) {
    throw std::invalid_argument("max_flow: source and sink must be distinct vertices");
  }
  const std::size_t own = m.arcs->size();
  if (own + extra.size() >= kEnd / 4) {
    throw std::length_error("max_flow: more than 2^30 arcs");
  }

  // This solve's arcs: each vertex's extra edges together, after all the own ones.
  if (++m.solve_stamp == 0) {
    std::fill(m.extra_mark.begin(), m.extra_mark.end(), 0);
    m.solve_stamp = 1;
  }
  m.extra_vertices.clear();
  for (const Arc& a : extra) {
    if (a.from >= n || a.to >= n)
      throw std::invalid_argument("max_flow: an arc's end is no vertex");
    for (const std::size_t v : {a.from, a.to}) {
      if (!m.has_extra(static_cast<Index>(v))) {
        m.extra_mark[v] = m.solve_stamp;
        m.extra_last[v] = 0;  // a count until the ranges are placed
        m.extra_vertices.push_back(static_cast<Index>(v));
      }
      ++m.extra_last[v];
    }
  }
  auto at = static_cast<Index>(m.own_positions);
  for (const Index v : m.extra_vertices) {
    const Index count = m.extra_last[v];
    m.extra_first[v] = at;
    m.extra_last[v] = at;  // moves to the range's end as the edges are placed
    at += count;
  }
  const std::size_t positions = m.own_positions + 2 * extra.size();
  m.resize(positions);
  for (std::size_t k = 0; k < extra.size(); ++k) {
    const Arc& a = extra[k];
    m.place(own + k, a, m.extra_last[a.from]++, m.extra_last[a.to]++);
  }

  const auto s = static_cast<Index>(source);
  const auto t = static_cast<Index>(sink);
  MaxFlow result;
  m.touched.clear();
  while (m.search(s, t)) result.value += m.blocking_flow(s, t);

  // The last search reached all it could: the source's side of the minimum cut.
  result.source_side.assign(m.queue.begin(), m.queue.end());
  for (const Index p : m.full) {
    if (m.seen[m.head[p]] != m.phase) result.cut.push_back(m.code[p] / 2);
  }
  std::sort(result.cut.begin(), result.cut.end());
  for (const Index p : m.touched) {
    if (m.code[p] % 2 == 0 && m.residual[p] < m.capacity[p]) {
      result.flow.emplace_back(m.code[p] / 2, m.capacity[p] - m.residual[p]);
      m.residual[p] = m.capacity[p];  // listed once, and ready for the next solve
    }
  }
  for (const Index p : m.touched) m.residual[p] = m.capacity[p];
  std::sort(result.flow.begin(), result.flow.end());
  return result;
}

MaxFlow max_flow(std::size_t vertex_count, const std::vector<Arc>& arcs, std::size_t source,
                 std::size_t sink) {
  return MaxFlowGraph(vertex_count, arcs).solve({}, source, sink);
}

}  // namespace corridor::capacity
