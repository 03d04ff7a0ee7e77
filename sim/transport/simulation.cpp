// One replication of the transport model on the event kernel: flows generate cargo lots, rail
// and road vehicles execute their compiled programs, vessels shuttle between ports, pipelines
// move batches, transfer points process lots, and disruptions close links and nodes. The
// recorder part at the end turns counters into a ReplicationResult.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>

#include "corridor/core/random.hpp"
#include "corridor/core/resource.hpp"
#include "corridor/core/scheduler.hpp"
#include "corridor/core/statistics.hpp"
#include "corridor/error.hpp"
#include "corridor/transport/model.hpp"
#include "plan.hpp"

namespace corridor::transport {
namespace {

using core::Tick;

enum EventKind : std::uint16_t {
  kArrival,         // target: flow
  kStep,            // target: vehicle
  kServiceTimer,    // target: service; tag: epoch
  kVesselArrive,    // target: vessel (arrives at its port, asks for a berth)
  kVesselHandled,   // target: vessel (berth work done)
  kVesselTimer,     // target: vessel; tag: epoch
  kTransferDone,    // target: lot
  kPipelineBatch,   // target: pipeline
  kPipelineArrive,  // target: lot
  kDisruption,      // target: disruption; tag: 1 = close, 0 = open
  kWarmupEnd,
};

constexpr double kEps = 1e-9;

// Calendar buckets of 2^18 ms (about 4.4 minutes) to start with: a few events each in the
// Caspian scenarios, where most delays are between minutes and hours. Where they get crowded
// (the backlog of a Caspian year, much larger networks) the calendar narrows them and grows its
// wheel.
constexpr int kCalendarBucketBits = 18;

struct Lot {
  std::uint32_t flow = 0;
  std::uint16_t leg = 0;
  char carrier = 'b';
  std::uint32_t units = 1;
  double tonnes = 0;
  Tick created = 0;
  Tick queued = 0;  // when it joined its current queue
  Tick moving = 0;
  std::uint64_t mask = 0;  // corridors already counted
};

constexpr std::uint8_t kAfterRun = 4;  // Vehicle::stage

struct Vehicle {
  std::uint32_t service = 0;
  std::uint32_t pc = 0;
  std::uint32_t end = 0;   // end of the program it runs (a copy: the step needs nothing else)
  std::uint8_t stage = 0;  // how far a kSection got: 0 nothing done, 1 the section behind
                           // released, 2 the siding ahead taken too, 3 the section too,
                           // kAfterRun its run under way, with what follows the run still
                           // to do (a kSection's crossing, a release); before that a
                           // kHeadway uses 0 and 1 (the headway granted), a kProcess 0, 1 (a
                           // channel granted) and 2 (opening hours waited for)
  bool returning = false;
  std::uint32_t held = kNoResource;  // the siding taken as `ahead` at its last kSection
  double load_t = 0;
  std::vector<std::uint32_t> lots;
  Tick moving = 0;
  Tick requested_at = 0;
  Tick wait_acc = 0;
  std::uint64_t trip_mask = 0;
};

struct ServiceState {
  core::RingQueue<std::uint32_t> queue;
  double queued_t = 0;
  bool waiting_vehicle = false;
  std::uint16_t timer_epoch = 0;
  Tick timer_at = -1;  // pending formation timer, or -1
  Tick oldest = 0;
};

struct FleetState {
  long free = 0;
  bool unlimited = false;
  core::RingQueue<std::uint32_t> waiting_services;
  std::vector<std::uint32_t> idle;  // vehicle ids ready for reuse
};

struct VesselState {
  std::uint32_t sea = 0;
  std::uint32_t index = 0;  // into SeaSpec::vessels
  int at = 0;               // 0: link.from, 1: link.to
  bool at_berth = false;
  bool waiting = false;
  std::uint16_t epoch = 0;
  Tick timer_at = -1;  // the pending departure-check timer, or -1
  Tick berthed = 0;
  Tick requested_at = 0;
  double load_t = 0;
  double occupancy = 0;  // share of the vessel taken: wagons, trucks and tonnes are alternatives
  std::vector<std::uint32_t> lots;
  std::uint64_t trip_mask = 0;
  core::RandomStream rng;
};

// Carrier of a lot: index of the per-carrier queue at a port.
int carrier_index(char carrier) { return carrier == 'w' ? 0 : carrier == 't' ? 1 : 2; }

struct SeaState {
  core::RingQueue<std::uint32_t> queue[2][3];  // by port end, then wagons / trucks / bulk
  double queued_t[2] = {0, 0};
  std::vector<std::uint32_t> waiting[2];  // vessels at berth waiting for cargo, by port end
};

struct PipeState {
  core::RingQueue<std::uint32_t> queue;
};

struct GateState {
  int closed = 0;
  Tick closed_since = 0;
  Tick closed_total = 0;
  std::vector<std::uint32_t> waiting_vehicles;
  std::vector<std::uint32_t> waiting_vessels;
};

struct FlowCounters {
  double demanded = 0, delivered = 0, generated_all = 0, delivered_all = 0, value = 0;
  double moving_s = 0, transit_s = 0;
  core::DurationSamples transit;  // ticks: 4 bytes a lot where Samples takes 8
};

// A link's or a node's totals, four to a cache line; the waits are kept apart, in a
// core::GroupedDurations, so that what a crossing touches per link stays small.
struct OwnerCounters {
  double tonnes = 0, vehicles = 0;
};

class Simulation {
 public:
  Simulation(const Plan& plan, int replication, std::uint64_t seed)
      : plan_(plan), sc_(*plan.scenario), replication_(replication), seed_(seed) {
    horizon_ = seconds_to_ticks(sc_.run.horizon_s);
    warmup_ = seconds_to_ticks(sc_.run.warmup_s);
    for (const auto& r : plan.resources) resources_.emplace_back(r.capacity);
    services_.resize(plan.services.size());
    fleets_.resize(sc_.fleets.size());
    for (std::size_t i = 0; i < sc_.fleets.size(); ++i) {
      const auto& fl = sc_.fleets[i];
      fleets_[i].unlimited = fl.kind == model::FleetKind::kTruck && fl.count == 0;
      fleets_[i].free = fl.count;
    }
    seas_.resize(plan.seas.size());
    pipes_.resize(plan.pipelines.size());
    link_gates_.resize(sc_.links.size());
    node_gates_.resize(sc_.nodes.size());
    links_.resize(sc_.links.size());
    nodes_.resize(sc_.nodes.size());
    link_waits_ = core::GroupedDurations(sc_.links.size());
    node_waits_ = core::GroupedDurations(sc_.nodes.size());
    flows_.resize(sc_.flows.size());
    corridors_.resize(sc_.corridors.size());
    for (const auto& p : plan.processes) process_rng_.emplace_back(seed, replication, p.stream);
    for (const auto& f : plan.flows) flow_rng_.emplace_back(seed, replication, f.stream);
    flow_clocks_.resize(plan.flows.size());
    for (const auto& d : plan.disruptions) {
      disruption_rng_.emplace_back(seed, replication, d.stream);
    }
  }

