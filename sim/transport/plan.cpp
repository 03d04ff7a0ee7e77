// Builds the simulation plan from a network: routes flows, splits routes into legs served by one
// kind of vehicle, creates one kernel resource per capacity element (section, siding, headway,
// checkpoint, border channel group, berth group, transfer line group) and compiles each rail or
// road service into a vehicle program.
#include "plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "corridor/core/random.hpp"
#include "corridor/error.hpp"

namespace corridor::transport {
namespace {

using model::Mode;

class Builder {
 public:
  Builder(const graph::Network& network, Plan& plan)
      : net_(network), sc_(network.scenario()), plan_(plan) {}

  void build() {
    plan_.scenario = &sc_;
    plan_.network = &net_;
    plan_.node_resources.assign(sc_.nodes.size(), {});
    plan_.link_resources.assign(sc_.links.size(), {});
    plan_.sea_of_link.assign(sc_.links.size(), -1);
    build_corridor_masks();
    for (const auto& d : sc_.disruptions) {
      for (const auto& t : d.targets) {
        if (auto l = net_.link_index(t)) closable_links_.insert(static_cast<std::uint32_t>(*l));
      }
    }
    for (std::size_t f = 0; f < sc_.flows.size(); ++f) build_flow(f);
    build_disruptions();
    if (!diagnostics_.empty()) throw ScenarioError(std::move(diagnostics_));
  }

 private:
  void error(const std::string& path, const std::string& message) {
    // Flow and link problems point at the entry in the file (`demand[i]...`, `links[i]...`).
    SourceLocation where{sc_.file, 0, 0};
    const auto entry = [&](const std::string& prefix, const auto& entries) {
      if (path.rfind(prefix, 0) != 0) return;
      const auto i = static_cast<std::size_t>(std::stoul(path.substr(prefix.size())));
      if (i < entries.size() && !entries[i].where.file.empty()) where = entries[i].where;
    };
    entry("demand[", sc_.flows);
    entry("links[", sc_.links);
    diagnostics_.push_back(Diagnostic{where, path, message});
  }

  const model::Node& node(std::size_t i) const { return sc_.nodes[i]; }
  const model::Link& link(std::size_t i) const { return sc_.links[i]; }

  std::uint32_t add_resource(int capacity, Owner owner, std::size_t owner_index,
                             bool counts_utilisation = true, bool lots = false) {
    ResourceSpec r;
    r.capacity = capacity;
    r.owner = owner;
    r.owner_index = static_cast<std::uint32_t>(owner_index);
    r.counts_utilisation = counts_utilisation;
    r.lots = lots;
    plan_.resources.push_back(r);
    plan_.sections.emplace_back();  // a single-track section's is set by compile()
    auto id = static_cast<std::uint32_t>(plan_.resources.size() - 1);
    if (counts_utilisation) {
      if (owner == Owner::kLink) plan_.link_resources[owner_index].push_back(id);
      if (owner == Owner::kNode) plan_.node_resources[owner_index].push_back(id);
    }
    return id;
  }

  // --- resources, created once and shared by every service that uses them -------------------

  std::uint32_t section(std::size_t l, std::size_t s) {
    auto [it, fresh] = sections_.try_emplace({l, s}, 0);
    if (fresh) it->second = add_resource(1, Owner::kLink, l);
    return it->second;
  }

  std::uint32_t loop_siding(std::size_t l, std::size_t loop, bool forward) {
    auto [it, fresh] = loop_sidings_.try_emplace({l, loop, forward}, 0);
    if (fresh) it->second = add_resource(1, Owner::kLink, l, false);
    return it->second;
  }

  std::uint32_t node_siding(std::size_t n, std::size_t next_link, bool forward) {
    auto [it, fresh] = node_sidings_.try_emplace({n, next_link, forward}, 0);
    if (fresh) it->second = add_resource(node(n).sidings, Owner::kNode, n, false);
    return it->second;
  }

  std::uint32_t headway(std::size_t l, bool forward) {
    auto [it, fresh] = headways_.try_emplace({l, forward}, 0);
    if (fresh) it->second = add_resource(1, Owner::kLink, l);
    return it->second;
  }

