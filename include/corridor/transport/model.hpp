// The transport model: turns a network into trains, trucks, vessels, pipelines and cargo lots
// moving through capacity-limited sections, sidings, borders, berths and transfer points, on the
// discrete-event kernel. Capacity is never an input: throughput emerges from these elements.
// See docs/model.md for every element and its assumptions.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "corridor/core/sim_time.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/transport/results.hpp"

namespace corridor::transport {

struct Plan;

/// A replication that processes this many events stops with a SimulationError, so that no
/// input can keep a run going without end (a year of the Caspian network takes ~1.5 million).
inline constexpr std::uint64_t kMaxEventsPerReplication = 500'000'000;

/// A route leg as reported to users: the vehicles used and the nodes it runs between.
struct LegInfo {
  std::string kind;   ///< rail, road, sea, pipeline, transfer
  std::string fleet;  ///< fleet id ("" for pipeline and transfer)
  std::string from;   ///< node id
  std::string to;     ///< node id
};

/// A scenario prepared for simulation: routes, legs, services and resources, built once and
/// shared read-only by every replication (thread-safe to run concurrently).
class Model {
 public:
  /// Prepares the network's scenario. Throws ScenarioError when a flow has no route or no
  /// vehicle can serve a leg of its route.
  explicit Model(const graph::Network& network);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  [[nodiscard]] const graph::Network& network() const { return *network_; }

  /// Runs replication `replication` with the scenario's horizon and warm-up. Random streams are
  /// keyed by (seed, replication, element), so equal elements draw equal numbers across
  /// scenarios. `stop`, if given, ends the run early when set (the result says `stopped`).
  /// `clock`, if given, receives the simulated time every few thousand events (for progress
  /// shown by another thread; compare with horizon()).
  [[nodiscard]] ReplicationResult run(int replication, std::uint64_t seed,
                                      const std::atomic<bool>* stop = nullptr,
                                      std::atomic<core::Tick>* clock = nullptr) const;
  /// The simulated time a replication runs to, in the same ticks as run()'s `clock`.
  [[nodiscard]] core::Tick horizon() const;

  /// The legs of each flow's route, in order (for reports and explanations).
  [[nodiscard]] std::vector<LegInfo> legs(std::size_t flow) const;
  /// Route length of each flow in km.
  [[nodiscard]] double route_km(std::size_t flow) const;

 private:
  const graph::Network* network_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace corridor::transport