  ReplicationResult run(const std::atomic<bool>* stop, std::atomic<Tick>* clock) {
    sched_.set_stop_flag(stop);
    sched_.set_clock_out(clock);
    start();
    std::uint64_t events = 0;
    sched_.run_until(horizon_, [&](const core::Event& e) {
      dispatch(e);
      return ++events < kMaxEventsPerReplication;
    });
    if (events >= kMaxEventsPerReplication) {
      throw SimulationError(fmt::format("more than {} events in one replication; shorten "
                                        "run.horizon or reduce the demand",
                                        kMaxEventsPerReplication),
                            ticks_to_seconds(now()), fmt::format("replication {}", replication_));
    }
    ReplicationResult r = record(stop != nullptr && stop->load());
    return r;
  }

 private:
  // --- start-up -------------------------------------------------------------------------------

  void start() {
    for (std::size_t f = 0; f < plan_.flows.size(); ++f) {
      const FlowSpec& spec = plan_.flows[f];
      if (spec.legs.empty() || spec.rate_t_per_s <= 0) continue;
      // A flow with no cargo in January looks again when its next month starts (on_arrival).
      const double gap = next_interarrival(f, 0);
      const double first = gap < 0 ? 0 : gap * flow_rng_[f].uniform01();
      sched_.schedule(seconds_to_ticks(first), static_cast<std::uint32_t>(f), kArrival);
    }
    for (std::size_t s = 0; s < plan_.seas.size(); ++s) {
      const SeaSpec& sea = plan_.seas[s];
      for (std::size_t i = 0; i < sea.vessels.size(); ++i) {
        VesselState v;
        v.sea = static_cast<std::uint32_t>(s);
        v.index = static_cast<std::uint32_t>(i);
        v.at = static_cast<int>(i % 2);
        v.rng = core::RandomStream(seed_, replication_, sea.vessels[i].stream + i);
        vessels_.push_back(std::move(v));
        sched_.schedule(0, static_cast<std::uint32_t>(vessels_.size() - 1), kVesselArrive);
      }
    }
    for (std::size_t p = 0; p < plan_.pipelines.size(); ++p) {
      sched_.schedule(plan_.pipelines[p].batch, static_cast<std::uint32_t>(p), kPipelineBatch);
    }
    for (std::size_t d = 0; d < plan_.disruptions.size(); ++d) start_disruption(d);
    sched_.schedule_at(warmup_, 0, kWarmupEnd, 0, 0);
  }

  void dispatch(const core::Event& e) {
    switch (e.kind) {
      case kArrival:
        return on_arrival(e.target);
      case kStep:
        return advance(e.target);
      case kServiceTimer:
        return on_service_timer(e.target, e.tag);
      case kVesselArrive:
        return vessel_arrive(e.target);
      case kVesselHandled:
        return vessel_handled(e.target);
      case kVesselTimer:
        return vessel_timer(e.target, e.tag);
      case kTransferDone:
        return transfer_done(e.target);
      case kPipelineBatch:
        return pipeline_batch(e.target);
      case kPipelineArrive:
        return route_lot(e.target);
      case kDisruption:
        return on_disruption(e.target, e.tag != 0);
      case kWarmupEnd:
        return on_warmup_end();
      default:
        return;
    }
  }

  Tick now() const { return sched_.now(); }
  bool in_window() const { return now() >= warmup_; }

  // --- time of year ---------------------------------------------------------------------------

