// The transport network built from a validated scenario: nodes and links as a graph, free-flow
// times and routing of flows. The simulation, capacity analysis and exporters read the network
// through this API, using scenario indices; the Boost.Graph representation stays inside sim/graph.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "corridor/model/scenario.hpp"

namespace corridor::graph {

/// One traversal of a link. Links may be travelled both ways.
struct Hop {
  std::size_t link = 0;  ///< index into scenario.links
  bool forward = true;   ///< true: from → to; false: to → from

  friend bool operator==(const Hop&, const Hop&) = default;
};

/// The physical network of a scenario. Holds a reference to the scenario, which must outlive it.
/// Immutable after construction; copies share the same internal graph.
class Network {
 public:
  /// Builds the graph. Throws ScenarioError for structural problems the validator does not
  /// see (e.g. a link whose free-flow time cannot be determined).
  explicit Network(const model::Scenario& scenario);

  [[nodiscard]] const model::Scenario& scenario() const { return *scenario_; }
  [[nodiscard]] std::size_t node_count() const;
  [[nodiscard]] std::size_t link_count() const;

  /// Index into scenario.nodes / scenario.links, or nullopt for an unknown id.
  [[nodiscard]] std::optional<std::size_t> node_index(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> link_index(std::string_view id) const;

  /// Node indices at the start and the end of a hop.
  [[nodiscard]] std::size_t hop_from(Hop hop) const;
  [[nodiscard]] std::size_t hop_to(Hop hop) const;

  /// Hops leaving a node (links at the node, in either direction), ordered by link index.
  [[nodiscard]] std::vector<Hop> hops_from(std::size_t node) const;

  /// Free-flow time of a hop in seconds: length / speed for rail and road; for sea, length /
  /// the link speed if given, else the speed of the link's first vessel fleet; for pipeline,
  /// the batch period. The same both ways.
  [[nodiscard]] double free_flow_s(Hop hop) const;

  /// Route of a flow: shortest total free-flow time over its allowed modes (empty = all),
  /// through its `via` nodes in order. Mode changes only where allowed: rail↔sea and road↔sea
  /// at a node of kind port (or with berths); a rail gauge change or rail↔road only at a node
  /// with `transfer`. Pipeline cargo changes to sea at ports and to rail or road at transfer
  /// nodes. Ties go to the lower link index among parallel links; the result is deterministic.
  /// An empty route means origin == destination with nothing to visit. nullopt when there is
  /// no route (or a node id of the flow is unknown). Calls share one search graph, kept while
  /// flows allow the same modes and list the same `via` nodes, under a lock: safe from several
  /// threads, but not in parallel.
  [[nodiscard]] std::optional<std::vector<Hop>> route(const model::Flow& flow) const;

  /// Total free-flow time of a sequence of hops, in seconds.
  [[nodiscard]] double free_flow_s(const std::vector<Hop>& hops) const;

 private:
  struct Impl;
  const model::Scenario* scenario_;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace corridor::graph
