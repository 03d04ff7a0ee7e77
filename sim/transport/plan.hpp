// The prepared form of a scenario (private to sim/transport): every capacity element becomes a
// kernel resource, every route a list of legs, and every rail or road service a program of small
// operations that a vehicle executes. Built once by plan.cpp, read by simulation.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/core/sim_time.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor::transport {

inline constexpr double kTicksPerSecond = 1000.0;  // 1 tick = 1 ms
/// Durations saturate at kMaxSeconds (about 31,700 years, far beyond any horizon) so that absurd
/// but finite inputs (a volume of 1e-300 t/yr) cannot overflow tick arithmetic.
inline constexpr double kMaxSeconds = 1e12;
inline core::Tick seconds_to_ticks(double s) {
  return core::to_ticks(std::min(s, kMaxSeconds), kTicksPerSecond);
}
inline double ticks_to_seconds(core::Tick t) { return static_cast<double>(t) / kTicksPerSecond; }

/// Who owns a resource, for statistics.
enum class Owner : std::uint8_t { kLink, kNode, kNone };

struct ResourceSpec {
  int capacity = 1;
  Owner owner = Owner::kNone;
  std::uint32_t owner_index = 0;
  bool counts_utilisation = true;  ///< sidings do not count towards utilisation
  bool lots = false;               ///< used by cargo lots (transfer lines) instead of vehicles
};

/// A processing step with a random duration and opening hours (border, checkpoint).
struct ProcessSpec {
  std::uint32_t resource = 0;
  model::Distribution duration;
  model::OperatingHours hours;
  std::uint64_t stream = 0;  ///< random stream key
};

inline constexpr std::uint32_t kNoResource = 0xffffffffu;

/// One operation of a vehicle program.
struct Op {
  enum Code : std::uint8_t {
    kWaitOpen,  ///< wait until link `a` is open
    kRelease,   ///< release resource `a`
    kRun,       ///< move for `ticks` (time in motion)
    /// Process `a` (a border or checkpoint; its channel is resource `ahead`): take a channel,
    /// wait until the process is within its opening hours, hold the channel for a random time,
    /// give it back. Four steps (the vehicle's `stage` says how far it got) in one operation.
    kProcess,
    kTraverse,  ///< statistics: the vehicle crossed link `a` (after the last section, which
                ///< it releases first if `release_previous`); its corridor mask is
                ///< `corridors()`
    /// Enter single-track section `a`: release the section just run (if
    /// `release_previous`), request the siding `ahead` (if any), then the section; release the
    /// siding the vehicle stood on (if `release_held`); then run for `ticks` and stand for the
    /// section's clearance (Plan::sections). Several steps (the vehicle's `stage` says how far
    /// it got) in one operation, because every train does this at every section. With
    /// `cross_after`, the vehicle then also crosses the section's link (Plan::sections) when it
    /// has stood its clearance, as a kTraverse with `release_previous` would.
    kSection,
    /// Double track: request headway `a`; release the siding the vehicle stood on (if
    /// `release_held`); run for `ticks` (the headway, or the whole run if shorter); release `a`.
    /// Several steps (`stage` says how far it got) in one operation, because every train does
    /// this on every double-track link.
    kHeadway,
  };
  Code code = kRun;
  /// kSection, kTraverse: begin by releasing the section of the operation before this one (a
  /// kSection whose run has just ended), in place of a kRelease between the two.
  bool release_previous = false;
  /// kSection, kHeadway: once in the section (or holding the headway), release the siding the
  /// vehicle holds, the one it took as `ahead` at its last kSection (kept in the vehicle, not
  /// here, so that an operation fits in 16 bytes).
  bool release_held = false;
  /// kSection: the last section of a link in no corridor; its run ends with the crossing of
  /// the link, in place of a kTraverse after it (one operation fewer at every single-track
  /// link; a crossing with a corridor mask still needs the kTraverse that holds the mask).
  bool cross_after = false;
  std::uint32_t a = 0;
  /// kRun, kSection, kHeadway: time in motion in ticks of 32 bits (up to 49.7 days; longer runs are
  /// split, see kMaxTicks). kTraverse: the low word of the link's corridor mask.
  std::uint32_t ticks = 0;
  /// kSection: the siding ahead, or kNoResource. kTraverse: the high word of the link's corridor
  /// mask (Plan::link_corridor_mask), so that a crossing reads nothing outside the program.
  /// kProcess: the process's channel (ProcessSpec::resource).
  std::uint32_t ahead = kNoResource;

  static constexpr core::Tick kMaxTicks = 0xffffffff;

  [[nodiscard]] std::uint64_t corridors() const {
    return ticks | (static_cast<std::uint64_t>(ahead) << 32);
  }
  void set_corridors(std::uint64_t mask) {
    ticks = static_cast<std::uint32_t>(mask);
    ahead = static_cast<std::uint32_t>(mask >> 32);
  }
};
// 16 bytes: a program is read in order, so the smaller the operation, the fewer cache lines a
// vehicle's steps bring in, and at 16 bytes no operation straddles two lines
// (docs/performance.md, "Synthetic networks").
static_assert(sizeof(Op) == 16, "four operations per cache line");

