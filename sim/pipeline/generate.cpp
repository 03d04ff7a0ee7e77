// Writes synthetic scenario YAML for scale tests (see generate.hpp). The text is produced here
// directly (only sim/scenario reads YAML); every number is drawn from one seeded splitmix64
// stream, so the output depends on the options alone, not on the platform's <random>.
//
// The network is laid out on a plane whose area grows with the number of nodes (constant
// density) and every flow joins nodes a bounded number of links apart, so that the work per
// flow does not grow with the network. Neighbours are found through a grid of square cells;
// nothing here looks at all pairs of nodes.
#include "corridor/pipeline/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <numbers>
#include <numeric>
#include <queue>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/validator.hpp"

namespace corridor::pipeline {
namespace {

// --- layout -----------------------------------------------------------------------------------
constexpr double kAreaPerNodeKm2 = 400.0;  ///< constant density: nodes about 20 km apart
constexpr double kAspect = 1.5;            ///< width of the region over its height
constexpr double kCellKm = 20.0;           ///< grid cell side: about one node per cell
constexpr std::size_t kNeighbours = 6;     ///< candidate links per node: its nearest nodes
constexpr int kNeighbourRings = 2;         ///< ... among the cells up to two cells away
constexpr double kNodesPerCountry = 200;   ///< countries are blocks of about this many nodes
// Positions are drawn on the map around this point (equirectangular), for reports only: every
// length is computed on the plane.
constexpr double kCentreLat = 40.0;
constexpr double kCentreLon = 66.0;
constexpr double kKmPerDegree = 111.195;

// --- flows and the ferry ----------------------------------------------------------------------
constexpr std::size_t kMaxFlowHops = 24;       ///< a flow's ends are 1 to this many links apart
constexpr std::size_t kSeaFlowEvery = 10;      ///< flows 0, 10, 20, ... are sea flows, ...
constexpr std::size_t kMaxSeaFlows = 4;        ///< ... at most this many
constexpr std::size_t kPortHops = 3;           ///< a sea flow starts and ends this near a port
constexpr std::size_t kPortTries = 8;          ///< first ports tried for the ferry line
constexpr double kMinSeaKm = 40.0;             ///< the ferry line's ports are this far apart ...
constexpr double kMaxSeaKm = 200.0;            ///< ... up to this (straight line)
constexpr double kFerrySpeedKmh = 14 * 1.852;  // 14 kn

/// splitmix64: small, fast and the same on every platform.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform on [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  /// Uniform on 0..n-1 (n > 0; the modulo bias is negligible for the sizes used here).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t state_;
};

/// A node's position on the plane, in km from the region's south-west corner.
struct Place {
  double x = 0;
  double y = 0;
  int country = 0;
};

enum class LinkKind { kSingle, kDouble, kRoad };

struct Edge {
  std::size_t a = 0;
  std::size_t b = 0;
  LinkKind kind = LinkKind::kSingle;
  double length_km = 0;
  double speed_kmh = 0;
};

double distance_km(const Place& p, const Place& q) { return std::hypot(q.x - p.x, q.y - p.y); }

std::string node_id(std::size_t i) { return fmt::format("n{}", i); }

/// Square cells over the region. The places are sorted by cell (rows south to north, cells
/// west to east), so node indices follow the map and each cell is a range of indices.
class Grid {
 public:
  Grid(std::vector<Place>& places, double width_km, double height_km)
      : cols_(std::max(1, static_cast<int>(std::ceil(width_km / kCellKm)))),
        rows_(std::max(1, static_cast<int>(std::ceil(height_km / kCellKm)))) {
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (cell, drawn index)
    order.reserve(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) order.emplace_back(cell_of(places[i]), i);
    std::sort(order.begin(), order.end());
    std::vector<Place> sorted;
    sorted.reserve(places.size());
    for (const auto& [cell, i] : order) sorted.push_back(places[i]);
    places = std::move(sorted);
    start_.assign(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_) + 1, 0);
    for (const auto& [cell, i] : order) ++start_[cell + 1];
    std::partial_sum(start_.begin(), start_.end(), start_.begin());
  }

