// Synthetic scenarios for scale tests: a connected network of a chosen size with local flows,
// written as scenario YAML text (the format of docs/scenario-format.md) that the loader accepts
// as it is. The same options and seed always give the same text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace corridor::pipeline {

struct GenerateOptions {
  std::size_t nodes = 100;  ///< at least 4, at most scenario::kMaxNodes
  std::size_t flows = 20;   ///< at least 1, at most scenario::kMaxFlows
  std::uint64_t seed = 1;   ///< drives the layout and the flows; also written as run.seed
};

/// A scenario YAML document: nodes scattered uniformly over a plane region 1.5 times as wide as
/// high whose area grows with the number of nodes (400 km² per node, so nodes are about 20 km
/// apart at any size; written as latitude and longitude around 40° N 66° E, with link lengths
/// taken from the plane); countries are blocks of about 200 nodes (at least two); links join
/// near neighbours (found through a grid of cells): a random spanning tree of rail links plus
/// about one extra link per eight nodes (mostly single track, with a passing loop per 30 km on
/// the few longer links; some double track; a few roads); border processing where a link
/// crosses countries; two ports joined by a ferry line, 40 to 200 km apart where the region
/// allows, placed where the ferry saves most time; a train fleet; `flows` rail/sea flows, each
/// from a random node to one 1 to 24 rail links away (so routes are as long at any size),
/// except flows 0, 10, 20 and 30, which run between the surroundings of the two ports (0 and 20
/// from the first port's side, 10 and 30 from the second's); a weather disruption on the ferry
/// line; and two corridors (the first flows, the ferry line).
/// Throws UsageError when a count is out of range.
[[nodiscard]] std::string generate_scenario(const GenerateOptions& options);

}  // namespace corridor::pipeline
