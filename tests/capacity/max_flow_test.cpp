// Tests of capacity::max_flow against an independent Edmonds–Karp and Boost.Graph's
// Boykov–Kolmogorov on random graphs, of the minimum cut it reports and of the flow it finds.
#include "corridor/capacity/max_flow.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/range/iterator_range.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <random>
#include <utility>
#include <vector>

using corridor::capacity::Arc;

namespace {

/// Edmonds–Karp on a dense residual matrix (parallel arcs add up).
std::int64_t edmonds_karp(std::size_t n, const std::vector<Arc>& arcs, std::size_t s,
                          std::size_t t) {
  std::vector<std::vector<std::int64_t>> residual(n, std::vector<std::int64_t>(n, 0));
  for (const Arc& a : arcs) residual[a.from][a.to] += a.capacity;
  std::int64_t total = 0;
  while (true) {
    std::vector<std::size_t> parent(n, n);
    parent[s] = s;
    std::deque<std::size_t> queue{s};
    while (!queue.empty() && parent[t] == n) {
      const std::size_t u = queue.front();
      queue.pop_front();
      for (std::size_t v = 0; v < n; ++v) {
        if (parent[v] == n && residual[u][v] > 0) {
          parent[v] = u;
          queue.push_back(v);
        }
      }
    }
    if (parent[t] == n) return total;
    std::int64_t push = INT64_MAX;
    for (std::size_t v = t; v != s; v = parent[v]) push = std::min(push, residual[parent[v]][v]);
    for (std::size_t v = t; v != s; v = parent[v]) {
      residual[parent[v]][v] -= push;
      residual[v][parent[v]] += push;
    }
    total += push;
  }
}

/// Whether t is reachable from s over arcs not in `removed`.
bool reachable(std::size_t n, const std::vector<Arc>& arcs, const std::vector<bool>& removed,
               std::size_t s, std::size_t t) {
  std::vector<bool> seen(n, false);
  std::deque<std::size_t> queue{s};
  seen[s] = true;
  while (!queue.empty()) {
    const std::size_t u = queue.front();
    queue.pop_front();
    for (std::size_t i = 0; i < arcs.size(); ++i) {
      if (!removed[i] && arcs[i].capacity > 0 && arcs[i].from == u && !seen[arcs[i].to]) {
        seen[arcs[i].to] = true;
        queue.push_back(arcs[i].to);
      }
    }
  }
  return seen[t];
}

bool on_source_side(const corridor::capacity::MaxFlow& result, std::size_t v) {
  return std::find(result.source_side.begin(), result.source_side.end(), v) !=
         result.source_side.end();
}

std::vector<std::size_t> sorted(std::vector<std::size_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

/// Boost.Graph's Boykov–Kolmogorov maximum flow: its value, and the vertices reachable from the
/// source in its residual graph once the flow is maximal.
std::pair<std::int64_t, std::vector<std::size_t>> boost_max_flow(std::size_t n,
                                                                 const std::vector<Arc>& arcs,
                                                                 std::size_t s, std::size_t t) {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS,
      boost::property<boost::vertex_index_t, long,
                      boost::property<boost::vertex_color_t, boost::default_color_type,
                                      boost::property<boost::vertex_distance_t, long,
                                                      boost::property<boost::vertex_predecessor_t,
                                                                      Traits::edge_descriptor>>>>,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
  Graph g(n);
  auto capacity = boost::get(boost::edge_capacity, g);
  auto reverse = boost::get(boost::edge_reverse, g);
  auto residual = boost::get(boost::edge_residual_capacity, g);
  for (const Arc& a : arcs) {
    const auto there = boost::add_edge(a.from, a.to, g).first;
    const auto back = boost::add_edge(a.to, a.from, g).first;
    capacity[there] = a.capacity;
    capacity[back] = 0;
    reverse[there] = back;
    reverse[back] = there;
  }
  const std::int64_t value = boost::boykov_kolmogorov_max_flow(g, s, t);
  std::vector<bool> seen(n, false);
  std::deque<std::size_t> queue{s};
  seen[s] = true;
  while (!queue.empty()) {
    const std::size_t v = queue.front();
    queue.pop_front();
    for (const auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const std::size_t w = boost::target(e, g);
      if (residual[e] > 0 && !seen[w]) {
        seen[w] = true;
        queue.push_back(w);
      }
    }
  }
  std::vector<std::size_t> side;
  for (std::size_t v = 0; v < n; ++v) {
    if (seen[v]) side.push_back(v);
  }
  return {value, side};
}

}  // namespace

TEST_CASE("maximum flow equals an independent Edmonds–Karp on random graphs", "[capacity]") {
  std::mt19937_64 rng(20240601);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 2 + rng() % 12;
    const std::size_t m = rng() % (3 * n + 1);
    std::vector<Arc> arcs;
    for (std::size_t i = 0; i < m; ++i) {
      const std::size_t from = rng() % n;
      std::size_t to = rng() % n;
      if (to == from) to = (to + 1) % n;
      arcs.push_back({from, to, static_cast<std::int64_t>(rng() % 50)});
    }
    const std::size_t s = rng() % n;
    const std::size_t t = (s + 1 + rng() % (n - 1)) % n;
    INFO("trial " << trial);

    const auto result = corridor::capacity::max_flow(n, arcs, s, t);
    CHECK(result.value == edmonds_karp(n, arcs, s, t));

    // The cut's capacities sum to the flow and removing it separates s from t.
    std::int64_t cut_capacity = 0;
    std::vector<bool> removed(arcs.size(), false);
    for (const std::size_t a : result.cut) {
      cut_capacity += arcs[a].capacity;
      removed[a] = true;
      CHECK(on_source_side(result, arcs[a].from));
      CHECK_FALSE(on_source_side(result, arcs[a].to));
    }
    CHECK(cut_capacity == result.value);
    CHECK_FALSE(reachable(n, arcs, removed, s, t));
  }
}