  [[nodiscard]] int cols() const { return cols_; }
  [[nodiscard]] int rows() const { return rows_; }
  [[nodiscard]] int col_of(const Place& p) const {
    return std::clamp(static_cast<int>(p.x / kCellKm), 0, cols_ - 1);
  }
  [[nodiscard]] int row_of(const Place& p) const {
    return std::clamp(static_cast<int>(p.y / kCellKm), 0, rows_ - 1);
  }

  /// Calls visit(j) for every node in the cells exactly `ring` cells (in the larger of the two
  /// directions) from the cell of `p`, in index order within a cell.
  template <typename Visit>
  void visit_ring(const Place& p, int ring, Visit&& visit) const {
    const int c0 = col_of(p);
    const int r0 = row_of(p);
    for (int r = std::max(0, r0 - ring); r <= std::min(rows_ - 1, r0 + ring); ++r) {
      const bool edge_row = r == r0 - ring || r == r0 + ring;
      for (int c = std::max(0, c0 - ring); c <= std::min(cols_ - 1, c0 + ring); ++c) {
        if (!edge_row && c != c0 - ring && c != c0 + ring) continue;
        const std::size_t cell = static_cast<std::size_t>(r) * static_cast<std::size_t>(cols_) +
                                 static_cast<std::size_t>(c);
        for (std::size_t j = start_[cell]; j < start_[cell + 1]; ++j) visit(j);
      }
    }
  }

  /// The largest ring that still holds cells of the grid.
  [[nodiscard]] int max_ring() const { return std::max(cols_, rows_); }

 private:
  [[nodiscard]] std::size_t cell_of(const Place& p) const {
    return static_cast<std::size_t>(row_of(p)) * static_cast<std::size_t>(cols_) +
           static_cast<std::size_t>(col_of(p));
  }

  int cols_;
  int rows_;
  std::vector<std::size_t> start_;  ///< cell c holds nodes start_[c] .. start_[c + 1] - 1
};

/// Union-find over node indices, for the spanning tree.
class Components {
 public:
  explicit Components(std::size_t n) : parent_(n), count_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  /// Joins the components of a and b; false if they were one already.
  bool unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent_[std::max(a, b)] = std::min(a, b);
    --count_;
    return true;
  }
  [[nodiscard]] std::size_t count() const { return count_; }

 private:
  std::vector<std::size_t> parent_;
  std::size_t count_;
};

/// The rail links (not roads) as adjacency lists in one array, with searches that touch only
/// the nodes they reach, so that a search near one node costs the same in any size of network.
class RailNet {
 public:
  RailNet(std::size_t n, const std::vector<Edge>& edges)
      : first_(n + 1, 0), level_(n, kUnseen), hours_(n, kInf) {
    for (const auto& e : edges) {
      if (e.kind == LinkKind::kRoad) continue;
      ++first_[e.a + 1];
      ++first_[e.b + 1];
    }
    std::partial_sum(first_.begin(), first_.end(), first_.begin());
    next_.resize(first_.back());
    std::vector<std::size_t> fill(first_.begin(), first_.end() - 1);
    for (const auto& e : edges) {
      if (e.kind == LinkKind::kRoad) continue;
      const double h = e.length_km / e.speed_kmh;
      next_[fill[e.a]++] = {e.b, h};
      next_[fill[e.b]++] = {e.a, h};
    }
  }

  /// A node `hops` links from `from` by the fewest rail links, drawn at random among all such
  /// nodes (breadth-first search); the farthest reached when no node is that far.
  std::size_t node_at(std::size_t from, std::size_t hops, Draw& draw) {
    std::vector<std::size_t> ring{from};
    std::vector<std::size_t> seen{from};
    level_[from] = 0;
    for (std::size_t depth = 1; depth <= hops; ++depth) {
      std::vector<std::size_t> out;
      for (const std::size_t v : ring) {
        for (std::size_t k = first_[v]; k < first_[v + 1]; ++k) {
          const std::size_t w = next_[k].first;
          if (level_[w] != kUnseen) continue;
          level_[w] = depth;
          seen.push_back(w);
          out.push_back(w);
        }
      }
      if (out.empty()) break;
      ring = std::move(out);
    }
    for (const std::size_t v : seen) level_[v] = kUnseen;
    return ring[draw.below(ring.size())];
  }

