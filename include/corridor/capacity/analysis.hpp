// Static capacity analysis: an upper bound on the tonnes per year a flow or corridor can carry,
// as a maximum flow over a capacity graph built from the same physical parameters the
// simulation uses, with the minimum cut as the list of binding elements.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "corridor/graph/network.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor::capacity {

/// One element that limits throughput, with the derivation of its capacity.
struct Element {
  enum class Kind {
    kSingleTrack,     ///< a single-track rail link, one direction
    kDoubleTrack,     ///< a double-track rail link, one direction
    kRoadCheckpoint,  ///< a road link's checkpoint, one direction
    kPipeline,        ///< a pipeline link, one direction
    kFerry,           ///< the vessels of one fleet on a sea link, one direction
    kBerths,          ///< a berth group at a port
    kBorderExit,      ///< a border node's exit process (for one mode)
    kBorderEntry,     ///< a border node's entry process (for one mode)
    kTransfer,        ///< a node's transfer lines
    kFleet,           ///< trainsets or trucks cycling on a flow's leg
  };
  Kind kind = Kind::kSingleTrack;
  std::string id;     ///< the link, node or fleet id
  std::string where;  ///< "a → b" for a link direction or leg; the mode for border processes
  double capacity_t_per_year = 0;
  /// One line, e.g. "single track, longest section 36 km: 27 min each way + 2 × 5 min crossing
  /// → 22.5 trains/day × 2,600 t → 21.4 Mt/yr".
  std::string derivation;
};

[[nodiscard]] const char* to_string(Element::Kind kind);

/// The capacity bound of a flow or a corridor.
struct Bound {
  std::string subject;             ///< "flow x" or "corridor y"
  bool unbounded = false;          ///< nothing on the way limits it
  double capacity_t_per_year = 0;  ///< min(infrastructure, fleets); meaningless when unbounded
  double infrastructure_t_per_year = 0;  ///< the maximum flow over links and nodes alone
  /// The elements that bind: the minimum cut of the infrastructure, or the fleets when they
  /// limit more. Their capacities sum to capacity_t_per_year.
  std::vector<Element> binding;
  /// The elements the maximum flow runs through (of one maximum flow, where several exist), in
  /// the order they were made, and the fleet bounds: the bound's own part of the network.
  std::vector<Element> elements;
  std::string note;  ///< why a bound is zero or not defined, when it is
};

/// The bound for one flow from its origin to its destination over its allowed modes. Via nodes
/// are not enforced (the bound stays an upper bound). Fleets are those the simulation picks:
/// the flow's listed fleets first, else the first fleet of the right kind and gauge.
[[nodiscard]] Bound analyse_flow(const graph::Network& network, const model::Flow& flow);

/// The bound for a corridor: with flows, the maximum flow from all their origins to all their
/// destinations; with links only, the maximum flow between the two ends of the chain of links
/// (over those links only, both directions reported as the larger).
[[nodiscard]] Bound analyse_corridor(const graph::Network& network,
                                     const model::Corridor& corridor);

/// Told by analyse() how many bounds are done of how many: at the start, after each bound and
/// once more at the end (a large network without corridors takes a while). With several
/// threads it is called from them, one call at a time.
using AnalysisProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Bounds of every corridor of the scenario, or of every flow when it has no corridors, in
/// that order. The bounds are independent: `threads` of them are worked out at a time, with the
/// same result whatever the number.
[[nodiscard]] std::vector<Bound> analyse(const graph::Network& network,
                                         const AnalysisProgress& progress = {}, int threads = 1);

}  // namespace corridor::capacity
