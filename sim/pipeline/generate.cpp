// Writes synthetic scenario YAML for scale tests (see generate.hpp). The text is produced here
// directly (only sim/scenario reads YAML); every number is drawn from one seeded splitmix64
// stream, so the output depends on the options alone, not on the platform's <random>.
#include "corridor/pipeline/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <numbers>
#include <queue>
#include <set>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/validator.hpp"

namespace corridor::pipeline {
namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr std::size_t kNeighbourWindow = 24;  ///< earlier nodes (by longitude) a node may link to

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

struct Place {
  double lat = 0;
  double lon = 0;
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

double distance_km(const Place& p, const Place& q) {
  const double rad = std::numbers::pi / 180.0;
  const double dlat = (q.lat - p.lat) * rad;
  const double dlon = (q.lon - p.lon) * rad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(p.lat * rad) * std::cos(q.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string node_id(std::size_t i) { return fmt::format("n{}", i); }

constexpr double kFerrySpeedKmh = 14 * 1.852;  // 14 kn

/// Free-flow hours by rail from `from` to every node (Dijkstra over the rail edges).
std::vector<double> rail_hours_from(std::size_t from, std::size_t n,
                                    const std::vector<Edge>& edges) {
  std::vector<std::vector<std::pair<std::size_t, double>>> adj(n);
  for (const auto& e : edges) {
    if (e.kind == LinkKind::kRoad) continue;
    adj[e.a].emplace_back(e.b, e.length_km / e.speed_kmh);
    adj[e.b].emplace_back(e.a, e.length_km / e.speed_kmh);
  }
  std::vector<double> h(n, std::numeric_limits<double>::infinity());
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  h[from] = 0;
  queue.emplace(0.0, from);
  while (!queue.empty()) {
    const auto [d, v] = queue.top();
    queue.pop();
    if (d > h[v]) continue;
    for (const auto& [w, t] : adj[v]) {
      if (d + t < h[w]) {
        h[w] = d + t;
        queue.emplace(h[w], w);
      }
    }
  }
  return h;
}

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

  // Places over a region of about 2,000 × 4,000 km, sorted west to east so that neighbours in
  // the order are near each other; countries are longitude bands of about 50 nodes (2 to 26).
  std::vector<Place> places(n);
  for (auto& p : places) {
    p.lat = draw.uniform(36.0, 54.0);
    p.lon = draw.uniform(42.0, 90.0);
  }
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    return a.lon < b.lon || (a.lon == b.lon && a.lat < b.lat);
  });
  const std::size_t countries = std::clamp<std::size_t>(n / 50, 2, 26);
  for (std::size_t i = 0; i < n; ++i) places[i].country = static_cast<int>(i * countries / n);

  // Links: each node after the first joins one of the two nearest of the earlier nodes in its
  // window (a spanning tree, so the network is connected), then about n/8 extra links.
  std::vector<Edge> edges;
  std::set<std::pair<std::size_t, std::size_t>> linked;
  auto nearest = [&](std::size_t i, std::size_t lo, std::size_t hi) {
    std::vector<std::pair<double, std::size_t>> c;
    for (std::size_t j = lo; j < hi; ++j) {
      if (j != i) c.emplace_back(distance_km(places[i], places[j]), j);
    }
    std::sort(c.begin(), c.end());
    return c;
  };
  auto add_edge = [&](std::size_t a, std::size_t b, bool tree) {
    Edge e;
    e.a = std::min(a, b);
    e.b = std::max(a, b);
    const double r = draw.unit();
    e.kind = tree ? (r < 0.85 ? LinkKind::kSingle : LinkKind::kDouble)
                  : (r < 0.7    ? LinkKind::kSingle
                     : r < 0.85 ? LinkKind::kDouble
                                : LinkKind::kRoad);
    // Lines wind: 1.1 to 1.4 times the great-circle distance, at least 5 km.
    e.length_km =
        std::max(5.0, std::round(distance_km(places[a], places[b]) * draw.uniform(1.1, 1.4)));
    e.speed_kmh = e.kind == LinkKind::kRoad ? 70.0 : 10.0 * std::round(draw.uniform(5.0, 10.0));
    linked.insert({e.a, e.b});
    edges.push_back(e);
  };
  for (std::size_t i = 1; i < n; ++i) {
    const auto c = nearest(i, i > kNeighbourWindow ? i - kNeighbourWindow : 0, i);
    add_edge(i, c[std::min(c.size() - 1, draw.below(2))].second, true);
  }
  for (std::size_t k = 0; k < n / 8; ++k) {
    const std::size_t i = draw.below(n);
    const auto c = nearest(i, i > kNeighbourWindow / 2 ? i - kNeighbourWindow / 2 : 0,
                           std::min(n, i + kNeighbourWindow / 2 + 1));
    for (const auto& [d, j] : c) {
      if (linked.count({std::min(i, j), std::max(i, j)}) == 0) {
        add_edge(i, j, false);
        break;
      }
    }
  }

  // Ports: a random node, and the node the ferry saves most time to (rail free-flow time over
  // sailing time at 14 kn), at least 100 km away; without a saving the ferry is simply unused.
  const std::size_t port_a = draw.below(n);
  const std::vector<double> rail_h = rail_hours_from(port_a, n, edges);
  std::size_t port_b = port_a == 0 ? 1 : 0;
  double best = -1;
  for (std::size_t j = 0; j < n; ++j) {
    const double km = distance_km(places[port_a], places[j]);
    if (j == port_a || km < 100.0) continue;
    const double gain = rail_h[j] / (km * 1.1 / kFerrySpeedKmh);
    if (gain > best) best = gain, port_b = j;
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
  out("description: >-\n  Generated: a random spanning tree of rail links plus extra links, "
      "borders between {} countries, one ferry line and {} random flows.\n\n",
      countries, options.flows);
  out("run:\n  horizon: 365 d\n  warmup: 30 d\n  replications: 10\n  seed: {}\n\n", options.seed);

  out("nodes:\n");
  static constexpr const char* kKinds[] = {"station", "junction", "city", "terminal"};
  for (std::size_t i = 0; i < n; ++i) {
    const Place& p = places[i];
    const bool port = i == port_a || i == port_b;
    const char* kind = port ? "port" : border[i] != 0 ? "border" : kKinds[draw.below(4)];
    out("  - id: {}\n    country: \"C{:02}\"\n    kind: {}\n    lat: {:.4f}\n    lon: {:.4f}\n"
        "    sidings: {}\n",
        node_id(i), p.country, kind, p.lat, p.lon, 2 + draw.below(3));
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

  out("\ndemand:\n");
  static constexpr const char* kGoods[] = {"grain", "coal", "containers", "metals", "fertiliser"};
  for (std::size_t f = 0; f < options.flows; ++f) {
    const std::size_t o = draw.below(n);
    std::size_t d = draw.below(n - 1);
    if (d >= o) ++d;
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