  /// Free-flow hours by rail from `from` to every node reached within `limit` hours
  /// (Dijkstra); calls visit(node, hours) for each. Nodes farther away are not visited.
  template <typename Visit>
  void hours_from(std::size_t from, double limit, Visit&& visit) {
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    std::vector<std::size_t> seen{from};
    hours_[from] = 0;
    queue.emplace(0.0, from);
    while (!queue.empty()) {
      const auto [d, v] = queue.top();
      queue.pop();
      if (d > hours_[v]) continue;
      visit(v, d);
      for (std::size_t k = first_[v]; k < first_[v + 1]; ++k) {
        const auto [w, t] = next_[k];
        if (d + t < hours_[w] && d + t <= limit) {
          if (hours_[w] == kInf) seen.push_back(w);
          hours_[w] = d + t;
          queue.emplace(hours_[w], w);
        }
      }
    }
    for (const std::size_t v : seen) hours_[v] = kInf;
  }

 private:
  static constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::size_t> first_;  ///< node v's links: next_[first_[v]] to next_[first_[v+1]-1]
  std::vector<std::pair<std::size_t, double>> next_;  ///< (other node, free-flow hours)
  std::vector<std::size_t> level_;                    ///< kUnseen outside a search
  std::vector<double> hours_;                         ///< kInf outside a search
};

}  // namespace

