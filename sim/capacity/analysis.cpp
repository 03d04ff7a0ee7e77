// Builds the capacity graph of a flow or corridor and bounds its throughput by a maximum flow.
// Vertices are (node, carrier) pairs as in routing; every capacity element (a link direction, a
// shared border process, berth group or transfer) is an arc between its own in and out vertices,
// so the minimum cut names elements. Capacities mirror the simulation's resources (sim/transport).
#include "corridor/capacity/analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include "corridor/capacity/max_flow.hpp"
#include "corridor/core/parallel.hpp"

namespace corridor::capacity {

namespace {

using model::Mode;
constexpr std::int64_t kInfinite = 1'000'000'000'000'000;  // t/yr; far above any real corridor
constexpr double kDay = model::kSecondsPerDay;
constexpr double kYear = model::kDaysPerYear;

// Carriers as in routing: road, sea, pipeline, or rail of a gauge.
constexpr int kRoad = 1;
constexpr int kSea = 2;
constexpr int kPipeline = 3;
constexpr int kRailBase = 1000;
int carrier_of(const model::Link& link) {
  switch (link.mode) {
    case Mode::kRoad:
      return kRoad;
    case Mode::kSea:
      return kSea;
    case Mode::kPipeline:
      return kPipeline;
    case Mode::kRail:
      return kRailBase + link.rail.gauge_mm;
  }
  return kRoad;
}

std::string duration_text(double s) {
  if (s < 2 * model::kSecondsPerHour) return fmt::format("{:.0f} min", s / 60);
  if (s < 2 * kDay) return fmt::format("{:.1f} h", s / model::kSecondsPerHour);
  return fmt::format("{:.1f} d", s / kDay);
}

std::string rate_text(double t_per_year) {
  if (t_per_year >= 1e6) return fmt::format("{:.1f} Mt/yr", t_per_year / 1e6);
  if (t_per_year >= 1e3) return fmt::format("{:.0f} kt/yr", t_per_year / 1e3);
  return fmt::format("{:.0f} t/yr", t_per_year);
}

double open_fraction(const model::OperatingHours& hours) {
  if (hours.always_open()) return 1;
  double open_s = hours.close_s - hours.open_s;
  if (open_s <= 0) open_s += kDay;
  return open_s / kDay;
}

std::string hours_note(const model::OperatingHours& hours) {
  if (hours.always_open()) return "";
  return fmt::format(" × {:.0f}% open", 100 * open_fraction(hours));
}

double speed_kmh(const model::Link& link, const model::Fleet* fleet) {
  double v = link.speed_kmh;
  if (fleet != nullptr && fleet->speed_kmh > 0 && (v <= 0 || fleet->speed_kmh < v)) {
    v = fleet->speed_kmh;
  }
  return v;
}

/// The fleet the simulation uses for a flow on a rail link of `gauge_mm` (or a road link).
const model::Fleet* fleet_for(const model::Scenario& s, const model::Flow* flow, Mode mode,
                              int gauge_mm) {
  auto fits = [&](const model::Fleet& f) {
    if (mode == Mode::kRail) return f.kind == model::FleetKind::kTrain && f.gauge_mm == gauge_mm;
    return f.kind == model::FleetKind::kTruck;
  };
  if (flow != nullptr) {
    for (const auto& id : flow->fleets) {
      const model::Fleet* f = s.find_fleet(id);
      if (f != nullptr && fits(*f)) return f;
    }
  }
  for (const auto& f : s.fleets) {
    if (fits(f)) return &f;
  }
  return nullptr;
}

double vehicle_t(const model::Fleet* fleet) {
  if (fleet == nullptr) return 0;
  return fleet->kind == model::FleetKind::kTrain ? fleet->train_payload_t() : fleet->payload_t;
}

class CapacityGraph {
 public:
  CapacityGraph(const graph::Network& network, std::vector<const model::Flow*> flows,
                std::vector<bool> links)
      : net_(network), s_(network.scenario()), flows_(std::move(flows)), links_(std::move(links)) {
    for (std::size_t l = 0; l < s_.links.size(); ++l) {
      if (links_[l] && mode_allowed(s_.links[l].mode)) add_link(l);
    }
    add_node_changes();
  }