struct Program {
  std::uint32_t begin = 0;  ///< into Plan::ops
  std::uint32_t end = 0;
};

/// Trains or trucks of one fleet running one leg (a list of hops) and back.
struct ServiceSpec {
  model::Mode mode = model::Mode::kRail;
  std::uint32_t fleet = 0;
  std::uint32_t from_node = 0;
  std::uint32_t to_node = 0;
  std::vector<graph::Hop> hops;
  double capacity_t = 0;    ///< what one vehicle carries
  double unit_t = 0;        ///< tonnes per wagon or truck
  core::Tick max_wait = 0;  ///< the fleet's departure.max_wait, for the oldest lot
  Program outbound;
  Program inbound;  ///< the empty return
  /// The return only drives (runs and link crossings) and the fleet is unlimited: nothing the
  /// vehicle does on the way back can affect another, so it is accounted for in one step.
  bool passive_return = false;
};

/// A sea link and the vessels that serve it.
struct SeaSpec {
  std::uint32_t link = 0;
  std::uint32_t node[2] = {0, 0};  ///< 0: link.from, 1: link.to
  struct Vessel {
    std::uint32_t fleet = 0;
    core::Tick sail = 0;
    std::uint32_t berth[2] = {0, 0};  ///< berth resource at each end
    model::Distribution handling[2];
    std::uint64_t stream = 0;
  };
  std::vector<Vessel> vessels;
};

/// A pipeline leg: batches of cargo every period, limited by the lowest rate on the way.
struct PipelineSpec {
  std::vector<graph::Hop> hops;
  double rate_t_per_s = 0;
  core::Tick batch = 0;
  core::Tick transit = 0;
};

struct TransferSpec {
  std::uint32_t node = 0;
  std::uint32_t resource = 0;
  core::Tick per_unit = 0;
};

struct LegSpec {
  enum Kind : std::uint8_t { kService, kSea, kPipeline, kTransfer };
  Kind kind = kService;
  std::uint32_t index = 0;     ///< into services, seas, pipelines or transfers
  std::uint8_t direction = 0;  ///< sea: 0 = from → to, 1 = to → from
  /// Service legs: the lot's carrier on the leg ('w' wagons, 't' trucks), from the service's
  /// mode, kept here so that routing a lot does not read the service.
  char carrier = 'w';
  /// Service legs: wagons or trucks a whole lot of the flow (FlowSpec::lot_t) takes, worked out
  /// once here because every lot on the leg needs it (split lots work out their own).
  std::uint32_t whole_lot_units = 1;
};

/// Wagons or trucks of `unit_t` tonnes that `tonnes` of cargo take: at least one.
inline std::uint32_t units_for(double tonnes, double unit_t) {
  constexpr double kMinUnit = 1e-9;
  return static_cast<std::uint32_t>(
      std::max(1.0, std::ceil(tonnes / std::max(unit_t, kMinUnit) - 1e-6)));
}

struct FlowSpec {
  std::vector<LegSpec> legs;
  double lot_t = 0;
  double rate_t_per_s = 0;  ///< annual volume / seconds per year
  double route_km = 0;
  std::uint64_t stream = 0;
  std::uint64_t corridor_mask = 0;  ///< corridors that list this flow
};

struct DisruptionSpec {
  model::Disruption::Kind kind = model::Disruption::Kind::kClosure;
  bool is_link = true;
  std::uint32_t target = 0;
  double start_s = 0, end_s = 0, mtbf_s = 0, mttr_s = 0, closed_fraction = 0, mean_spell_s = 0;
  std::vector<int> months;
  std::uint64_t stream = 0;
};

struct Plan {
  const model::Scenario* scenario = nullptr;
  const graph::Network* network = nullptr;
  std::vector<ResourceSpec> resources;
  std::vector<ProcessSpec> processes;
  std::vector<Op> ops;
  std::vector<ServiceSpec> services;
  std::vector<SeaSpec> seas;
  std::vector<PipelineSpec> pipelines;
  std::vector<TransferSpec> transfers;
  std::vector<FlowSpec> flows;
  std::vector<DisruptionSpec> disruptions;
  /// Per resource: for a single-track section, the ticks a train stands after running it (the
  /// link's crossing time, its clearance) and its link; zeros for every other resource.
  struct Section {
    std::uint32_t clearance = 0;
    std::uint32_t link = 0;
  };
  std::vector<Section> sections;
  std::vector<std::uint64_t> link_corridor_mask;           ///< per link
  std::vector<std::vector<std::uint32_t>> node_resources;  ///< per node: its berths/border/transfer
  std::vector<std::vector<std::uint32_t>> link_resources;  ///< per link: sections, checkpoints
  std::vector<std::int32_t> sea_of_link;                   ///< per link: index into seas, or -1
};

/// Builds the plan; throws ScenarioError listing every flow that cannot be served.
void build_plan(const graph::Network& network, Plan& plan);

}  // namespace corridor::transport