  std::uint32_t process(const std::string& key, int capacity, Owner owner, std::size_t index,
                        const model::Distribution& d, const model::OperatingHours& hours) {
    auto [it, fresh] = processes_.try_emplace(key, 0);
    if (fresh) {
      ProcessSpec p;
      p.resource = add_resource(capacity, owner, index);
      p.duration = d;
      p.hours = hours;
      p.stream = core::stream_key(key);
      plan_.processes.push_back(p);
      it->second = static_cast<std::uint32_t>(plan_.processes.size() - 1);
    }
    return it->second;
  }

  std::uint32_t berth(std::size_t n, const model::BerthGroup& g) {
    auto [it, fresh] = berths_.try_emplace({n, g.type}, 0);
    if (fresh) it->second = add_resource(g.count, Owner::kNode, n);
    return it->second;
  }

  // --- corridors ------------------------------------------------------------------------------

  void build_corridor_masks() {
    plan_.link_corridor_mask.assign(sc_.links.size(), 0);
    flow_corridor_mask_.assign(sc_.flows.size(), 0);
    if (sc_.corridors.size() > 64) {
      error("corridors",
            fmt::format("{} corridors given; at most 64 are supported", sc_.corridors.size()));
      return;
    }
    for (std::size_t c = 0; c < sc_.corridors.size(); ++c) {
      const std::uint64_t bit = std::uint64_t{1} << c;
      for (const auto& id : sc_.corridors[c].links) {
        if (auto l = net_.link_index(id)) plan_.link_corridor_mask[*l] |= bit;
      }
      for (const auto& id : sc_.corridors[c].flows) {
        for (std::size_t f = 0; f < sc_.flows.size(); ++f) {
          if (sc_.flows[f].id == id) flow_corridor_mask_[f] |= bit;
        }
      }
    }
  }

  // --- flows ----------------------------------------------------------------------------------

  static bool same_leg(const model::Link& a, const model::Link& b) {
    if (a.mode != b.mode) return false;
    if (a.mode == Mode::kRail) return a.rail.gauge_mm == b.rail.gauge_mm;
    return a.mode != Mode::kSea;  // each sea crossing is its own leg
  }

  void build_flow(std::size_t f) {
    const model::Flow& flow = sc_.flows[f];
    const std::string path = fmt::format("demand[{}]", f);
    FlowSpec spec;
    spec.rate_t_per_s = flow.volume_t_per_year / model::kSecondsPerYear;
    spec.stream = core::stream_key("flow/" + flow.id);
    spec.corridor_mask = flow_corridor_mask_[f];

    auto route = net_.route(flow);
    if (!route) {
      error(path, fmt::format("no route from '{}' to '{}'{}{}", flow.origin, flow.destination,
                              flow.modes.empty() ? "" : " over the allowed modes",
                              flow.via.empty() ? "" : " through the listed via nodes"));
      plan_.flows.push_back(spec);
      return;
    }
    for (const auto& hop : *route) spec.route_km += link(hop.link).length_km;

    // Split the route into groups of hops served by one kind of vehicle.
    std::vector<std::vector<graph::Hop>> groups;
    for (const auto& hop : *route) {
      if (groups.empty() || !same_leg(link(groups.back().back().link), link(hop.link))) {
        groups.emplace_back();
      }
      groups.back().push_back(hop);
    }

    char carrier = 'b';  // what the cargo travels in: w(agon), t(ruck), b(ulk)
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto& hops = groups[g];
      const model::Link& first = link(hops.front().link);
      const std::size_t start = net_.hop_from(hops.front());
      if (g > 0) {
        const model::Link& prev = link(groups[g - 1].back().link);
        const bool via_port = prev.mode == Mode::kSea || first.mode == Mode::kSea;
        if (!via_port && node(start).transfer) {
          spec.legs.push_back(LegSpec{LegSpec::kTransfer, transfer(start), 0});
        }
      }
      switch (first.mode) {
        case Mode::kRail:
        case Mode::kRoad: {
          auto service = service_for(flow, path, hops);
          if (!service) return fail_flow(spec);
          spec.legs.push_back(LegSpec{LegSpec::kService, *service, 0});
          carrier = first.mode == Mode::kRail ? 'w' : 't';
          break;
        }
        case Mode::kSea: {
          if (g == 0) carrier = first_land_carrier(groups);  // loaded at the port of origin
          auto sea = sea_for(path, hops.front().link, carrier);
          if (!sea) return fail_flow(spec);
          spec.legs.push_back(LegSpec{LegSpec::kSea, *sea,
                                      static_cast<std::uint8_t>(hops.front().forward ? 0 : 1)});
          break;
        }
        case Mode::kPipeline:
          spec.legs.push_back(LegSpec{LegSpec::kPipeline, pipeline_for(hops), 0});
          carrier = 'b';
          break;
      }
    }