  /// What solves bounds on this graph, one bound at a time: each thread needs its own.
  [[nodiscard]] std::unique_ptr<MaxFlowGraph> solver() const {
    return std::make_unique<MaxFlowGraph>(vertex_count_, arcs_);
  }

  /// Maximum flow from any of `origins` to any of `destinations` (node indices), with a
  /// `solver` of this graph. The graph's arcs are made once; each bound adds only its arcs from
  /// the source and to the sink.
  Bound solve(const std::vector<std::size_t>& origins, const std::vector<std::size_t>& destinations,
              MaxFlowGraph& solver) const {
    // The end points' arcs in the order of the vertices (node, then carrier).
    std::vector<std::size_t> ends = origins;
    ends.insert(ends.end(), destinations.begin(), destinations.end());
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
    std::vector<Arc> terminals;
    for (const std::size_t node : ends) {
      const bool origin = std::find(origins.begin(), origins.end(), node) != origins.end();
      const bool destination =
          std::find(destinations.begin(), destinations.end(), node) != destinations.end();
      for (auto it = vertices_.lower_bound({node, std::numeric_limits<int>::min()});
           it != vertices_.end() && it->first.first == node; ++it) {
        if (origin) terminals.push_back({kSource, it->second, kInfinite});
        if (destination) terminals.push_back({it->second, kSink, kInfinite});
      }
    }
    const MaxFlow flow = solver.solve(terminals, kSource, kSink);
    Bound bound;
    // The elements the flow runs through, in the order they were made (a border or a port's
    // berths is one arc, shared by every link that passes it).
    std::vector<std::size_t> used;
    for (const auto& carried : flow.flow) {
      const std::size_t a = carried.first;
      if (a < arc_element_.size() && arc_element_[a] >= 0)
        used.push_back(static_cast<std::size_t>(arc_element_[a]));
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (const std::size_t e : used) bound.elements.push_back(elements_[e]);
    bound.unbounded = flow.value >= kInfinite;
    bound.infrastructure_t_per_year = static_cast<double>(flow.value);
    bound.capacity_t_per_year = bound.infrastructure_t_per_year;
    if (!bound.unbounded) {
      for (const std::size_t a : flow.cut) {
        if (a < arc_element_.size() && arc_element_[a] >= 0) {
          Element e = elements_[static_cast<std::size_t>(arc_element_[a])];
          e.capacity_t_per_year = static_cast<double>(arcs_[a].capacity);
          bound.binding.push_back(std::move(e));
        }
      }
    }
    if (flow.value == 0) {
      bound.note = notes_.empty() ? "no path with capacity between the end points"
                                  : "no path with capacity between the end points; " + notes_;
    }
    return bound;
  }

 private:
  static constexpr std::size_t kSource = 0;
  static constexpr std::size_t kSink = 1;

  bool mode_allowed(Mode mode) const {
    if (flows_.empty()) return true;
    for (const auto* f : flows_) {
      if (f->modes.empty() || std::find(f->modes.begin(), f->modes.end(), mode) != f->modes.end())
        return true;
    }
    return false;
  }

  /// The vehicle fleet that carries the most per vehicle among the flows' choices.
  const model::Fleet* fleet(Mode mode, int gauge_mm) const {
    const model::Fleet* best = nullptr;
    auto consider = [&](const model::Fleet* f) {
      if (f != nullptr && (best == nullptr || vehicle_t(f) > vehicle_t(best))) best = f;
    };
    if (flows_.empty()) consider(fleet_for(s_, nullptr, mode, gauge_mm));
    for (const auto* flow : flows_) consider(fleet_for(s_, flow, mode, gauge_mm));
    return best;
  }

  std::size_t vertex(std::size_t node, int carrier) {
    auto [it, fresh] = vertices_.try_emplace({node, carrier}, 0);
    if (fresh) it->second = vertex_count_++;
    return it->second;
  }

  void arc(std::size_t from, std::size_t to) {
    arcs_.push_back({from, to, kInfinite});
    arc_element_.push_back(-1);
  }

  using Pair = std::pair<std::size_t, std::size_t>;

  /// Adds an element as an arc of its own; nullopt (and a note) when its capacity is zero.
  std::optional<Pair> element(Element e) {
    if (!(e.capacity_t_per_year > 0)) {
      if (!notes_.empty()) notes_ += "; ";
      notes_ += e.id + ": " + e.derivation;
      return std::nullopt;
    }
    const Pair p{vertex_count_, vertex_count_ + 1};
    vertex_count_ += 2;
    const double cap = std::min(e.capacity_t_per_year, static_cast<double>(kInfinite));
    arcs_.push_back({p.first, p.second, std::llround(cap)});
    arc_element_.push_back(static_cast<int>(elements_.size()));
    elements_.push_back(std::move(e));
    return p;
  }

  /// A shared element created once per key.
  template <typename Make>
  std::optional<Pair> shared(const std::string& key, Make make) {
    auto it = shared_.find(key);
    if (it == shared_.end()) it = shared_.emplace(key, element(make())).first;
    return it->second;
  }

  std::optional<Pair> border(std::size_t n, bool exit, Mode mode, int carrier) {
    const model::Node& node = s_.nodes[n];
    if (!node.border) return Pair{};  // nothing to pass
    const auto& process = exit ? node.border->exit : node.border->entry;
    if (!process) return Pair{};
    const std::string key = fmt::format("border/{}/{}/{}", n, exit, carrier);
    return shared(key, [&] {
      const model::Fleet* f = fleet(mode, carrier - kRailBase);
      const double dwell_s = process->dwell.expected_s();
      const double per_day = process->channels * kDay / dwell_s * open_fraction(process->hours);
      Element e;
      e.kind = exit ? Element::Kind::kBorderExit : Element::Kind::kBorderEntry;
      e.id = node.id;
      e.where = model::to_string(mode);
      e.capacity_t_per_year = per_day * vehicle_t(f) * kYear;
      e.derivation =
          f == nullptr
              ? fmt::format("no {} fleet to cross the border", model::to_string(mode))
              : fmt::format(
                    "border {}, {} channel(s) × 1 d / {} mean dwell{} → {:.1f} {}/day "
                    "× {:.0f} t → {}",
                    exit ? "exit" : "entry", process->channels, duration_text(dwell_s),
                    hours_note(process->hours), per_day, mode == Mode::kRail ? "trains" : "trucks",
                    vehicle_t(f), rate_text(e.capacity_t_per_year));
      return e;
    });
  }

  std::optional<Pair> berths(std::size_t n, const std::string& type, double vessel_t) {
    const model::Node& node = s_.nodes[n];
    const auto group = std::find_if(node.berths.begin(), node.berths.end(),
                                    [&](const model::BerthGroup& g) { return g.type == type; });
    if (group == node.berths.end()) return Pair{};  // the simulation rejects this; no limit here
    return shared(fmt::format("berths/{}/{}", n, type), [&] {
      const double handling_s = group->handling.expected_s();
      const double per_day = group->count * kDay / handling_s;
      Element e;
      e.kind = Element::Kind::kBerths;
      e.id = node.id;
      e.where = type;
      e.capacity_t_per_year = per_day * vessel_t * kYear;
      e.derivation = fmt::format(
          "{} {} berth(s) × 1 d / {} mean handling → {:.1f} vessel calls/day × {:.0f} t → {}",
          group->count, type, duration_text(handling_s), per_day, vessel_t,
          rate_text(e.capacity_t_per_year));
      return e;
    });
  }

  /// Tonnes one vessel of `fleet` carries: bulk, wagons or trucks, whichever is most.
  double vessel_t(const model::Fleet& vessel) const {
    double best = vessel.capacity_t;
    for (const auto& f : s_.fleets) {
      if (f.kind == model::FleetKind::kTrain) {
        best = std::max(best, vessel.capacity_wagons * f.payload_per_wagon_t);
      }
    }
    if (const model::Fleet* truck = fleet(Mode::kRoad, 0)) {
      best = std::max(best, vessel.capacity_trucks * truck->payload_t);
    }
    return best;
  }

  static double handling_s(const model::Node& port, const std::string& type) {
    for (const auto& g : port.berths) {
      if (g.type == type) return g.handling.expected_s();
    }
    return 0;
  }

  /// The element of a land or pipeline link in one direction; nullopt when it has no limit.
  std::optional<Element> link_element(std::size_t l, std::size_t u, std::size_t v) const {
    const model::Link& link = s_.links[l];
    Element e;
    e.id = link.id;
    e.where = fmt::format("{} → {}", s_.nodes[u].id, s_.nodes[v].id);
    switch (link.mode) {
      case Mode::kRail: {
        const model::Fleet* f = fleet(Mode::kRail, link.rail.gauge_mm);
        const double train_t = vehicle_t(f);
        const double speed = speed_kmh(link, f);
        if (f == nullptr) {
          e.kind =
              link.rail.tracks >= 2 ? Element::Kind::kDoubleTrack : Element::Kind::kSingleTrack;
          e.derivation = fmt::format("no train fleet of gauge {} mm", link.rail.gauge_mm);
          return e;
        }
        if (link.rail.tracks >= 2) {
          const double per_day = kDay / link.rail.headway_s;
          e.kind = Element::Kind::kDoubleTrack;
          e.capacity_t_per_year = per_day * train_t * kYear;
          e.derivation = fmt::format(
              "double track, 1 d / {} headway → {:.1f} trains/day per direction × {:.0f} t → {}",
              duration_text(link.rail.headway_s), per_day, train_t,
              rate_text(e.capacity_t_per_year));
          return e;
        }
        double longest_km = 0;
        double at_km = 0;
        for (const double loop_km : link.rail.loops_km) {
          longest_km = std::max(longest_km, loop_km - at_km);
          at_km = loop_km;
        }
        longest_km = std::max(longest_km, link.length_km - at_km);
        const double run_s = longest_km / speed * model::kSecondsPerHour;
        const double per_day = kDay / (2 * run_s + 2 * link.rail.crossing_s);
        e.kind = Element::Kind::kSingleTrack;
        e.capacity_t_per_year = per_day * train_t * kYear;
        e.derivation = fmt::format(
            "single track, longest section {:.1f} km: {} each way + {} crossing each way → "
            "{:.1f} trains/day × {:.0f} t → {}",
            longest_km, duration_text(run_s), duration_text(link.rail.crossing_s), per_day, train_t,
            rate_text(e.capacity_t_per_year));
        return e;
      }
      case Mode::kRoad: {
        if (!link.road.checkpoint) return std::nullopt;
        const auto& cp = *link.road.checkpoint;
        const model::Fleet* f = fleet(Mode::kRoad, 0);
        const double processing_s = cp.processing.expected_s();
        const double per_day = cp.lanes * kDay / processing_s * open_fraction(cp.hours);
        e.kind = Element::Kind::kRoadCheckpoint;
        e.capacity_t_per_year = per_day * vehicle_t(f) * kYear;
        e.derivation = f == nullptr
                           ? std::string("no truck fleet")
                           : fmt::format(
                                 "checkpoint, {} lane(s) × 1 d / {} mean processing{} → "
                                 "{:.0f} trucks/day × {:.0f} t → {}",
                                 cp.lanes, duration_text(processing_s), hours_note(cp.hours),
                                 per_day, vehicle_t(f), rate_text(e.capacity_t_per_year));
        return e;
      }
      case Mode::kPipeline:
        e.kind = Element::Kind::kPipeline;
        e.capacity_t_per_year = link.pipeline.rate_t_per_s * model::kSecondsPerYear;
        e.derivation = fmt::format("pipeline rate {:.1f} t/s → {}", link.pipeline.rate_t_per_s,
                                   rate_text(e.capacity_t_per_year));
        return e;
      case Mode::kSea:
        break;
    }
    return std::nullopt;
  }

  void add_sea(std::size_t l, std::size_t u, std::size_t v) {
    const model::Link& link = s_.links[l];
    for (const auto& id : link.sea.vessels) {
      const model::Fleet* f = s_.find_fleet(id);
      if (f == nullptr) continue;
      const double speed = link.speed_kmh > 0 ? link.speed_kmh : f->speed_kmh;
      const double sail_s = link.length_km / speed * model::kSecondsPerHour;
      const double round_trip_s = 2 * sail_s + handling_s(s_.nodes[u], f->berth_type) +
                                  handling_s(s_.nodes[v], f->berth_type);
      const double per_day = f->count * kDay / round_trip_s;
      const double load_t = vessel_t(*f);
      Element e;
      e.kind = Element::Kind::kFerry;
      e.id = link.id;
      e.where = fmt::format("{} → {} ({})", s_.nodes[u].id, s_.nodes[v].id, f->id);
      e.capacity_t_per_year = per_day * load_t * kYear;
      e.derivation = fmt::format(
          "{} vessel(s) × 1 d / {} round trip (2 × {} sailing + handling at both ends) → {:.2f} "
          "sailings/day × {:.0f} t → {}",
          f->count, duration_text(round_trip_s), duration_text(sail_s), per_day, load_t,
          rate_text(e.capacity_t_per_year));
      const auto at_u = berths(u, f->berth_type, load_t);
      const auto ferry = element(std::move(e));
      const auto at_v = berths(v, f->berth_type, load_t);
      if (!at_u || !ferry || !at_v) continue;
      std::size_t cur = vertex(u, kSea);
      for (const auto& p : {*at_u, *ferry, *at_v}) {
        if (p == Pair{}) continue;
        arc(cur, p.first);
        cur = p.second;
      }
      arc(cur, vertex(v, kSea));
    }
  }

  void add_link(std::size_t l) {
    const model::Link& link = s_.links[l];
    const std::size_t from = net_.hop_from(graph::Hop{l, true});
    const std::size_t to = net_.hop_to(graph::Hop{l, true});
    for (const bool forward : {true, false}) {
      const std::size_t u = forward ? from : to;
      const std::size_t v = forward ? to : from;
      if (link.mode == Mode::kSea) {
        add_sea(l, u, v);
        continue;
      }
      const int carrier = carrier_of(link);
      const bool vehicles = link.mode == Mode::kRail || link.mode == Mode::kRoad;
      const bool crosses = vehicles && s_.nodes[u].country != s_.nodes[v].country;
      std::vector<Pair> chain;
      if (crosses) {
        const auto exit = border(u, true, link.mode, carrier);
        if (!exit) continue;
        chain.push_back(*exit);
      }
      if (auto e = link_element(l, u, v)) {
        const auto p = element(std::move(*e));
        if (!p) continue;
        chain.push_back(*p);
      }
      if (crosses) {
        const auto entry = border(v, false, link.mode, carrier);
        if (!entry) continue;
        chain.push_back(*entry);
      }
      std::size_t cur = vertex(u, carrier);
      for (const Pair& p : chain) {
        if (p == Pair{}) continue;
        arc(cur, p.first);
        cur = p.second;
      }
      arc(cur, vertex(v, carrier));
    }
  }

  /// Changes of carrier at nodes, where routing allows them: at ports to and from the sea,
  /// through the node's transfer lines between land carriers.
  void add_node_changes() {
    std::map<std::size_t, std::vector<std::pair<int, std::size_t>>> at_node;
    for (const auto& [key, v] : vertices_) at_node[key.first].emplace_back(key.second, v);
    for (const auto& [n, carriers] : at_node) {
      if (carriers.size() < 2) continue;
      const model::Node& node = s_.nodes[n];
      const bool port = node.kind == model::NodeKind::kPort || !node.berths.empty();
      std::optional<Pair> transfer;
      bool transfer_tried = false;
      for (const auto& [c1, v1] : carriers) {
        for (const auto& [c2, v2] : carriers) {
          if (c1 == c2) continue;
          if (c1 == kSea || c2 == kSea) {
            if (port) arc(v1, v2);
            continue;
          }
          if (!node.transfer) continue;
          if (!transfer_tried) {
            transfer_tried = true;
            transfer = element(transfer_element(n, carriers));
            if (transfer) {
              for (const auto& [c, v] : carriers) {
                if (c == kSea) continue;
                arc(v, transfer->first);
                arc(transfer->second, v);
              }
            }
          }
        }
      }
    }
  }

  Element transfer_element(std::size_t n,
                           const std::vector<std::pair<int, std::size_t>>& carriers) const {
    const model::Node& node = s_.nodes[n];
    const model::Transfer& t = *node.transfer;
    // A unit is a wagon of the largest-wagon fleet at this node (or a truck load).
    double unit_t = 0;
    for (const auto& [c, v] : carriers) {
      if (c >= kRailBase) {
        if (const auto* f = fleet(Mode::kRail, c - kRailBase)) {
          unit_t = std::max(unit_t, f->payload_per_wagon_t);
        }
      } else if (c == kRoad) {
        unit_t = std::max(unit_t, vehicle_t(fleet(Mode::kRoad, 0)));
      }
    }
    const double per_day = t.lines * kDay / t.seconds_per_unit;
    Element e;
    e.kind = Element::Kind::kTransfer;
    e.id = node.id;
    e.capacity_t_per_year = per_day * unit_t * kYear;
    e.derivation = fmt::format(
        "transfer, {} line(s) × 1 d / {} per unit → {:.0f} units/day × "
        "{:.0f} t → {}",
        t.lines, duration_text(t.seconds_per_unit), per_day, unit_t,
        rate_text(e.capacity_t_per_year));
    return e;
  }

  const graph::Network& net_;
  const model::Scenario& s_;
  std::vector<const model::Flow*> flows_;
  std::vector<bool> links_;
  std::size_t vertex_count_ = 2;
  std::map<std::pair<std::size_t, int>, std::size_t> vertices_;
  std::vector<Arc> arcs_;
  std::vector<int> arc_element_;  ///< per arc: index into elements_, or -1 for no limit
  std::vector<Element> elements_;
  std::map<std::string, std::optional<Pair>> shared_;
  std::string notes_;
};

/// The mean time a vehicle spends at border processes on a hop.
double border_dwell_s(const model::Scenario& s, std::size_t a, std::size_t b) {
  if (s.nodes[a].country == s.nodes[b].country) return 0;
  double dwell_s = 0;
  if (s.nodes[a].border && s.nodes[a].border->exit) {
    dwell_s += s.nodes[a].border->exit->dwell.expected_s();
  }
  if (s.nodes[b].border && s.nodes[b].border->entry) {
    dwell_s += s.nodes[b].border->entry->dwell.expected_s();
  }
  return dwell_s;
}

/// Fleet bounds on the rail and road legs of a flow's route: vehicles × 1 d / cycle time.
std::vector<Element> fleet_bounds(const graph::Network& net, const model::Flow& flow) {
  const model::Scenario& s = net.scenario();
  std::vector<Element> bounds;
  const auto route = net.route(flow);
  if (!route) return bounds;
  std::size_t i = 0;
  while (i < route->size()) {
    const model::Link& first = s.links[(*route)[i].link];
    std::size_t j = i + 1;
    auto same_leg = [&](const model::Link& x) {
      return x.mode == first.mode && x.mode != Mode::kSea &&
             (x.mode != Mode::kRail || x.rail.gauge_mm == first.rail.gauge_mm);
    };
    while (j < route->size() && same_leg(s.links[(*route)[j].link])) ++j;
    if (first.mode == Mode::kRail || first.mode == Mode::kRoad) {
      const model::Fleet* f = fleet_for(s, &flow, first.mode, first.rail.gauge_mm);
      if (f != nullptr && f->count > 0) {
        double cycle_s = 0;
        for (std::size_t k = i; k < j; ++k) {
          const graph::Hop hop = (*route)[k];
          const model::Link& link = s.links[hop.link];
          const std::size_t a = net.hop_from(hop);
          const std::size_t b = net.hop_to(hop);
          cycle_s += 2 * link.length_km / speed_kmh(link, f) * model::kSecondsPerHour;
          if (link.mode == Mode::kRail && link.rail.tracks == 1) {
            cycle_s +=
                2.0 * static_cast<double>(link.rail.loops_km.size() + 1) * link.rail.crossing_s;
          }
          if (link.mode == Mode::kRoad && link.road.checkpoint) {
            cycle_s += 2 * link.road.checkpoint->processing.expected_s();
          }
          cycle_s += border_dwell_s(s, a, b) + border_dwell_s(s, b, a);
        }
        const double per_day = f->count * kDay / cycle_s;
        const double load_t = vehicle_t(f);
        Element e;
        e.kind = Element::Kind::kFleet;
        e.id = f->id;
        e.where = fmt::format("{} → {}", s.nodes[net.hop_from((*route)[i])].id,
                              s.nodes[net.hop_to((*route)[j - 1])].id);
        e.capacity_t_per_year = per_day * load_t * kYear;
        e.derivation = fmt::format(
            "{} {} × 1 d / {} cycle (running, crossings, borders; back empty) → {:.2f} "
            "loaded/day × {:.0f} t → {}",
            f->count, f->kind == model::FleetKind::kTrain ? "trainset(s)" : "truck(s)",
            duration_text(cycle_s), per_day, load_t, rate_text(e.capacity_t_per_year));
        bounds.push_back(std::move(e));
      }
    }
    i = j;
  }
  return bounds;
}

/// Combines the infrastructure bound with per-flow fleet bounds (each flow limited by its
/// tightest fleet; the flows' limits add up).
void apply_fleets(Bound& bound, const std::vector<std::vector<Element>>& per_flow) {
  double fleet_total = 0;
  std::vector<Element> binding;
  for (const auto& bounds : per_flow) {
    if (bounds.empty()) return;  // a flow without a fleet limit: fleets do not bind
    const auto tightest =
        std::min_element(bounds.begin(), bounds.end(), [](const Element& a, const Element& b) {
          return a.capacity_t_per_year < b.capacity_t_per_year;
        });
    fleet_total += tightest->capacity_t_per_year;
    binding.push_back(*tightest);
    bound.elements.insert(bound.elements.end(), bounds.begin(), bounds.end());
  }
  if (per_flow.empty()) return;
  if (bound.unbounded || fleet_total < bound.capacity_t_per_year) {
    bound.unbounded = false;
    bound.capacity_t_per_year = fleet_total;
    bound.binding = std::move(binding);
  }
}

}  // namespace

const char* to_string(Element::Kind kind) {
  switch (kind) {
    case Element::Kind::kSingleTrack:
      return "single_track";
    case Element::Kind::kDoubleTrack:
      return "double_track";
    case Element::Kind::kRoadCheckpoint:
      return "road_checkpoint";
    case Element::Kind::kPipeline:
      return "pipeline";
    case Element::Kind::kFerry:
      return "ferry";
    case Element::Kind::kBerths:
      return "berths";
    case Element::Kind::kBorderExit:
      return "border_exit";
    case Element::Kind::kBorderEntry:
      return "border_entry";
    case Element::Kind::kTransfer:
      return "transfer";
    case Element::Kind::kFleet:
      return "fleet";
  }
  return "?";
}

namespace {

/// The bound of `flow` on `graph`, a capacity graph made for it or for a flow that allows the
/// same modes and fleets (which gives the same graph); `fleets` are its fleet_bounds.
Bound flow_bound(const graph::Network& network, const CapacityGraph& graph, MaxFlowGraph& solver,
                 const model::Flow& flow, const std::vector<Element>& fleets) {
  const auto origin = network.node_index(flow.origin);
  const auto destination = network.node_index(flow.destination);
  Bound bound;
  if (!origin || !destination || *origin == *destination) {
    bound.unbounded = origin && destination;
    bound.note = "origin and destination coincide or are unknown";
  } else {
    bound = graph.solve({*origin}, {*destination}, solver);
    apply_fleets(bound, {fleets});
  }
  bound.subject = "flow " + flow.id;
  return bound;
}

}  // namespace

Bound analyse_flow(const graph::Network& network, const model::Flow& flow) {
  const CapacityGraph graph(network, {&flow}, std::vector<bool>(network.link_count(), true));
  return flow_bound(network, graph, *graph.solver(), flow, fleet_bounds(network, flow));
}

Bound analyse_corridor(const graph::Network& network, const model::Corridor& corridor) {
  const model::Scenario& s = network.scenario();
  Bound bound;
  if (!corridor.flows.empty()) {
    std::vector<const model::Flow*> flows;
    std::vector<std::size_t> origins;
    std::vector<std::size_t> destinations;
    std::vector<std::vector<Element>> fleets;
    for (const auto& id : corridor.flows) {
      const model::Flow* flow = s.find_flow(id);
      if (flow == nullptr) continue;
      flows.push_back(flow);
      origins.push_back(*network.node_index(flow->origin));
      destinations.push_back(*network.node_index(flow->destination));
      fleets.push_back(fleet_bounds(network, *flow));
    }
    const CapacityGraph graph(network, flows, std::vector<bool>(network.link_count(), true));
    bound = graph.solve(origins, destinations, *graph.solver());
    apply_fleets(bound, fleets);
  } else {
    // The chain of corridor links: its two ends are the nodes on exactly one of its links.
    std::vector<bool> links(network.link_count(), false);
    std::map<std::size_t, int> degree;
    for (const auto& id : corridor.links) {
      if (const auto l = network.link_index(id)) {
        links[*l] = true;
        ++degree[network.hop_from(graph::Hop{*l, true})];
        ++degree[network.hop_to(graph::Hop{*l, true})];
      }
    }
    std::vector<std::size_t> ends;
    for (const auto& [n, d] : degree) {
      if (d == 1) ends.push_back(n);
    }
    if (ends.size() != 2) {
      bound.note = "the corridor's links do not form a chain with two ends";
    } else {
      const CapacityGraph graph(network, {}, links);
      const auto solver = graph.solver();
      Bound there = graph.solve({ends[0]}, {ends[1]}, *solver);
      Bound back = graph.solve({ends[1]}, {ends[0]}, *solver);
      const bool back_larger =
          back.unbounded ||
          (!there.unbounded && back.capacity_t_per_year > there.capacity_t_per_year);
      bound = back_larger ? std::move(back) : std::move(there);
    }
  }
  bound.subject = "corridor " + corridor.id;
  return bound;
}

std::vector<Bound> analyse(const graph::Network& network, const AnalysisProgress& progress,
                           int threads) {
  const model::Scenario& s = network.scenario();
  const std::size_t total = s.corridors.empty() ? s.flows.size() : s.corridors.size();
  std::vector<Bound> bounds(total);
  std::mutex mutex;  // guards `graphs`, `done` and the calls of `progress`
  std::size_t done = 0;
  if (progress) progress(0, total);

  // Flows that allow the same modes and fleets share one capacity graph: on a large network
  // building it is much of the work of a bound. A graph is built by the first thread that needs
  // it; each thread solves on it with a solver of its own.
  std::map<std::pair<std::vector<Mode>, std::vector<std::string>>, std::unique_ptr<CapacityGraph>>
      graphs;
  auto graph_for = [&](const model::Flow& flow) -> const CapacityGraph& {
    const std::lock_guard<std::mutex> lock(mutex);
    auto& graph = graphs[{flow.modes, flow.fleets}];
    if (!graph) {
      graph = std::make_unique<CapacityGraph>(network, std::vector<const model::Flow*>{&flow},
                                              std::vector<bool>(network.link_count(), true));
    }
    return *graph;
  };

  // The fleet bounds need each flow's route. Routing is one search at a time on a search graph
  // kept for one set of modes and via nodes and built again for another, so the routes come
  // first, on this thread, in flows grouped by those.
  std::vector<std::vector<Element>> fleets(s.corridors.empty() ? total : 0);
  if (s.corridors.empty()) {
    std::vector<std::size_t> order(total);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(s.flows[a].modes, s.flows[a].via) <
             std::tie(s.flows[b].modes, s.flows[b].via);
    });
    for (const std::size_t i : order) fleets[i] = fleet_bounds(network, s.flows[i]);
  }

  // Bounds are taken in order by whichever worker is free; each is written to its own place,
  // so the result does not depend on the number of threads. Each worker has its own solvers.
  const auto workers = static_cast<unsigned>(std::max(1, threads));
  std::vector<std::map<const CapacityGraph*, std::unique_ptr<MaxFlowGraph>>> solvers(workers);
  core::parallel_for(total, workers, [&](std::size_t i, unsigned worker) {
    if (s.corridors.empty()) {
      const CapacityGraph& graph = graph_for(s.flows[i]);
      auto& solver = solvers[worker][&graph];
      if (!solver) solver = graph.solver();
      bounds[i] = flow_bound(network, graph, *solver, s.flows[i], fleets[i]);
    } else {
      bounds[i] = analyse_corridor(network, s.corridors[i]);
    }
    const std::lock_guard<std::mutex> lock(mutex);
    ++done;
    if (progress && done < total) progress(done, total);
  });
  if (progress) progress(total, total);
  return bounds;
}

}  // namespace corridor::capacity