  // Month (0-11) of a 365-day year. REQUIRES: t >= 0.
  static int month_of(Tick t) {
    static constexpr int kEnds[12] = {31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    static const Tick kDay = seconds_to_ticks(model::kSecondsPerDay);
    const Tick day = (t / kDay) % static_cast<Tick>(model::kDaysPerYear);
    for (int m = 0; m < 12; ++m) {
      if (day < kEnds[m]) return m;
    }
    return 11;
  }

  static Tick next_month_start(Tick t) {
    static constexpr int kStarts[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    const Tick year = seconds_to_ticks(model::kSecondsPerYear);
    const Tick base = (t / year) * year;
    const int m = month_of(t);
    return base + seconds_to_ticks(kStarts[m + 1] * model::kSecondsPerDay);
  }

  // --- cargo generation -----------------------------------------------------------------------

  double next_interarrival(std::size_t f, Tick t) const {
    const FlowSpec& spec = plan_.flows[f];
    const double factor = sc_.flows[f].seasonal[static_cast<std::size_t>(month_of(t))];
    if (factor <= 0) return -1;
    return spec.lot_t / (spec.rate_t_per_s * factor);
  }

  std::uint32_t new_lot(std::uint32_t flow, double tonnes) {
    std::uint32_t id;
    if (!free_lots_.empty()) {
      id = free_lots_.back();
      free_lots_.pop_back();
      lots_[id] = Lot{};
    } else {
      id = static_cast<std::uint32_t>(lots_.size());
      lots_.emplace_back();
    }
    Lot& lot = lots_[id];
    lot.flow = flow;
    lot.tonnes = tonnes;
    lot.created = now();
    lot.leg = 0xffff;  // before the first leg
    return id;
  }

  void on_arrival(std::uint32_t f) {
    const FlowClock& clock = flow_clock(f);
    if (clock.gap >= 0) {  // no lot in a month without cargo (seasonal factor 0)
      const FlowSpec& spec = plan_.flows[f];
      const std::uint32_t id = new_lot(f, spec.lot_t);
      flows_[f].generated_all += spec.lot_t;
      if (in_window()) flows_[f].demanded += spec.lot_t;
      route_lot(id);
    }
    Tick when;
    if (clock.gap < 0) {
      when = clock.until;  // no cargo this month: the next month starts it again
    } else if (sc_.flows[f].arrivals == model::Flow::Arrivals::kPoisson) {
      when = now() + std::max<Tick>(1, seconds_to_ticks(flow_rng_[f].exponential(clock.gap)));
    } else {
      when = now() + clock.gap_ticks;
    }
    sched_.schedule_at(when, f, kArrival);
  }

  // A flow's mean gap between lots changes only with the month (the seasonal factor): worked
  // out once per flow and month instead of at every lot.
  struct FlowClock {
    Tick until = -1;     // the start of the next month: valid before it (time never goes back)
    double gap = 0;      // next_interarrival() this month, in seconds
    Tick gap_ticks = 0;  // the same as a whole number of ticks, at least one
  };

  const FlowClock& flow_clock(std::uint32_t f) {
    FlowClock& c = flow_clocks_[f];
    if (now() >= c.until) {
      c.gap = next_interarrival(f, now());
      c.until = next_month_start(now());
      c.gap_ticks = c.gap < 0 ? 0 : std::max<Tick>(1, seconds_to_ticks(c.gap));
    }
    return c;
  }

  // Sends a lot to its next leg, or delivers it.
  void route_lot(std::uint32_t id) {
    Lot& lot = lots_[id];
    const FlowSpec& spec = plan_.flows[lot.flow];
    lot.leg = static_cast<std::uint16_t>(lot.leg + 1);
    if (lot.leg >= spec.legs.size()) return deliver(id);
    const LegSpec& leg = spec.legs[lot.leg];
    switch (leg.kind) {
      case LegSpec::kService: {
        lot.carrier = leg.carrier;
        lot.units = lot.tonnes == spec.lot_t
                        ? leg.whole_lot_units
                        : units_for(lot.tonnes, plan_.services[leg.index].unit_t);
        ServiceState& st = services_[leg.index];
        if (st.queue.empty()) st.oldest = now();
        st.queue.push_back(id);
        st.queued_t += lot.tonnes;
        try_dispatch(leg.index);
        break;
      }
      case LegSpec::kSea: {
        SeaState& sea = seas_[leg.index];
        const int end = leg.direction;
        if (lot.leg == 0) {
          // Starting at a port: the cargo goes in the unit of its next land leg.
          for (std::size_t k = 1; k < spec.legs.size(); ++k) {
            if (spec.legs[k].kind != LegSpec::kService) continue;
            lot.carrier = spec.legs[k].carrier;
            break;
          }
        }
        lot.queued = now();
        sea.queue[end][carrier_index(lot.carrier)].push_back(id);
        sea.queued_t[end] += lot.tonnes;
        load_waiting_vessels(leg.index, end);
        break;
      }
      case LegSpec::kPipeline:
        pipes_[leg.index].queue.push_back(id);
        lot.carrier = 'b';
        break;
      case LegSpec::kTransfer: {
        const TransferSpec& t = plan_.transfers[leg.index];
        if (in_window()) nodes_[t.node].tonnes += lot.tonnes;
        if (resources_[t.resource].request(id, now())) {
          if (in_window()) node_waits_.add(t.node, 0);
          sched_.schedule(t.per_unit * lot.units, id, kTransferDone);
        }
        break;
      }
    }
  }

  void transfer_done(std::uint32_t id) {
    const Lot& lot = lots_[id];
    const LegSpec& leg = plan_.flows[lot.flow].legs[lot.leg];
    const TransferSpec& t = plan_.transfers[leg.index];
    if (in_window()) nodes_[t.node].vehicles += lot.units;
    release(t.resource);
    route_lot(id);
  }

  void deliver(std::uint32_t id) {
    const Lot& lot = lots_[id];
    FlowCounters& fc = flows_[lot.flow];
    fc.delivered_all += lot.tonnes;
    if (in_window()) {
      fc.delivered += lot.tonnes;
      const double transit = ticks_to_seconds(now() - lot.created);
      fc.transit.add(now() - lot.created);
      fc.transit_s += transit;
      fc.moving_s += ticks_to_seconds(lot.moving);
      const auto& value = sc_.flows[lot.flow].value_usd_per_t;
      if (value) fc.value += *value * lot.tonnes;
      count_corridors(lots_[id], plan_.flows[lot.flow].corridor_mask);
    }
    free_lots_.push_back(id);
  }

  // Adds a lot to the corridors in `mask` it has not been counted for yet.
  void count_corridors(Lot& lot, std::uint64_t mask) {
    std::uint64_t fresh = mask & ~lot.mask;
    lot.mask |= mask;
    if (!in_window()) return;
    const auto& value = sc_.flows[lot.flow].value_usd_per_t;
    while (fresh != 0) {
      const int c = std::countr_zero(fresh);
      fresh &= fresh - 1;
      corridors_[static_cast<std::size_t>(c)].tonnes += lot.tonnes;
      if (value) corridors_[static_cast<std::size_t>(c)].value_usd += *value * lot.tonnes;
    }
  }

  void count_trip(std::uint64_t& trip_mask, std::uint64_t link_mask, double load_t) {
    if (load_t <= 0) return;
    std::uint64_t fresh = link_mask & ~trip_mask;
    trip_mask |= link_mask;
    if (!in_window()) return;
    while (fresh != 0) {
      const int c = std::countr_zero(fresh);
      fresh &= fresh - 1;
      corridors_[static_cast<std::size_t>(c)].loaded_trips += 1;
    }
  }

  // --- rail and road services -----------------------------------------------------------------

  void try_dispatch(std::uint32_t s) {
    const ServiceSpec& svc = plan_.services[s];
    ServiceState& st = services_[s];
    const Tick max_wait = svc.max_wait;
    while (!st.queue.empty() && !st.waiting_vehicle) {
      const bool full = st.queued_t + kEps >= svc.capacity_t;
      const bool overdue = now() - st.oldest >= max_wait;
      if (!full && !overdue) {
        // Leave when full, or when the oldest lot has waited the fleet's maximum wait.
        const Tick due = st.oldest + max_wait;
        if (st.timer_at != due) {
          ++st.timer_epoch;
          st.timer_at = due;
          sched_.schedule_at(due, s, kServiceTimer, st.timer_epoch);
        }
        return;
      }
      FleetState& fleet = fleets_[svc.fleet];
      if (!fleet.unlimited && fleet.free <= 0) {
        st.waiting_vehicle = true;
        fleet.waiting_services.push_back(s);
        return;
      }
      if (!fleet.unlimited) --fleet.free;
      depart(s, take_vehicle(svc.fleet));
    }
  }

  void on_service_timer(std::uint32_t s, std::uint16_t epoch) {
    if (services_[s].timer_epoch != epoch) return;
    services_[s].timer_at = -1;
    try_dispatch(s);
  }

  std::uint32_t take_vehicle(std::uint32_t fleet) {
    FleetState& fl = fleets_[fleet];
    if (!fl.idle.empty()) {
      const std::uint32_t v = fl.idle.back();
      fl.idle.pop_back();
      return v;
    }
    vehicles_.emplace_back();
    return static_cast<std::uint32_t>(vehicles_.size() - 1);
  }

  // Loads the vehicle with whole lots up to its capacity and starts its outbound program.
  void depart(std::uint32_t s, std::uint32_t vid) {
    const ServiceSpec& svc = plan_.services[s];
    ServiceState& st = services_[s];
    Vehicle& v = vehicles_[vid];
    v.service = s;
    v.returning = false;
    v.pc = svc.outbound.begin;
    v.end = svc.outbound.end;
    v.load_t = 0;
    v.moving = 0;
    v.wait_acc = 0;
    v.trip_mask = 0;
    v.lots.clear();
    while (!st.queue.empty()) {
      const std::uint32_t id = st.queue.front();
      if (!v.lots.empty() && v.load_t + lots_[id].tonnes > svc.capacity_t + kEps) break;
      st.queue.pop_front();
      st.queued_t -= lots_[id].tonnes;
      v.load_t += lots_[id].tonnes;
      v.lots.push_back(id);
    }
    if (st.queue.empty()) st.queued_t = 0;
    st.oldest = now();
    advance(vid);
  }

  void vehicle_done(std::uint32_t vid) {
    const std::uint32_t fleet = plan_.services[vehicles_[vid].service].fleet;
    FleetState& fl = fleets_[fleet];
    fl.idle.push_back(vid);
    if (fl.unlimited) return;
    if (!fl.waiting_services.empty()) {
      const std::uint32_t s = fl.waiting_services.pop_front();
      services_[s].waiting_vehicle = false;
      depart(s, take_vehicle(fleet));
      try_dispatch(s);
    } else {
      ++fl.free;
    }
  }

  // Runs a vehicle's program until it has to wait. Nothing an operation calls adds vehicles, so
  // `v` stays valid until the end of the program; unloading may (it can start another vehicle).
  void advance(std::uint32_t vid) {
    for (;;) {
      Vehicle& v = vehicles_[vid];
      const std::uint32_t end = v.end;
      const Op* ops = plan_.ops.data();
      std::uint32_t pc = v.pc;
      while (pc < end) {
        const Op& op = ops[pc];
        switch (op.code) {
          case Op::kWaitOpen:
            if (link_gates_[op.a].closed > 0) {
              v.pc = pc;
              v.requested_at = now();
              link_gates_[op.a].waiting_vehicles.push_back(vid);
              return;
            }
            ++pc;
            break;
          case Op::kRelease:
            ++pc;
            release(op.a);
            break;
          case Op::kRun:
            v.moving += op.ticks;
            v.pc = pc + 1;
            sched_.schedule(op.ticks, vid, kStep);
            return;
          case Op::kProcess: {
            // The order of a request for the channel, the wait for opening hours, the hold and
            // the release; a request that has to wait leaves `stage` at 0, and grant() moves it
            // on.
            const std::uint8_t stage = v.stage;
            if (stage == kAfterRun) {
              v.stage = 0;
              ++pc;
              release(op.ahead);
              break;
            }
            if (stage == 0 && !take(vid, op.ahead)) {
              v.pc = pc;
              return;
            }
            const ProcessSpec& spec = plan_.processes[op.a];
            if (stage <= 1) {
              const Tick wait = until_open(spec.hours);
              if (wait > 0) {
                v.stage = 2;
                v.pc = pc;
                sched_.schedule(wait, vid, kStep);
                return;
              }
            }
            const ResourceSpec& res = plan_.resources[op.ahead];
            if (res.owner == Owner::kNode && in_window()) {
              nodes_[res.owner_index].vehicles += 1;
              nodes_[res.owner_index].tonnes += v.load_t;
            }
            const double dwell = sample(spec.duration, process_rng_[op.a]);
            v.stage = kAfterRun;
            v.pc = pc;
            sched_.schedule(seconds_to_ticks(dwell), vid, kStep);
            return;
          }
          case Op::kSection:
            // In order: release the previous section, request the siding ahead, then the
            // section, release the held siding, run; a request that has to wait leaves `stage`
            // where it is, and grant() moves it on.
            {
              const std::uint8_t stage = v.stage;
              if (stage == kAfterRun) {
                // Back at a section with `cross_after`: the crossing (see kTraverse).
                v.stage = 0;
                release(op.a);
                ++pc;
                cross(v, plan_.sections[op.a].link, 0);
                break;
              }
              if (stage == 0 && op.release_previous) release(ops[pc - 1].a);
              if (stage <= 1 && op.ahead != kNoResource && !take_track(vid, op.ahead)) {
                v.stage = 1;
                v.pc = pc;
                return;
              }
              if (stage <= 2 && !take_track(vid, op.a)) {
                v.stage = 2;
                v.pc = pc;
                return;
              }
              if (stage != 0) v.stage = 0;
            }
            if (op.release_held) release(v.held);
            v.held = op.ahead;
            v.moving += op.ticks;
            if (op.cross_after) {
              v.stage = kAfterRun;
              v.pc = pc;
            } else {
              v.pc = pc + 1;
            }
            sched_.schedule(Tick{op.ticks} + plan_.sections[op.a].clearance, vid, kStep);
            return;
          case Op::kHeadway:
            // In order: request the headway, release the held siding, run, release the
            // headway; a request that has to wait leaves `stage` at 0, and grant() moves it on.
            if (v.stage == kAfterRun) {
              v.stage = 0;
              ++pc;
              release(op.a);
              break;
            }
            if (v.stage == 0 && !take_track(vid, op.a)) {
              v.pc = pc;
              return;
            }
            if (op.release_held) release(v.held);
            v.moving += op.ticks;
            v.stage = kAfterRun;
            v.pc = pc;
            sched_.schedule(op.ticks, vid, kStep);
            return;
          case Op::kTraverse:
            if (op.release_previous) release(ops[pc - 1].a);
            ++pc;
            cross(v, op.a, op.corridors());
            break;
        }
      }
      v.pc = pc;
      if (v.returning) return vehicle_done(vid);
      unload(vid);
      Vehicle& back = vehicles_[vid];  // unloading may have added vehicles
      back.returning = true;
      back.pc = plan_.services[back.service].inbound.begin;
      back.end = plan_.services[back.service].inbound.end;
      back.moving = 0;
      back.trip_mask = 0;
      if (plan_.services[back.service].passive_return) return drive_back(vid);
    }
  }

  // The whole of a passive return (see ServiceSpec::passive_return) at once: the statistics of
  // each link crossing as of the time the vehicle would cross it, then the vehicle is free. A
  // return that would end after the horizon never ends, as in the event-by-event run.
  void drive_back(std::uint32_t vid) {
    Vehicle& v = vehicles_[vid];
    const Program& prog = plan_.services[v.service].inbound;
    Tick t = now();
    for (std::uint32_t pc = prog.begin; pc < prog.end; ++pc) {
      const Op& op = plan_.ops[pc];
      if (op.code == Op::kRun) {
        t += op.ticks;
        if (t >= horizon_) return;
      } else if (t >= warmup_) {  // kTraverse of an empty vehicle: nothing aboard to count
        links_[op.a].vehicles += 1;
        link_waits_.add(op.a, v.wait_acc);
        v.wait_acc = 0;
      } else {
        v.wait_acc = 0;
      }
    }
    v.pc = prog.end;
    vehicle_done(vid);
  }

  static double sample(const model::Distribution& d, core::RandomStream& rng) {
    using K = model::Distribution::Kind;
    switch (d.kind) {
      case K::kFixed:
        return d.mean_s;
      case K::kExponential:
        return rng.exponential(d.mean_s);
      case K::kUniform:
        return rng.uniform(d.min_s, d.max_s);
      case K::kTriangular:
        return rng.triangular(d.min_s, d.mode_s, d.max_s);
      case K::kLognormal:
        return rng.lognormal(d.mean_s, d.sd_s);
    }
    return d.mean_s;
  }

  // Ticks until a facility with `hours` is open (0 if open now).
  Tick until_open(const model::OperatingHours& h) const {
    if (h.always_open()) return 0;
    const double day = model::kSecondsPerDay;
    const double t = std::fmod(ticks_to_seconds(now()), day);
    const bool open =
        h.open_s <= h.close_s ? (t >= h.open_s && t < h.close_s) : (t >= h.open_s || t < h.close_s);
    if (open) return 0;
    double wait = h.open_s - t;
    if (wait < 0) wait += day;
    return seconds_to_ticks(wait);
  }

  // Requests a unit of `r` for vehicle `vid`: true when granted at once; otherwise the vehicle
  // waits in the resource's queue from now on.
  [[gnu::always_inline]] bool take(std::uint32_t vid, std::uint32_t r) {
    if (!resources_[r].request(vid, now())) {
      vehicles_[vid].requested_at = now();
      return false;
    }
    note_wait(vid, r, 0);
    return true;
  }

  // take() for a section, a siding or a headway: none counts waits of its node, so a grant at
  // once records nothing and the resource's description need not be read.
  [[gnu::always_inline]] bool take_track(std::uint32_t vid, std::uint32_t r) {
    assert(!(plan_.resources[r].owner == Owner::kNode && plan_.resources[r].counts_utilisation));
    if (resources_[r].request(vid, now())) return true;
    vehicles_[vid].requested_at = now();
    return false;
  }

  [[gnu::always_inline]] void note_wait(std::uint32_t vid, std::uint32_t r, Tick wait) {
    const ResourceSpec& spec = plan_.resources[r];
    const bool node_figures = spec.owner == Owner::kNode && spec.counts_utilisation;
    if (wait == 0 && !node_figures) return;  // adding zero to a vehicle's wait changes nothing
    if (spec.owner == Owner::kLink) {
      vehicles_[vid].wait_acc += wait;
    } else if (node_figures && in_window()) {
      node_waits_.add(spec.owner_index, wait);
    } else if (spec.owner == Owner::kNode) {
      vehicles_[vid].wait_acc += wait;  // waiting for a siding counts towards the link ahead
    }
  }

  // Releases one unit of resource `r`; the unit passes to the first waiter, who continues.
  void release(std::uint32_t r) {
    auto g = resources_[r].release(now());
    if (g) grant(r, *g);
  }

  void grant(std::uint32_t r, const core::Grant& g) {
    const ResourceSpec& spec = plan_.resources[r];
    const Tick wait = now() - g.requested_at;
    if (spec.lots) {
      if (in_window()) node_waits_.add(spec.owner_index, wait);
      const Lot& lot = lots_[g.who];
      const LegSpec& leg = plan_.flows[lot.flow].legs[lot.leg];
      sched_.schedule(plan_.transfers[leg.index].per_unit * lot.units, g.who, kTransferDone);
      return;
    }
    if (g.who >= kVesselBase) {
      const std::uint32_t vs = g.who - kVesselBase;
      if (in_window()) node_waits_.add(spec.owner_index, wait);
      vessel_berthed(vs);
      return;
    }
    const std::uint32_t vid = g.who;
    note_wait(vid, r, wait);
    Vehicle& v = vehicles_[vid];
    if (const Op::Code code = plan_.ops[v.pc].code;
        code == Op::kSection || code == Op::kHeadway || code == Op::kProcess) {
      ++v.stage;
    } else {
      ++v.pc;
    }
    sched_.schedule(0, vid, kStep);
  }

  void unload(std::uint32_t vid) {
    Vehicle& v = vehicles_[vid];
    for (std::uint32_t id : v.lots) {
      lots_[id].moving += v.moving;
      route_lot(id);
    }
    v.lots.clear();
    v.load_t = 0;
  }

  // A vehicle crossing link `l` (corridor mask `mask`), with the waits it had on the link.
  void cross(Vehicle& v, std::uint32_t l, std::uint64_t mask) {
    traverse(l, mask, v.load_t, v.lots, v.trip_mask);
    if (in_window()) link_waits_.add(l, v.wait_acc);
    v.wait_acc = 0;
  }

  // Statistics for a vehicle or vessel crossing link `l`.
  void traverse(std::uint32_t l, std::uint64_t mask, double load_t,
                const std::vector<std::uint32_t>& lots, std::uint64_t& trip_mask) {
    if (in_window()) {
      links_[l].tonnes += load_t;
      links_[l].vehicles += 1;
    }
    if (mask != 0) {
      for (std::uint32_t id : lots) count_corridors(lots_[id], mask);
      count_trip(trip_mask, mask, load_t);
    }
  }

  // --- vessels --------------------------------------------------------------------------------

  static constexpr std::uint32_t kVesselBase = 0x80000000u;

  const SeaSpec::Vessel& vessel_spec(const VesselState& v) const {
    return plan_.seas[v.sea].vessels[v.index];
  }

  void vessel_arrive(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    const std::uint32_t berth = vessel_spec(v).berth[v.at];
    v.requested_at = now();
    if (resources_[berth].request(kVesselBase + vs, now())) {
      if (in_window()) node_waits_.add(plan_.resources[berth].owner_index, 0);
      vessel_berthed(vs);
    }
  }

  void vessel_berthed(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    const SeaSpec::Vessel& spec = vessel_spec(v);
    v.at_berth = true;
    const double handling = sample(spec.handling[v.at], v.rng);
    if (in_window()) {
      const std::uint32_t port = plan_.seas[v.sea].node[v.at];
      nodes_[port].vehicles += 1;
      nodes_[port].tonnes += v.load_t;  // landed here
    }
    sched_.schedule(seconds_to_ticks(handling), vs, kVesselHandled);
  }

  void vessel_handled(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    // Unload what came across, then load what waits here.
    std::vector<std::uint32_t> landed;
    landed.swap(v.lots);
    v.load_t = 0;
    v.occupancy = 0;
    for (std::uint32_t id : landed) route_lot(id);
    v.berthed = now();
    load_vessel(vs);
    vessel_decide(vs);
  }

  // Share of vessel `fl` one lot takes, or a negative value if the vessel cannot carry it.
  static double share(const model::Fleet& fl, const Lot& lot) {
    if (lot.carrier == 'w' && fl.capacity_wagons > 0) return lot.units / double(fl.capacity_wagons);
    if (lot.carrier == 't' && fl.capacity_trucks > 0) return lot.units / double(fl.capacity_trucks);
    if (fl.capacity_t > 0) return lot.tonnes / fl.capacity_t;
    return -1;
  }

  bool vessel_full(const VesselState& v) const { return v.occupancy + 1e-6 >= 1.0; }

  // Boards the lots waiting at the vessel's port that it can carry, longest-waiting first,
  // until it is full.
  void load_vessel(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    const model::Fleet& fl = sc_.fleets[vessel_spec(v).fleet];
    SeaState& sea = seas_[v.sea];
    auto& queues = sea.queue[v.at];
    while (!vessel_full(v)) {
      core::RingQueue<std::uint32_t>* best = nullptr;
      for (auto& q : queues) {
        if (q.empty() || share(fl, lots_[q.front()]) < 0) continue;
        if (best == nullptr || lots_[q.front()].queued < lots_[best->front()].queued) best = &q;
      }
      if (best == nullptr) break;
      const std::uint32_t id = best->front();
      const double part = share(fl, lots_[id]);
      if (!v.lots.empty() && v.occupancy + part > 1.0 + 1e-6) break;
      best->pop_front();
      v.occupancy += part;
      v.load_t += lots_[id].tonnes;
      v.lots.push_back(id);
      sea.queued_t[v.at] -= lots_[id].tonnes;
    }
    if (sea.queued_t[v.at] < kEps) sea.queued_t[v.at] = 0;
  }

  void vessel_decide(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    assert(v.at_berth);
    const model::Fleet& fl = sc_.fleets[vessel_spec(v).fleet];
    const SeaSpec& sea = plan_.seas[v.sea];
    if (link_gates_[sea.link].closed > 0) {
      // Decided again while the link is closed (cargo arriving at either port asks): the vessel
      // must be listed once, or the reopening would sail it once per listing.
      auto& held = link_gates_[sea.link].waiting_vessels;
      if (std::find(held.begin(), held.end(), vs) == held.end()) held.push_back(vs);
      set_waiting(vs, true);
      return;
    }
    if (fl.departure.policy == model::Departure::Policy::kSchedule) {
      const Tick interval = std::max<Tick>(1, seconds_to_ticks(fl.departure.interval_s));
      const Tick slot = ((now() + interval - 1) / interval) * interval;
      set_waiting(vs, true);
      arm_timer(vs, slot);
      return;
    }
    const Tick max_wait = seconds_to_ticks(fl.departure.max_wait_s);
    const bool other_side_waits = seas_[v.sea].queued_t[1 - v.at] > 0;
    if (vessel_full(v) || (now() - v.berthed >= max_wait && (v.load_t > 0 || other_side_waits))) {
      return vessel_sail(vs);
    }
    set_waiting(vs, true);
    const Tick at = now() - v.berthed >= max_wait ? now() + max_wait : v.berthed + max_wait;
    arm_timer(vs, at);
  }

  // One pending departure check per vessel: re-arming for the same time schedules nothing.
  void arm_timer(std::uint32_t vs, Tick at) {
    VesselState& v = vessels_[vs];
    if (v.timer_at == at) return;
    ++v.epoch;
    v.timer_at = at;
    sched_.schedule_at(at, vs, kVesselTimer, v.epoch);
  }

  void set_waiting(std::uint32_t vs, bool waiting) {
    VesselState& v = vessels_[vs];
    auto& list = seas_[v.sea].waiting[v.at];
    if (waiting && !v.waiting) list.push_back(vs);
    if (!waiting && v.waiting) list.erase(std::find(list.begin(), list.end(), vs));
    v.waiting = waiting;
  }

  void vessel_timer(std::uint32_t vs, std::uint16_t epoch) {
    VesselState& v = vessels_[vs];
    if (v.epoch != epoch || !v.at_berth) return;
    v.timer_at = -1;
    const model::Fleet& fl = sc_.fleets[vessel_spec(v).fleet];
    if (fl.departure.policy == model::Departure::Policy::kSchedule) {
      if (link_gates_[plan_.seas[v.sea].link].closed > 0) return vessel_decide(vs);
      return vessel_sail(vs);
    }
    vessel_decide(vs);
  }

  // Cargo arrived at port end `end` of sea `s`: fill vessels waiting there.
  void load_waiting_vessels(std::uint32_t s, int end) {
    if (!seas_[s].waiting[end].empty()) {
      scratch_.assign(seas_[s].waiting[end].begin(), seas_[s].waiting[end].end());  // sailing
      for (std::uint32_t vs : scratch_) {  // edits the list; nothing here re-enters this function
        if (seas_[s].queued_t[end] <= 0) break;
        load_vessel(vs);
        const model::Fleet& fl = sc_.fleets[vessel_spec(vessels_[vs]).fleet];
        if (vessel_full(vessels_[vs]) &&
            fl.departure.policy == model::Departure::Policy::kWhenFull &&
            link_gates_[plan_.seas[s].link].closed == 0) {
          vessel_sail(vs);
        }
      }
    }
    // A vessel waiting at the other end with nothing aboard may come for this cargo.
    if (seas_[s].waiting[1 - end].empty()) return;
    scratch_.assign(seas_[s].waiting[1 - end].begin(), seas_[s].waiting[1 - end].end());
    for (std::uint32_t vs : scratch_) {
      VesselState& v = vessels_[vs];
      const model::Fleet& fl = sc_.fleets[vessel_spec(v).fleet];
      if (fl.departure.policy == model::Departure::Policy::kWhenFull &&
          now() - v.berthed >= seconds_to_ticks(fl.departure.max_wait_s)) {
        vessel_decide(vs);
      }
    }
  }

  void vessel_sail(std::uint32_t vs) {
    VesselState& v = vessels_[vs];
    const SeaSpec::Vessel& spec = vessel_spec(v);
    set_waiting(vs, false);
    ++v.epoch;
    v.timer_at = -1;
    v.at_berth = false;
    if (in_window()) nodes_[plan_.seas[v.sea].node[v.at]].tonnes += v.load_t;  // shipped here
    release(spec.berth[v.at]);
    v.trip_mask = 0;
    const std::uint32_t l = plan_.seas[v.sea].link;
    traverse(l, plan_.link_corridor_mask[l], v.load_t, v.lots, v.trip_mask);
    for (std::uint32_t id : v.lots) lots_[id].moving += spec.sail;
    v.at = 1 - v.at;
    sched_.schedule(spec.sail, vs, kVesselArrive);
  }

  // --- pipelines ------------------------------------------------------------------------------

  void pipeline_batch(std::uint32_t p) {
    const PipelineSpec& spec = plan_.pipelines[p];
    sched_.schedule(spec.batch, p, kPipelineBatch);
    for (const auto& hop : spec.hops) {
      if (link_gates_[hop.link].closed > 0) return;
    }
    double room = spec.rate_t_per_s * ticks_to_seconds(spec.batch);
    auto& q = pipes_[p].queue;
    double moved = 0;
    std::vector<std::uint32_t> batch;
    while (!q.empty() && room > kEps) {
      std::uint32_t id = q.front();
      if (lots_[id].tonnes > room + kEps) {
        // Split: the part that fits goes now, the rest waits for the next batch.
        const std::uint32_t part = new_lot(lots_[id].flow, room);
        Lot& whole = lots_[id];
        Lot& piece = lots_[part];
        piece.created = whole.created;
        piece.leg = whole.leg;
        piece.mask = whole.mask;
        piece.moving = whole.moving;
        whole.tonnes -= room;
        id = part;
      } else {
        q.pop_front();
      }
      room -= lots_[id].tonnes;
      moved += lots_[id].tonnes;
      batch.push_back(id);
    }
    std::uint64_t trip = 0;
    for (const auto& hop : spec.hops) {
      const auto l = static_cast<std::uint32_t>(hop.link);
      traverse(l, plan_.link_corridor_mask[l], moved, batch, trip);
    }
    for (std::uint32_t id : batch) {
      lots_[id].moving += spec.transit;
      sched_.schedule(spec.transit, id, kPipelineArrive);
    }
  }

  // --- disruptions ----------------------------------------------------------------------------

  void start_disruption(std::size_t d) {
    const DisruptionSpec& spec = plan_.disruptions[d];
    const auto id = static_cast<std::uint32_t>(d);
    using K = model::Disruption::Kind;
    switch (spec.kind) {
      case K::kClosure:
        sched_.schedule_at(seconds_to_ticks(spec.start_s), id, kDisruption, 1);
        sched_.schedule_at(seconds_to_ticks(spec.end_s), id, kDisruption, 0);
        break;
      case K::kOutage:
        sched_.schedule(seconds_to_ticks(disruption_rng_[d].exponential(spec.mtbf_s)), id,
                        kDisruption, 1);
        break;
      case K::kWeather:
        schedule_weather_close(d, 0);
        break;
    }
  }

  bool weather_month(const DisruptionSpec& spec, Tick t) const {
    const int m = month_of(t) + 1;
    return std::find(spec.months.begin(), spec.months.end(), m) != spec.months.end();
  }

  void schedule_weather_close(std::size_t d, Tick from) {
    const DisruptionSpec& spec = plan_.disruptions[d];
    const double f = std::clamp(spec.closed_fraction, 1e-6, 1 - 1e-6);
    const double open_mean = spec.mean_spell_s * (1 - f) / f;
    Tick t = from;
    for (int guard = 0; guard < 24 && !weather_month(spec, t); ++guard) t = next_month_start(t);
    if (!weather_month(spec, t)) return;
    Tick close = t + seconds_to_ticks(disruption_rng_[d].exponential(open_mean));
    if (!weather_month(spec, close)) return schedule_weather_close(d, next_month_start(t));
    sched_.schedule_at(close, static_cast<std::uint32_t>(d), kDisruption, 1);
  }

  void on_disruption(std::uint32_t d, bool close) {
    const DisruptionSpec& spec = plan_.disruptions[d];
    using K = model::Disruption::Kind;
    if (close) {
      set_closed(spec, true);
      Tick down = 0;
      if (spec.kind == K::kOutage) {
        down = seconds_to_ticks(disruption_rng_[d].exponential(spec.mttr_s));
      } else if (spec.kind == K::kWeather) {
        down = seconds_to_ticks(disruption_rng_[d].exponential(spec.mean_spell_s));
      }
      if (spec.kind != K::kClosure) sched_.schedule(std::max<Tick>(1, down), d, kDisruption, 0);
    } else {
      set_closed(spec, false);
      if (spec.kind == K::kOutage) {
        sched_.schedule(seconds_to_ticks(disruption_rng_[d].exponential(spec.mtbf_s)), d,
                        kDisruption, 1);
      } else if (spec.kind == K::kWeather) {
        schedule_weather_close(d, now());
      }
    }
  }

  void set_closed(const DisruptionSpec& spec, bool close) {
    GateState& gate = spec.is_link ? link_gates_[spec.target] : node_gates_[spec.target];
    if (close) {
      if (gate.closed++ == 0) {
        gate.closed_since = now();
        if (!spec.is_link) {
          for (std::uint32_t r : plan_.node_resources[spec.target]) resources_[r].close(now());
        }
      }
      return;
    }
    if (gate.closed == 0 || --gate.closed > 0) return;
    gate.closed_total += now() - std::max(gate.closed_since, warmup_);
    if (gate.closed_since < warmup_ && now() < warmup_) gate.closed_total = 0;
    if (!spec.is_link) {
      for (std::uint32_t r : plan_.node_resources[spec.target]) {
        resources_[r].reopen(now(), [&](const core::Grant& g) { grant(r, g); });
      }
    }
    std::vector<std::uint32_t> vehicles;
    vehicles.swap(gate.waiting_vehicles);
    for (std::uint32_t vid : vehicles) {
      vehicles_[vid].wait_acc += now() - vehicles_[vid].requested_at;
      sched_.schedule(0, vid, kStep);
    }
    std::vector<std::uint32_t> vessels;
    vessels.swap(gate.waiting_vessels);
    for (std::uint32_t vs : vessels) {
      set_waiting(vs, false);
      vessel_decide(vs);
    }
  }

  // --- recording ------------------------------------------------------------------------------

  void on_warmup_end() {
    for (auto& r : resources_) r.reset_statistics(now());
    for (auto& g : link_gates_) g.closed_total = 0;
    for (auto& g : node_gates_) g.closed_total = 0;
  }

  static Tick closed_in_window(const GateState& g, Tick warmup, Tick end) {
    Tick total = g.closed_total;
    if (g.closed > 0) total += end - std::max(g.closed_since, warmup);
    return total;
  }

  ReplicationResult record(bool stopped) {
    ReplicationResult r;
    r.replication = replication_;
    r.stopped = stopped;
    const Tick end = stopped ? now() : horizon_;
    const double window_s = ticks_to_seconds(std::max<Tick>(0, end - warmup_));
    r.window_s = window_s;
    r.events = sched_.events_processed();

    r.corridors.resize(corridors_.size());
    for (std::size_t c = 0; c < corridors_.size(); ++c) r.corridors[c] = corridors_[c];

    // Busy time over open time. A node's resources can stay in use while the node is closed (a
    // vessel keeps its berth through a storm), so nodes are measured over the whole window.
    auto utilisation = [&](const std::vector<std::uint32_t>& res, Tick closed) {
      double best = 0;
      const double open_ticks = static_cast<double>(std::max<Tick>(1, end - warmup_ - closed));
      for (std::uint32_t id : res) {
        const double busy = resources_[id].busy_unit_ticks(end);
        best = std::max(best, busy / (plan_.resources[id].capacity * open_ticks));
      }
      return best;
    };

    std::vector<core::DurationSamples> link_waits = link_waits_.take();
    r.links.resize(links_.size());
    for (std::size_t l = 0; l < links_.size(); ++l) {
      LinkResult& out = r.links[l];
      const Tick closed = closed_in_window(link_gates_[l], warmup_, end);
      out.tonnes = links_[l].tonnes;
      out.vehicles = links_[l].vehicles;
      out.utilisation = utilisation(plan_.link_resources[l], closed);
      out.wait_mean_s = link_waits[l].mean(ticks_to_seconds);
      out.wait_p95_s = link_waits[l].quantile(0.95, ticks_to_seconds);
      out.closed_s = ticks_to_seconds(closed);
    }
    std::vector<core::DurationSamples> node_waits = node_waits_.take();
    r.nodes.resize(nodes_.size());
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      NodeResult& out = r.nodes[n];
      const Tick closed = closed_in_window(node_gates_[n], warmup_, end);
      out.tonnes = nodes_[n].tonnes;
      out.vehicles = nodes_[n].vehicles;
      out.utilisation = utilisation(plan_.node_resources[n], 0);
      out.wait_mean_s = node_waits[n].mean(ticks_to_seconds);
      out.wait_p95_s = node_waits[n].quantile(0.95, ticks_to_seconds);
      out.closed_s = ticks_to_seconds(closed);
    }
    r.flows.resize(flows_.size());
    for (std::size_t f = 0; f < flows_.size(); ++f) {
      const FlowCounters& fc = flows_[f];
      FlowResult& out = r.flows[f];
      out.demanded_t = fc.demanded;
      out.delivered_t = fc.delivered;
      out.backlog_t = std::max(0.0, fc.generated_all - fc.delivered_all);
      out.transit_mean_s = fc.transit.mean(ticks_to_seconds);
      out.transit_p50_s = fc.transit.quantile(0.5, ticks_to_seconds);
      out.transit_p95_s = fc.transit.quantile(0.95, ticks_to_seconds);
      const double km = plan_.flows[f].route_km;
      const double n = static_cast<double>(fc.transit.size());
      if (n > 0 && fc.moving_s > 0) out.swod_kmh = km / (fc.moving_s / n / 3600.0);
      if (n > 0 && fc.transit_s > 0) out.swd_kmh = km / (fc.transit_s / n / 3600.0);
      out.value_usd = fc.value;
    }
    return r;
  }

  const Plan& plan_;
  const model::Scenario& sc_;
  int replication_;
  std::uint64_t seed_;
  Tick horizon_ = 0;
  Tick warmup_ = 0;
  core::Scheduler sched_{kCalendarBucketBits};
  std::vector<core::Resource> resources_;
  std::vector<core::RandomStream> process_rng_;
  std::vector<core::RandomStream> flow_rng_;
  std::vector<FlowClock> flow_clocks_;
  std::vector<core::RandomStream> disruption_rng_;
  std::vector<Lot> lots_;
  std::vector<std::uint32_t> free_lots_;
  std::vector<Vehicle> vehicles_;
  std::vector<ServiceState> services_;
  std::vector<FleetState> fleets_;
  std::vector<VesselState> vessels_;
  std::vector<SeaState> seas_;
  std::vector<PipeState> pipes_;
  std::vector<GateState> link_gates_;
  std::vector<GateState> node_gates_;
  std::vector<OwnerCounters> links_;
  std::vector<OwnerCounters> nodes_;
  core::GroupedDurations link_waits_;  // by link
  core::GroupedDurations node_waits_;  // by node
  std::vector<FlowCounters> flows_;
  std::vector<CorridorResult> corridors_;
  std::vector<std::uint32_t> scratch_;  ///< load_waiting_vessels' copy of a waiting list
};

}  // namespace

Model::Model(const graph::Network& network) : network_(&network), plan_(std::make_unique<Plan>()) {
  build_plan(network, *plan_);
}

Model::~Model() = default;

ReplicationResult Model::run(int replication, std::uint64_t seed, const std::atomic<bool>* stop,
                             std::atomic<core::Tick>* clock) const {
  Simulation sim(*plan_, replication, seed);
  return sim.run(stop, clock);
}

core::Tick Model::horizon() const { return seconds_to_ticks(plan_->scenario->run.horizon_s); }

double Model::route_km(std::size_t flow) const { return plan_->flows.at(flow).route_km; }

std::vector<LegInfo> Model::legs(std::size_t flow) const {
  std::vector<LegInfo> out;
  const auto& sc = *plan_->scenario;
  for (const LegSpec& leg : plan_->flows.at(flow).legs) {
    LegInfo info;
    switch (leg.kind) {
      case LegSpec::kService: {
        const ServiceSpec& s = plan_->services[leg.index];
        info.kind = model::to_string(s.mode);
        info.fleet = sc.fleets[s.fleet].id;
        info.from = sc.nodes[s.from_node].id;
        info.to = sc.nodes[s.to_node].id;
        break;
      }
      case LegSpec::kSea: {
        const SeaSpec& s = plan_->seas[leg.index];
        info.kind = "sea";
        info.fleet = sc.fleets[s.vessels.front().fleet].id;
        info.from = sc.nodes[s.node[leg.direction]].id;
        info.to = sc.nodes[s.node[1 - leg.direction]].id;
        break;
      }
      case LegSpec::kPipeline: {
        const PipelineSpec& p = plan_->pipelines[leg.index];
        info.kind = "pipeline";
        info.from = sc.nodes[plan_->network->hop_from(p.hops.front())].id;
        info.to = sc.nodes[plan_->network->hop_to(p.hops.back())].id;
        break;
      }
      case LegSpec::kTransfer:
        info.kind = "transfer";
        info.from = info.to = sc.nodes[plan_->transfers[leg.index].node].id;
        break;
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace corridor::transport
