// Tests of capacity::max_flow against an independent Edmonds–Karp on random graphs, and of the
// minimum cut it reports.
#include "corridor/capacity/max_flow.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <random>
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
      CHECK(result.source_side[arcs[a].from]);
      CHECK_FALSE(result.source_side[arcs[a].to]);
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
  CHECK(result.source_side == std::vector<bool>{true, true, false, false, false, false, false});
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