std::string generate_scenario(const GenerateOptions& options) {
  const std::size_t n = options.nodes;
  if (n < 4 || n > scenario::kMaxNodes) {
    throw UsageError(
        fmt::format("--nodes must be between 4 and {}, got {}", scenario::kMaxNodes, n));
  }
  if (options.flows < 1 || options.flows > scenario::kMaxFlows) {
    throw UsageError(fmt::format("--flows must be between 1 and {}, got {}", scenario::kMaxFlows,
                                 options.flows));
  }
  Draw draw(options.seed);

  // Places scattered uniformly over a region of kAreaPerNodeKm2 per node, 1.5 times as wide as
  // high (about 250 × 160 km at 100 nodes, 7,700 × 5,200 km at 100,000), numbered by grid cell.
  const double height_km = std::sqrt(static_cast<double>(n) * kAreaPerNodeKm2 / kAspect);
  const double width_km = height_km * kAspect;
  std::vector<Place> places(n);
  for (auto& p : places) {
    p.x = draw.uniform(0.0, width_km);
    p.y = draw.uniform(0.0, height_km);
  }
  const Grid grid(places, width_km, height_km);

  // Countries: blocks of a coarse grid of about kNodesPerCountry nodes each (at least two), so
  // that the share of nodes at a border is about the same at any size.
  const double block_km = std::sqrt(kNodesPerCountry * kAreaPerNodeKm2);
  int block_cols = std::max(1, static_cast<int>(std::lround(width_km / block_km)));
  const int block_rows = std::max(1, static_cast<int>(std::lround(height_km / block_km)));
  if (block_cols * block_rows < 2) block_cols = 2;
  const int countries = block_cols * block_rows;
  for (auto& p : places) {
    const int c = std::min(block_cols - 1, static_cast<int>(p.x / width_km * block_cols));
    const int r = std::min(block_rows - 1, static_cast<int>(p.y / height_km * block_rows));
    p.country = r * block_cols + c;
  }

  // Candidate links: each node's kNeighbours nearest nodes within kNeighbourRings cells.
  std::vector<std::vector<std::size_t>> near(n);
  std::vector<std::pair<double, std::size_t>> found;
  for (std::size_t i = 0; i < n; ++i) {
    found.clear();
    for (int ring = 0; ring <= kNeighbourRings; ++ring) {
      grid.visit_ring(places[i], ring, [&](std::size_t j) {
        if (j != i) found.emplace_back(distance_km(places[i], places[j]), j);
      });
    }
    const std::size_t keep = std::min(kNeighbours, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep),
                      found.end());
    for (std::size_t k = 0; k < keep; ++k) near[i].push_back(found[k].second);
  }

  std::vector<Edge> edges;
  std::set<std::pair<std::size_t, std::size_t>> linked;
  auto add_edge = [&](std::size_t a, std::size_t b, bool tree) {
    Edge e;
    e.a = std::min(a, b);
    e.b = std::max(a, b);
    const double r = draw.unit();
    e.kind = tree ? (r < 0.85 ? LinkKind::kSingle : LinkKind::kDouble)
                  : (r < 0.7    ? LinkKind::kSingle
                     : r < 0.85 ? LinkKind::kDouble
                                : LinkKind::kRoad);
    // Lines wind: 1.1 to 1.4 times the straight-line distance, at least 5 km.
    e.length_km =
        std::max(5.0, std::round(distance_km(places[a], places[b]) * draw.uniform(1.1, 1.4)));
    e.speed_kmh = e.kind == LinkKind::kRoad ? 70.0 : 10.0 * std::round(draw.uniform(5.0, 10.0));
    linked.insert({e.a, e.b});
    edges.push_back(e);
  };

  // The spanning tree (all rail, so every flow has a rail route): the minimum spanning tree of
  // the candidate links, each weighted by its length times a random 1 to 1.5 so that the tree
  // is not the same for every layout of the same points (Kruskal).
  std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::size_t j : near[i]) {
      // A pair listed by both nodes is weighed once, from the lower index.
      if (j < i && std::find(near[j].begin(), near[j].end(), i) != near[j].end()) continue;
      candidates.emplace_back(distance_km(places[i], places[j]) * draw.uniform(1.0, 1.5),
                              std::min(i, j), std::max(i, j));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  Components components(n);
  std::vector<std::pair<std::size_t, std::size_t>> tree;
  for (const auto& [w, a, b] : candidates) {
    if (components.unite(a, b)) tree.emplace_back(a, b);
  }
  // Points with no candidate path between them (a cluster with empty cells around it): join
  // each part not holding node 0 to the nearest node of another part, searching ring by ring.
  while (components.count() > 1) {
    for (std::size_t i = 0; i < n && components.count() > 1; ++i) {
      const std::size_t own = components.find(i);
      if (own == components.find(0)) continue;
      std::pair<double, std::size_t> best{std::numeric_limits<double>::infinity(), i};
      for (int ring = 0; ring <= grid.max_ring(); ++ring) {
        // Cells of this ring and beyond are at least (ring - 1) cells away.
        if (best.second != i && best.first <= (ring - 1) * kCellKm) break;
        grid.visit_ring(places[i], ring, [&](std::size_t j) {
          if (components.find(j) != own) {
            best = std::min(best, std::make_pair(distance_km(places[i], places[j]), j));
          }
        });
      }
      components.unite(i, best.second);
      tree.emplace_back(std::min(i, best.second), std::max(i, best.second));
    }
  }
  std::sort(tree.begin(), tree.end());  // links numbered along the map, like the nodes
  for (const auto& [a, b] : tree) add_edge(a, b, true);

  // About n/8 extra links, each from a random node to its nearest candidate not yet linked.
  for (std::size_t k = 0; k < n / 8; ++k) {
    const std::size_t i = draw.below(n);
    for (const std::size_t j : near[i]) {
      if (linked.count({std::min(i, j), std::max(i, j)}) == 0) {
        add_edge(i, j, false);
        break;
      }
    }
  }
  RailNet rail(n, edges);

  // The ferry line: from a random node to the node 40 to 200 km away (straight line) that the
  // ferry saves most time to (rail free-flow time over sailing time at 14 kn); the best pair of
  // kPortTries random first ports. Rail searches stop at twice the longest sailing, so the cost
  // does not depend on the size of the network. Without a saving the ferry is simply unused.
  const double max_sea_h = (kMaxSeaKm * 1.1 + 10) / kFerrySpeedKmh;
  std::size_t port_a = 0;
  std::size_t port_b = 1;
  double best_gain = -1;
  std::vector<double> rail_h(n, std::numeric_limits<double>::infinity());
  std::vector<std::size_t> reached;
  for (std::size_t t = 0; t < kPortTries; ++t) {
    const std::size_t a = draw.below(n);
    rail.hours_from(a, 2 * max_sea_h, [&](std::size_t v, double h) {
      rail_h[v] = h;
      reached.push_back(v);
    });
    // Candidates farther than kMinSeaKm first; in a region too small for that, any other node.
    for (const double min_km : {kMinSeaKm, 0.0}) {
      bool any = false;
      const int rings = static_cast<int>(std::ceil(kMaxSeaKm / kCellKm));
      for (int ring = 0; ring <= rings; ++ring) {
        grid.visit_ring(places[a], ring, [&](std::size_t j) {
          const double km = distance_km(places[a], places[j]);
          if (j == a || km < min_km || km > kMaxSeaKm) return;
          any = true;
          const double sea_h = (km * 1.1 + 10) / kFerrySpeedKmh;
          const double gain = std::min(rail_h[j], 2 * max_sea_h) / sea_h;
          if (gain > best_gain) best_gain = gain, port_a = a, port_b = j;
        });
      }
      if (any) break;
    }
    for (const std::size_t v : reached) rail_h[v] = std::numeric_limits<double>::infinity();
    reached.clear();
  }
  const double sea_km = std::round(distance_km(places[port_a], places[port_b]) * 1.1) + 10;

  // Border processing at both ends of every link between two countries.
  std::vector<char> border(n, 0);
  for (const auto& e : edges) {
    if (places[e.a].country != places[e.b].country) border[e.a] = border[e.b] = 1;
  }

  std::string y;
  y.reserve(n * 200 + options.flows * 200);
  auto out = [&y]<typename... A>(fmt::format_string<A...> format, A&&... args) {
    fmt::format_to(std::back_inserter(y), format, std::forward<A>(args)...);
  };
  out("# Synthetic scenario: corridor generate --nodes {} --flows {} --seed {}\n", n, options.flows,
      options.seed);
  out("# Made-up places and figures for scale tests; not data about any real network.\n");
  out("name: \"Synthetic network, {} nodes, {} flows (seed {})\"\n", n, options.flows,
      options.seed);
  out("description: >-\n  Generated: nodes about 20 km apart over {:.0f} x {:.0f} km, a random "
      "spanning tree of rail links between near neighbours plus extra links, borders between {} "
      "countries, one ferry line and {} flows between nodes at most {} links apart.\n\n",
      width_km, height_km, countries, options.flows, kMaxFlowHops);
  out("run:\n  horizon: 365 d\n  warmup: 30 d\n  replications: 10\n  seed: {}\n\n", options.seed);

  out("nodes:\n");
  static constexpr const char* kKinds[] = {"station", "junction", "city", "terminal"};
  const double km_per_degree_lon = kKmPerDegree * std::cos(kCentreLat * std::numbers::pi / 180);
  for (std::size_t i = 0; i < n; ++i) {
    const Place& p = places[i];
    const bool port = i == port_a || i == port_b;
    const char* kind = port ? "port" : border[i] != 0 ? "border" : kKinds[draw.below(4)];
    out("  - id: {}\n    country: \"C{:02}\"\n    kind: {}\n    lat: {:.4f}\n    lon: {:.4f}\n"
        "    sidings: {}\n",
        node_id(i), p.country, kind, kCentreLat + (p.y - height_km / 2) / kKmPerDegree,
        kCentreLon + (p.x - width_km / 2) / km_per_degree_lon, 2 + draw.below(3));
    if (border[i] != 0) {
      const int channels = 1 + static_cast<int>(draw.below(3));
      const int mode_min = 60 + 30 * static_cast<int>(draw.below(5));
      out("    border:\n      exit: {{channels: {0}, dwell: {{dist: triangular, min: {1} min, "
          "mode: {2} min, max: {3} min}}}}\n      entry: {{channels: {0}, dwell: {{dist: "
          "triangular, min: {1} min, mode: {2} min, max: {3} min}}}}\n",
          channels, mode_min / 2, mode_min, mode_min * 3);
    }
    if (port) {
      out("    berths:\n      - {{type: ferry, count: 2, handling: {{dist: triangular, min: 4 h, "
          "mode: 6 h, max: 10 h}}}}\n");
    }
  }

  out("\nlinks:\n");
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const Edge& e = edges[k];
    out("  - id: l{}\n    from: {}\n    to: {}\n    mode: {}\n    length: {:.0f} km\n"
        "    speed: {:.0f} km/h\n",
        k, node_id(e.a), node_id(e.b), e.kind == LinkKind::kRoad ? "road" : "rail", e.length_km,
        e.speed_kmh);
    if (e.kind == LinkKind::kSingle) {
      // A passing loop about every 30 km on lines long enough to need one.
      const auto loops = static_cast<int>(e.length_km / 30.0);
      if (loops > 0) {
        out("    rail: {{tracks: 1, loops: {}}}\n", loops);
      } else {
        out("    rail: {{tracks: 1}}\n");
      }
    } else if (e.kind == LinkKind::kDouble) {
      out("    rail: {{tracks: 2, headway: 10 min}}\n");
    }
  }
  out("  - id: sea\n    from: {}\n    to: {}\n    mode: sea\n    length: {:.0f} km\n"
      "    sea: {{vessels: [ferry]}}\n",
      node_id(port_a), node_id(port_b), sea_km);

  out("\nfleets:\n");
  out("  - id: freight_train\n    name: \"Freight trainset\"\n    kind: train\n    count: {}\n"
      "    wagons: 50\n    payload_per_wagon: 60 t\n    speed: 80 km/h\n",
      std::max<std::size_t>(10, 2 * options.flows));
  out("  - id: truck\n    name: \"Truck\"\n    kind: truck\n    payload: 20 t\n");
  out("  - id: ferry\n    name: \"Rail ferry\"\n    kind: vessel\n    count: 3\n    speed: 14 kn\n"
      "    capacity_wagons: 50\n    capacity: 5000 t\n    berth: ferry\n"
      "    departure: {{policy: when_full, max_wait: 2 d}}\n");

  // Flows: a random origin and a destination 1 to kMaxFlowHops rail links from it (fewest
  // links), so that routes are as long at any size. Flows 0, 10, 20 and 30 are sea flows
  // instead, so that the ferry carries a bounded load at any size: between nodes within
  // kPortHops links of each port, flows 0 and 20 from the first port's side, 10 and 30 from the
  // second's.
  out("\ndemand:\n");
  static constexpr const char* kGoods[] = {"grain", "coal", "containers", "metals", "fertiliser"};
  for (std::size_t f = 0; f < options.flows; ++f) {
    std::size_t o = 0;
    std::size_t d = 0;
    if (f % kSeaFlowEvery == 0 && f / kSeaFlowEvery < kMaxSeaFlows) {
      o = rail.node_at(port_a, draw.below(kPortHops + 1), draw);
      d = rail.node_at(port_b, draw.below(kPortHops + 1), draw);
      if (o == d) o = port_a, d = port_b;
      if ((f / kSeaFlowEvery) % 2 == 1) std::swap(o, d);
    } else {
      o = draw.below(n);
      d = rail.node_at(o, 1 + draw.below(kMaxFlowHops), draw);
    }
    out("  - id: f{}\n    origin: {}\n    destination: {}\n    commodity: {}\n"
        "    volume: {:.0f} kt/yr\n    value: {:.0f} USD/t\n    arrivals: {}\n"
        "    modes: [rail, sea]\n",
        f, node_id(o), node_id(d), kGoods[draw.below(5)], draw.uniform(20.0, 200.0),
        draw.uniform(50.0, 800.0), draw.chance(0.5) ? "regular" : "poisson");
  }

  out("\ndisruptions:\n  - id: sea_storms\n    kind: weather\n    target: sea\n"
      "    months: [1, 2, 12]\n    closed: 20%\n    spell: 2 d\n");

  out("\ncorridors:\n  - id: main_flows\n    name: \"The first flows\"\n    flows: [");
  for (std::size_t f = 0; f < std::min<std::size_t>(5, options.flows); ++f) {
    out("{}f{}", f == 0 ? "" : ", ", f);
  }
  out("]\n  - id: ferry_line\n    name: \"Ferry line\"\n    links: [sea]\n");
  return y;
}

}  // namespace corridor::pipeline
