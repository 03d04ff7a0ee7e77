// What one replication of the transport simulation measured: plain aggregates, indexed like the
// scenario's lists (corridors, links, nodes, flows). Tonnes and vehicles count only the
// measurement window (after warm-up); the pipeline stage turns replications into estimates.
#pragma once

#include <cstdint>
#include <vector>

namespace corridor::transport {

struct CorridorResult {
  double tonnes = 0;        ///< cargo that crossed one of the corridor's links (counted once)
  double loaded_trips = 0;  ///< loaded vehicle trips that crossed the corridor
  double value_usd = 0;     ///< value of that cargo (flows with a value per tonne)
};

struct LinkResult {
  double tonnes = 0;    ///< cargo carried over the link, both directions
  double vehicles = 0;  ///< vehicle passages (loaded or empty), both directions
  double utilisation =
      0;  ///< busiest capacity element (section, headway, checkpoint): busy / open time
  double wait_mean_s = 0;  ///< waits to enter the link (sections, sidings, checkpoint, closures)
  double wait_p95_s = 0;
  double closed_s = 0;  ///< time the link was closed within the window
};

struct NodeResult {
  double tonnes = 0;       ///< cargo processed (border, berths, transfer) or passing
  double vehicles = 0;     ///< vehicles processed at the node's border, berths or transfer
  double utilisation = 0;  ///< busiest resource of the node (border channels, berths, transfer)
  double wait_mean_s = 0;
  double wait_p95_s = 0;
  double closed_s = 0;
};

struct FlowResult {
  double demanded_t = 0;   ///< cargo generated within the window
  double delivered_t = 0;  ///< cargo delivered within the window
  double backlog_t = 0;    ///< cargo generated (at any time) and not delivered at the end
  double transit_mean_s = 0;
  double transit_p50_s = 0;
  double transit_p95_s = 0;
  double swod_kmh = 0;   ///< speed without delay: route length / time in motion
  double swd_kmh = 0;    ///< speed with delay: route length / total transit time
  double value_usd = 0;  ///< value of the cargo delivered within the window
};

struct ReplicationResult {
  int replication = 0;
  double window_s = 0;  ///< length of the measurement window
  std::uint64_t events = 0;
  bool stopped = false;  ///< interrupted before the horizon
  std::vector<CorridorResult> corridors;
  std::vector<LinkResult> links;
  std::vector<NodeResult> nodes;
  std::vector<FlowResult> flows;
};

}  // namespace corridor::transport