TEST_CASE("the minimum cut of a chain is its narrowest arc", "[capacity]") {
  const std::vector<Arc> arcs = {{0, 1, 30}, {1, 2, 7}, {2, 3, 12}};
  const auto result = corridor::capacity::max_flow(4, arcs, 0, 3);
  CHECK(result.value == 7);
  CHECK(result.cut == std::vector<std::size_t>{1});
}

TEST_CASE("of several minimum cuts, the one nearest the source is reported", "[capacity]") {
  // Two arcs of 7 in a row, and a diamond whose two sides of 4 and 3 also sum to 7: every
  // maximum flow saturates all of them, and the cut reported is the first arc of 7.
  const std::vector<Arc> arcs = {{0, 1, 30}, {1, 2, 7}, {2, 3, 7}, {3, 4, 4},
                                 {3, 5, 3},  {4, 6, 4}, {5, 6, 3}};
  const auto result = corridor::capacity::max_flow(7, arcs, 0, 6);
  CHECK(result.value == 7);
  CHECK(result.cut == std::vector<std::size_t>{1});
  CHECK(result.source_side == std::vector<std::size_t>{0, 1});
}

TEST_CASE("parallel paths add up and an unreachable sink gets zero", "[capacity]") {
  const std::vector<Arc> arcs = {{0, 1, 5}, {1, 3, 9}, {0, 2, 8}, {2, 3, 4}};
  CHECK(corridor::capacity::max_flow(5, arcs, 0, 3).value == 9);
  const auto none = corridor::capacity::max_flow(5, arcs, 0, 4);
  CHECK(none.value == 0);
  CHECK(none.cut.empty());
}

TEST_CASE("a graph built once and solved again and again gives what a fresh graph gives",
          "[capacity]") {
  // Vertices 0 and 1 are the source and the sink; each solve joins them to other vertices by
  // arcs of its own, as the capacity analysis does for a flow's end points. The flow found must
  // be the same arc for arc, not only in value: the reports list the arcs a flow runs through.
  std::mt19937_64 rng(20261124);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 4 + rng() % 20;
    std::vector<Arc> own;
    for (std::size_t i = 0; i < 3 * n; ++i) {
      const std::size_t from = 2 + rng() % (n - 2);
      std::size_t to = 2 + rng() % (n - 2);
      if (to == from) to = 2 + (to - 1) % (n - 2);
      own.push_back({from, to, static_cast<std::int64_t>(rng() % 50)});
    }
    corridor::capacity::MaxFlowGraph graph(n, own);
    for (int round = 0; round < 8; ++round) {
      std::vector<Arc> extra;
      const std::size_t ends = 1 + rng() % 3;
      for (std::size_t k = 0; k < ends; ++k) {
        extra.push_back({0, 2 + rng() % (n - 2), static_cast<std::int64_t>(1 + rng() % 100)});
        extra.push_back({2 + rng() % (n - 2), 1, static_cast<std::int64_t>(1 + rng() % 100)});
      }
      INFO("trial " << trial << ", round " << round);
      std::vector<Arc> all = own;
      all.insert(all.end(), extra.begin(), extra.end());
      const auto fresh = corridor::capacity::max_flow(n, all, 0, 1);
      const auto again = graph.solve(extra, 0, 1);
      CHECK(again.value == fresh.value);
      CHECK(again.value == edmonds_karp(n, all, 0, 1));
      CHECK(again.cut == fresh.cut);
      CHECK(again.source_side == fresh.source_side);
      CHECK(again.flow == fresh.flow);
    }
    // The arcs of the last solve are gone again: nothing joins the source to the sink now.
    CHECK(graph.solve({}, 0, 1).value == 0);
  }
}