    // Lot size: one wagon or truck load by default; a day's volume for pipelines.
    spec.lot_t = flow.lot_t;
    if (spec.lot_t <= 0 && !spec.legs.empty()) {
      const LegSpec& leg0 = spec.legs.front();
      if (leg0.kind == LegSpec::kService) {
        spec.lot_t = plan_.services[leg0.index].unit_t;
      } else if (leg0.kind == LegSpec::kSea) {
        // Cargo from a port goes in the wagons or trucks of its next land leg, or in bulk.
        spec.lot_t = first_land_unit_t(spec);
        if (spec.lot_t <= 0) {
          const auto& fl = sc_.fleets[plan_.seas[leg0.index].vessels.front().fleet];
          spec.lot_t = fl.capacity_t > 0 ? std::min(fl.capacity_t, 1000.0) : 1000.0;
        }
      } else {
        spec.lot_t = std::max(1.0, flow.volume_t_per_year / model::kDaysPerYear);
      }
    }
    if (spec.lot_t <= 0) spec.lot_t = 1;
    for (LegSpec& leg : spec.legs) {
      if (leg.kind == LegSpec::kService) {
        const ServiceSpec& svc = plan_.services[leg.index];
        leg.whole_lot_units = units_for(spec.lot_t, svc.unit_t);
        leg.carrier = svc.mode == model::Mode::kRail ? 'w' : 't';
      }
    }
    plan_.flows.push_back(spec);
  }

  // The unit cargo travels in when it starts at a port: wagons or trucks of the first land leg.
  char first_land_carrier(const std::vector<std::vector<graph::Hop>>& groups) const {
    for (const auto& g : groups) {
      const Mode m = link(g.front().link).mode;
      if (m == Mode::kRail) return 'w';
      if (m == Mode::kRoad) return 't';
    }
    return 'b';
  }

  // Tonnes per wagon or truck of the first land leg of a flow, or 0.
  double first_land_unit_t(const FlowSpec& spec) const {
    for (const LegSpec& leg : spec.legs) {
      if (leg.kind == LegSpec::kService) return plan_.services[leg.index].unit_t;
    }
    return 0;
  }

  void fail_flow(FlowSpec& spec) {
    spec.legs.clear();
    plan_.flows.push_back(spec);
  }

  std::uint32_t transfer(std::size_t n) {
    auto [it, fresh] = transfers_.try_emplace(n, 0);
    if (fresh) {
      const model::Transfer& t = *node(n).transfer;
      TransferSpec spec;
      spec.node = static_cast<std::uint32_t>(n);
      spec.resource = add_resource(t.lines, Owner::kNode, n, true, true);
      spec.per_unit = seconds_to_ticks(t.seconds_per_unit);
      plan_.transfers.push_back(spec);
      it->second = static_cast<std::uint32_t>(plan_.transfers.size() - 1);
    }
    return it->second;
  }

