// Results of a run in the form reports read: per corridor, link, node and flow, the mean and
// 95% confidence interval over replications of what the transport model measured. Plain values;
// `summarise` turns per-replication results (transport/results.hpp) into these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/core/statistics.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/transport/results.hpp"

namespace corridor::results {

using core::Estimate;

/// One element that limits a corridor's capacity (copied from the capacity analysis).
struct BindingElement {
  std::string id;    ///< link, node or fleet id
  std::string kind;  ///< e.g. "single track", "border exit", "fleet"
  std::string where;
  double capacity_t_per_year = 0;
};

/// The analytic capacity bound of a corridor, when the capacity analysis was available.
struct CorridorCapacity {
  bool unbounded = false;
  double capacity_t_per_year = 0;  ///< meaningless when unbounded
  std::vector<BindingElement> binding;
  std::string note;
};

struct CorridorSummary {
  std::string id;
  std::string name;
  Estimate tonnes_per_year;
  Estimate loaded_trips_per_day;
  Estimate value_usd_per_year;
  /// The analytic bound from the capacity analysis, when it was computed.
  std::optional<CorridorCapacity> capacity;
  /// Highest simulated utilisation (mean, 0..1) among the binding elements that are links or
  /// nodes, and which one.
  std::optional<double> binding_utilisation;
  std::string binding_utilisation_id;
  /// Warnings about the run against the bound: throughput above it (a bug), or a binding
  /// element that is barely used (the corridor is far from its capacity).
  std::vector<std::string> flags;
};

struct LinkSummary {
  std::string id;
  std::string from;
  std::string to;
  std::string mode;
  Estimate tonnes_per_year;
  Estimate vehicles_per_day;
  Estimate utilisation;
  Estimate wait_mean_h;
  Estimate wait_p95_h;
  Estimate closed_days;
};

struct NodeSummary {
  std::string id;
  std::string name;
  std::string kind;
  Estimate tonnes_per_year;
  Estimate vehicles_per_day;
  Estimate utilisation;
  Estimate wait_mean_h;
  Estimate wait_p95_h;
  Estimate closed_days;
};

struct FlowSummary {
  std::string id;
  std::string origin;
  std::string destination;
  std::string commodity;
  std::string route;  ///< legs, e.g. "rail uzen→inche_burun (kti_train) · transfer inche_burun · …"
  double route_km = 0;
  double volume_t_per_year = 0;  ///< as given in the scenario
  Estimate demanded_t_per_year;
  Estimate delivered_t_per_year;
  Estimate backlog_t;
  Estimate transit_mean_h;
  Estimate transit_p50_h;
  Estimate transit_p95_h;
  Estimate swod_kmh;
  Estimate swd_kmh;
  Estimate value_usd_per_year;
};

/// What varies between identical runs.
struct RunMeta {
  std::string version;
  std::string host;
  double wall_s = 0;
  int threads = 0;
};

struct RunResults {
  std::string scenario;  ///< name
  std::string file;
  std::uint64_t seed = 0;
  int replications = 0;
  double horizon_days = 0;
  double warmup_days = 0;
  std::uint64_t events = 0;  ///< summed over replications
  bool stopped = false;      ///< interrupted: only the finished replications are summarised
  std::vector<CorridorSummary> corridors;
  std::vector<LinkSummary> links;
  std::vector<NodeSummary> nodes;
  std::vector<FlowSummary> flows;
  /// Per replication, per corridor: tonnes per year (for paired comparisons).
  std::vector<std::vector<double>> corridor_samples;
  RunMeta meta;
};

/// Turns finished replications into estimates (exposed for tests and for MPI gathering).
RunResults summarise(const model::Scenario& scenario,
                     const std::vector<transport::ReplicationResult>& replications,
                     std::uint64_t seed, const std::vector<std::string>& flow_routes,
                     const std::vector<double>& flow_route_km);

}  // namespace corridor::results