TEST_CASE("the value and the cut are Boost.Graph's, and the flow is a flow, on random networks",
          "[capacity]") {
  // Sparse graphs shaped like the capacity graphs: vertices on a ring of near neighbours with
  // a few long arcs, capacities in tonnes per year, some arcs of "infinite" capacity.
  std::mt19937_64 rng(20261125);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 3 + rng() % 300;
    std::vector<Arc> arcs;
    for (std::size_t v = 0; v < n; ++v) {
      for (int k = 0; k < 3; ++k) {
        const std::size_t to = rng() % 8 == 0 ? rng() % n : (v + 1 + rng() % 4) % n;
        if (to == v) continue;
        const std::int64_t capacity = rng() % 10 == 0
                                          ? std::int64_t{1'000'000'000'000'000}
                                          : static_cast<std::int64_t>(rng() % 20'000'000);
        arcs.push_back({rng() % 2 == 0 ? v : to, rng() % 2 == 0 ? to : v, capacity});
        if (arcs.back().from == arcs.back().to) arcs.pop_back();
      }
    }
    const std::size_t s = rng() % n;
    const std::size_t t = (s + 1 + rng() % (n - 1)) % n;
    INFO("trial " << trial << ": " << n << " vertices, " << arcs.size() << " arcs");

    const auto result = corridor::capacity::max_flow(n, arcs, s, t);
    const auto [value, side] = boost_max_flow(n, arcs, s, t);
    CHECK(result.value == value);
    CHECK(sorted(result.source_side) == side);

    // Within capacity, conserved at every vertex but the two ends, `value` out of the source.
    std::vector<std::int64_t> net(n, 0);
    std::size_t previous = arcs.size();
    for (const auto& [a, carried] : result.flow) {
      CHECK(a != previous);  // each arc once, in order
      previous = a;
      CHECK(carried > 0);
      CHECK(carried <= arcs[a].capacity);
      net[arcs[a].from] -= carried;
      net[arcs[a].to] += carried;
    }
    for (std::size_t v = 0; v < n; ++v) {
      if (v != s && v != t) CHECK(net[v] == 0);
    }
    CHECK(-net[s] == result.value);
    CHECK(net[t] == result.value);
  }
}

TEST_CASE("the flow takes the shortest paths, not a detour of the same capacity", "[capacity]") {
  // 0 -> 1 (5) limits the flow; from 1 it can go by 2 and 3 to the sink 4 (the arcs given
  // first, so a search that follows the arcs' order meets them first) or straight there. Only
  // the direct arc is on a shortest path, so the flow lists arcs 0 and 4 alone.
  const std::vector<Arc> arcs = {{0, 1, 5}, {1, 2, 100}, {2, 3, 100}, {3, 4, 100}, {1, 4, 100}};
  const auto result = corridor::capacity::max_flow(5, arcs, 0, 4);
  CHECK(result.value == 5);
  CHECK(result.cut == std::vector<std::size_t>{0});
  using Carried = std::pair<std::size_t, std::int64_t>;
  CHECK(result.flow == std::vector<Carried>{{0, 5}, {4, 5}});

  // With the direct arc too narrow, the rest takes the detour.
  std::vector<Arc> narrow = arcs;
  narrow[4].capacity = 2;
  const auto detour = corridor::capacity::max_flow(5, narrow, 0, 4);
  CHECK(detour.value == 5);
  CHECK(detour.flow == std::vector<Carried>{{0, 5}, {1, 3}, {2, 3}, {3, 3}, {4, 2}});
}
