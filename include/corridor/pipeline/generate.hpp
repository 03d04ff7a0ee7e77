// Synthetic scenarios for scale tests: a connected network of a chosen size with random flows,
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

/// A scenario YAML document: nodes scattered over a region and split into countries by
/// longitude; a random spanning tree of rail links between near neighbours plus about one extra
/// link per eight nodes (mostly single track with passing loops, some double track, a few
/// roads); border processing where a link crosses countries; two ports joined by a ferry line;
/// a train fleet; `flows` rail/sea flows between random nodes; a weather disruption on the
/// ferry line; and two corridors (the first flows, the ferry line). Throws UsageError when a
/// count is out of range.
[[nodiscard]] std::string generate_scenario(const GenerateOptions& options);

}  // namespace corridor::pipeline