  // Picks the fleet for a rail or road leg: the flow's listed fleets first, else the first fleet
  // of the right kind (and gauge).
  std::optional<std::uint32_t> fleet_for(const model::Flow& flow, const model::Link& first) {
    auto fits = [&](const model::Fleet& fl) {
      if (first.mode == Mode::kRail) {
        return fl.kind == model::FleetKind::kTrain && fl.gauge_mm == first.rail.gauge_mm;
      }
      return fl.kind == model::FleetKind::kTruck;
    };
    for (const auto& id : flow.fleets) {
      for (std::size_t i = 0; i < sc_.fleets.size(); ++i) {
        if (sc_.fleets[i].id == id && fits(sc_.fleets[i])) return static_cast<std::uint32_t>(i);
      }
    }
    for (std::size_t i = 0; i < sc_.fleets.size(); ++i) {
      if (fits(sc_.fleets[i])) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
  }

  std::optional<std::uint32_t> service_for(const model::Flow& flow, const std::string& path,
                                           const std::vector<graph::Hop>& hops) {
    const model::Link& first = link(hops.front().link);
    const std::size_t from = net_.hop_from(hops.front());
    const std::size_t to = net_.hop_to(hops.back());
    auto fleet = fleet_for(flow, first);
    if (!fleet) {
      error(path, first.mode == Mode::kRail
                      ? fmt::format("no train fleet of gauge {} mm for the rail leg '{}' -> '{}'",
                                    first.rail.gauge_mm, node(from).id, node(to).id)
                      : fmt::format("no truck fleet for the road leg '{}' -> '{}'", node(from).id,
                                    node(to).id));
      return std::nullopt;
    }
    std::string key = fmt::format("{}", *fleet);
    for (const auto& h : hops) key += fmt::format("/{}{}", h.link, h.forward ? '+' : '-');
    auto [it, fresh] = services_.try_emplace(key, 0);
    if (!fresh) return it->second;

    const model::Fleet& fl = sc_.fleets[*fleet];
    ServiceSpec s;
    s.mode = first.mode;
    s.fleet = *fleet;
    s.from_node = static_cast<std::uint32_t>(from);
    s.to_node = static_cast<std::uint32_t>(to);
    s.hops = hops;
    if (first.mode == Mode::kRail) {
      s.unit_t = fl.payload_per_wagon_t;
      s.capacity_t = fl.train_payload_t();
    } else {
      s.unit_t = fl.payload_t;
      s.capacity_t = fl.payload_t;
    }
    s.max_wait = seconds_to_ticks(fl.departure.max_wait_s);
    s.outbound = compile(hops, fl);
    std::vector<graph::Hop> back(hops.rbegin(), hops.rend());
    for (auto& h : back) h.forward = !h.forward;
    s.inbound = compile(back, fl);
    s.passive_return =
        fl.kind == model::FleetKind::kTruck && fl.count == 0 &&
        std::all_of(plan_.ops.begin() + s.inbound.begin, plan_.ops.begin() + s.inbound.end,
                    [](const Op& op) { return op.code == Op::kRun || op.code == Op::kTraverse; });
    plan_.services.push_back(std::move(s));
    it->second = static_cast<std::uint32_t>(plan_.services.size() - 1);
    return it->second;
  }

  // --- vehicle programs -----------------------------------------------------------------------

  void emit(Op::Code code, std::uint32_t a = 0, core::Tick ticks = 0) {
    Op op;
    op.code = code;
    op.a = a;
    op.ticks = op_ticks(ticks);
    plan_.ops.push_back(op);
  }

  // A time held by one operation (a section's run, a headway, a crossing's clearance), which
  // cannot be split: 49.7 days at most. A plain run longer than that is split (emit_run).
  std::uint32_t op_ticks(core::Tick ticks) {
    if (ticks <= Op::kMaxTicks) return static_cast<std::uint32_t>(ticks);
    // Once per link, although both directions and every service crossing it meet it.
    if (too_long_links_.insert(link_being_planned_).second) {
      const model::Link& l = link(link_being_planned_);
      error(fmt::format("links[{}]", link_being_planned_),
            fmt::format("link '{}': a vehicle would take {:.1f} days over one single-track "
                        "section, headway or crossing; at most {:.1f} are supported (check "
                        "the link's length, speed, loops and times)",
                        l.id, ticks_to_seconds(ticks) / model::kSecondsPerDay,
                        ticks_to_seconds(Op::kMaxTicks) / model::kSecondsPerDay));
    }
    return 0;
  }

  // When the program ends in a single-track section followed by its release, removes the
  // release and returns true: the next operation then begins with it (Op::release_previous).
  bool drop_section_release() {
    const std::size_t n = plan_.ops.size();
    const bool fuse = n >= program_begin_ + 2 && plan_.ops[n - 1].code == Op::kRelease &&
                      plan_.ops[n - 2].code == Op::kSection &&
                      plan_.ops[n - 2].a == plan_.ops[n - 1].a;
    if (fuse) plan_.ops.pop_back();
    return fuse;
  }

  // A closure check, only for links that some disruption targets.
  void emit_wait_open(std::uint32_t l) {
    if (closable_links_.count(l) != 0) emit(Op::kWaitOpen, l);
  }

  // A run that directly follows another run (with only crossing counts between them) is
  // merged into it: one event instead of two, the same arrival time.
  void emit_run(core::Tick ticks) {
    std::size_t i = plan_.ops.size();
    while (i > program_begin_ && plan_.ops[i - 1].code == Op::kTraverse) --i;
    if (i > program_begin_ && plan_.ops[i - 1].code == Op::kRun &&
        plan_.ops[i - 1].ticks + ticks <= Op::kMaxTicks) {
      plan_.ops[i - 1].ticks += static_cast<std::uint32_t>(ticks);
      return;
    }
    // Beyond what one operation holds, one run after another (the same arrival time).
    for (; ticks > Op::kMaxTicks; ticks -= Op::kMaxTicks) emit(Op::kRun, 0, Op::kMaxTicks);
    emit(Op::kRun, 0, ticks);
  }

  // A processing step: take a channel, wait for opening hours, hold it, give it back.
  void emit_process(std::uint32_t p) {
    emit(Op::kProcess, p);
    plan_.ops.back().ahead = plan_.processes[p].resource;
  }

  double speed_kmh(const model::Link& l, const model::Fleet& fl) const {
    double v = l.speed_kmh;
    if (fl.speed_kmh > 0 && (v <= 0 || fl.speed_kmh < v)) v = fl.speed_kmh;
    return v;
  }

  std::optional<std::uint32_t> border_process(std::size_t n, bool exit) {
    const model::Node& nd = node(n);
    if (!nd.border) return std::nullopt;
    const auto& p = exit ? nd.border->exit : nd.border->entry;
    if (!p) return std::nullopt;
    return process(fmt::format("node/{}/border/{}", nd.id, exit ? "exit" : "entry"), p->channels,
                   Owner::kNode, n, p->dwell, p->hours);
  }

  // A vehicle program for running `hops` in order. A train enters a single-track section only
  // after it holds a siding at the station ahead (deadlock-free crossing at loops), and
  // releases the siding it stood on once it is in the section.
  Program compile(const std::vector<graph::Hop>& hops, const model::Fleet& fl) {
    Program prog;
    prog.begin = static_cast<std::uint32_t>(plan_.ops.size());
    program_begin_ = prog.begin;
    std::optional<std::uint32_t> held;  // siding the vehicle stands on
    for (std::size_t h = 0; h < hops.size(); ++h) {
      const graph::Hop hop = hops[h];
      const model::Link& l = link(hop.link);
      const std::size_t a = net_.hop_from(hop);
      const std::size_t b = net_.hop_to(hop);
      const bool leg_end = h + 1 == hops.size();
      const auto lk = static_cast<std::uint32_t>(hop.link);
      link_being_planned_ = lk;

      if (node(a).country != node(b).country) {
        if (auto p = border_process(a, true)) emit_process(*p);
      }
      const double v = speed_kmh(l, fl);
      if (l.mode == Mode::kRail && l.rail.tracks == 1) {
        std::vector<double> cuts{0.0};
        cuts.insert(cuts.end(), l.rail.loops_km.begin(), l.rail.loops_km.end());
        cuts.push_back(l.length_km);
        const std::size_t n_sections = cuts.size() - 1;
        for (std::size_t k = 0; k < n_sections; ++k) {
          // Section index in link terms, and the station at its far end.
          const std::size_t s = hop.forward ? k : n_sections - 1 - k;
          const double km = cuts[s + 1] - cuts[s];
          emit_wait_open(lk);
          std::optional<std::uint32_t> ahead;
          if (k + 1 < n_sections) {
            const std::size_t loop = hop.forward ? s : s - 1;  // index into loops_km
            ahead = loop_siding(hop.link, loop, hop.forward);
          } else if (!leg_end) {
            ahead = node_siding(b, hops[h + 1].link, hops[h + 1].forward);
          }
          const std::uint32_t sec = section(hop.link, s);
          // Directly after the section before it (no closure check between), the release of
          // that section becomes the first step of this operation: one operation to read
          // instead of two at every section.
          const bool fuse = drop_section_release();
          emit(Op::kSection, sec, seconds_to_ticks(km / v * model::kSecondsPerHour));
          plan_.ops.back().release_previous = fuse;
          plan_.ops.back().ahead = ahead.value_or(kNoResource);
          plan_.ops.back().release_held = held.has_value();
          plan_.sections[sec].clearance = op_ticks(seconds_to_ticks(l.rail.crossing_s));
          plan_.sections[sec].link = lk;
          emit(Op::kRelease, sec);
          held = ahead;
        }
      } else {
        emit_wait_open(lk);
        const core::Tick run = seconds_to_ticks(l.length_km / v * model::kSecondsPerHour);
        if (l.mode == Mode::kRail) {  // double track: headway per direction
          const core::Tick gap = std::min(run, seconds_to_ticks(l.rail.headway_s));
          emit(Op::kHeadway, headway(hop.link, hop.forward), gap);
          plan_.ops.back().release_held = held.has_value();
          held.reset();
          emit_run(run - gap);
        } else {  // road
          if (held) emit(Op::kRelease, *held);
          held.reset();
          if (l.road.checkpoint) {
            const auto& cp = *l.road.checkpoint;
            emit_process(process(fmt::format("link/{}/checkpoint", l.id), cp.lanes, Owner::kLink,
                                 hop.link, cp.processing, cp.hours));
          }
          emit_run(run);
        }
      }
      // After the last single-track section, its release is the crossing's first step; when
      // the link is in no corridor, the section's operation does the crossing too.
      const bool fuse = drop_section_release();
      if (fuse && plan_.link_corridor_mask[lk] == 0) {
        plan_.ops.back().cross_after = true;
      } else {
        emit(Op::kTraverse, lk);
        plan_.ops.back().release_previous = fuse;
        plan_.ops.back().set_corridors(plan_.link_corridor_mask[lk]);
      }
      if (node(a).country != node(b).country) {
        if (auto p = border_process(b, false)) emit_process(*p);
      }
    }
    if (held) emit(Op::kRelease, *held);
    prog.end = static_cast<std::uint32_t>(plan_.ops.size());
    return prog;
  }

  // --- sea and pipeline -----------------------------------------------------------------------

  std::optional<std::uint32_t> sea_for(const std::string& path, std::size_t l, char carrier) {
    const model::Link& ln = link(l);
    std::int32_t& idx = plan_.sea_of_link[l];
    if (idx < 0) {
      SeaSpec sea;
      sea.link = static_cast<std::uint32_t>(l);
      sea.node[0] = static_cast<std::uint32_t>(*net_.node_index(ln.from));
      sea.node[1] = static_cast<std::uint32_t>(*net_.node_index(ln.to));
      bool ok = true;
      for (const auto& fid : ln.sea.vessels) {
        const model::Fleet* fl = sc_.find_fleet(fid);
        if (fl == nullptr) continue;
        auto owner = vessel_owner_.try_emplace(fid, ln.id).first->second;
        if (owner != ln.id) {
          error(path, fmt::format("vessel fleet '{}' serves sea links '{}' and '{}'; a vessel "
                                  "fleet serves one sea link",
                                  fid, owner, ln.id));
          ok = false;
          continue;
        }
        const double v = ln.speed_kmh > 0 ? ln.speed_kmh : fl->speed_kmh;
        SeaSpec::Vessel vessel;
        vessel.fleet = static_cast<std::uint32_t>(fl - sc_.fleets.data());
        vessel.sail = seconds_to_ticks(ln.length_km / v * model::kSecondsPerHour);
        for (int end = 0; end < 2; ++end) {
          const model::Node& port = node(sea.node[end]);
          auto g =
              std::find_if(port.berths.begin(), port.berths.end(),
                           [&](const model::BerthGroup& b) { return b.type == fl->berth_type; });
          if (g == port.berths.end()) {
            error(path, fmt::format("port '{}' has no '{}' berth for vessel fleet '{}'", port.id,
                                    fl->berth_type, fid));
            ok = false;
            break;
          }
          vessel.berth[end] = berth(sea.node[end], *g);
          vessel.handling[end] = g->handling;
        }
        vessel.stream = core::stream_key("fleet/" + fid);
        for (int i = 0; i < fl->count; ++i) sea.vessels.push_back(vessel);
      }
      if (!ok || sea.vessels.empty()) {
        if (ok) error(path, fmt::format("sea link '{}' has no vessels", ln.id));
        return std::nullopt;
      }
      plan_.seas.push_back(std::move(sea));
      idx = static_cast<std::int32_t>(plan_.seas.size() - 1);
    }
    // Some vessel on the link must be able to carry what arrives: wagons, trucks or bulk.
    const auto& vessels = plan_.seas[static_cast<std::size_t>(idx)].vessels;
    const bool fits = std::any_of(vessels.begin(), vessels.end(), [&](const SeaSpec::Vessel& v) {
      const model::Fleet& fl = sc_.fleets[v.fleet];
      return (carrier == 'w' && fl.capacity_wagons > 0) ||
             (carrier == 't' && fl.capacity_trucks > 0) || fl.capacity_t > 0;
    });
    if (!fits) {
      const char* what = carrier == 'w' ? "wagons" : carrier == 't' ? "trucks" : "bulk";
      error(path, fmt::format("no vessel on sea link '{}' can carry cargo in {}; give one of its "
                              "fleets capacity_{} or capacity",
                              ln.id, what, carrier == 't' ? "trucks" : "wagons"));
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(idx);
  }

  std::uint32_t pipeline_for(const std::vector<graph::Hop>& hops) {
    PipelineSpec p;
    p.hops = hops;
    p.rate_t_per_s = std::numeric_limits<double>::infinity();
    double batch_s = 0;
    double transit_s = 0;
    for (const auto& h : hops) {
      const model::Link& l = link(h.link);
      p.rate_t_per_s = std::min(p.rate_t_per_s, l.pipeline.rate_t_per_s);
      batch_s = std::max(batch_s, l.pipeline.batch_s);
      if (l.speed_kmh > 0) transit_s += l.length_km / l.speed_kmh * model::kSecondsPerHour;
    }
    p.batch = seconds_to_ticks(batch_s);
    p.transit = seconds_to_ticks(transit_s);
    plan_.pipelines.push_back(std::move(p));
    return static_cast<std::uint32_t>(plan_.pipelines.size() - 1);
  }

  // --- disruptions ----------------------------------------------------------------------------

  void build_disruptions() {
    for (const auto& d : sc_.disruptions) {
      for (const auto& target : d.targets) {
        DisruptionSpec spec;
        spec.kind = d.kind;
        if (auto l = net_.link_index(target)) {
          spec.is_link = true;
          spec.target = static_cast<std::uint32_t>(*l);
        } else if (auto n = net_.node_index(target)) {
          spec.is_link = false;
          spec.target = static_cast<std::uint32_t>(*n);
        } else {
          continue;  // the validator rejects unknown targets
        }
        spec.start_s = d.start_s;
        spec.end_s = d.end_s;
        spec.mtbf_s = d.mtbf_s;
        spec.mttr_s = d.mttr_s;
        spec.closed_fraction = d.closed_fraction;
        spec.mean_spell_s = d.mean_spell_s;
        spec.months = d.months;
        spec.stream = core::stream_key("disruption/" + d.id + "/" + target);
        plan_.disruptions.push_back(std::move(spec));
      }
    }
  }

  const graph::Network& net_;
  const model::Scenario& sc_;
  Plan& plan_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::uint64_t> flow_corridor_mask_;
  std::map<std::pair<std::size_t, std::size_t>, std::uint32_t> sections_;
  std::map<std::tuple<std::size_t, std::size_t, bool>, std::uint32_t> loop_sidings_;
  std::map<std::tuple<std::size_t, std::size_t, bool>, std::uint32_t> node_sidings_;
  std::map<std::pair<std::size_t, bool>, std::uint32_t> headways_;
  std::map<std::pair<std::size_t, std::string>, std::uint32_t> berths_;
  std::map<std::string, std::uint32_t> processes_;
  std::map<std::string, std::uint32_t> services_;
  std::map<std::size_t, std::uint32_t> transfers_;
  std::map<std::string, std::string> vessel_owner_;
  std::set<std::uint32_t> closable_links_;
  std::size_t program_begin_ = 0;
  std::uint32_t link_being_planned_ = 0;    ///< the link whose operations are being emitted
  std::set<std::uint32_t> too_long_links_;  ///< links already reported by op_ticks
};

}  // namespace

void build_plan(const graph::Network& network, Plan& plan) { Builder(network, plan).build(); }

}  // namespace corridor::transport
