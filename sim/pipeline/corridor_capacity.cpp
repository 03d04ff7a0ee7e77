// The analytic bound beside the simulated throughput of each corridor.
#include "corridor/pipeline/corridor_capacity.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace corridor::pipeline {
namespace {

// Short names of binding element kinds as reports print them.
const char* kind_label(capacity::Element::Kind kind) {
  using Kind = capacity::Element::Kind;
  switch (kind) {
    case Kind::kSingleTrack:
      return "single track";
    case Kind::kDoubleTrack:
      return "double track";
    case Kind::kRoadCheckpoint:
      return "road checkpoint";
    case Kind::kPipeline:
      return "pipeline";
    case Kind::kFerry:
      return "vessels";
    case Kind::kBerths:
      return "berths";
    case Kind::kBorderExit:
      return "border exit";
    case Kind::kBorderEntry:
      return "border entry";
    case Kind::kTransfer:
      return "transfer";
    case Kind::kFleet:
      return "fleet";
  }
  return "element";
}

}  // namespace

results::CorridorCapacity to_capacity(const capacity::Bound& bound) {
  results::CorridorCapacity c;
  c.unbounded = bound.unbounded;
  c.capacity_t_per_year = bound.capacity_t_per_year;
  c.note = bound.note;
  for (const auto& e : bound.binding) {
    c.binding.push_back({e.id, kind_label(e.kind), e.where, e.capacity_t_per_year});
  }
  return c;
}

void binding_utilisation(const results::RunResults& r, const results::CorridorCapacity& capacity,
                         std::optional<double>& value, std::string& id) {
  for (const auto& b : capacity.binding) {
    // The simulation measures busy time of track, checkpoints, borders, berths and transfer
    // lines; vessels, pipelines and fleets have no utilisation of their own in the results.
    if (b.kind == "vessels" || b.kind == "pipeline" || b.kind == "fleet") continue;
    std::optional<double> u;
    for (const auto& l : r.links) {
      if (l.id == b.id) u = l.utilisation.mean;
    }
    for (const auto& n : r.nodes) {
      if (n.id == b.id) u = n.utilisation.mean;
    }
    if (u && (!value || *u > *value)) {
      value = u;
      id = b.id;
    }
  }
}

void attach_capacity(const graph::Network& network, results::RunResults& results) {
  const model::Scenario& sc = network.scenario();
  for (auto& c : results.corridors) {
    const auto it = std::find_if(sc.corridors.begin(), sc.corridors.end(),
                                 [&](const model::Corridor& m) { return m.id == c.id; });
    if (it == sc.corridors.end()) continue;
    c.capacity = to_capacity(capacity::analyse_corridor(network, *it));
    binding_utilisation(results, *c.capacity, c.binding_utilisation, c.binding_utilisation_id);
    const auto& cap = *c.capacity;
    const bool bounded = !cap.unbounded && !cap.binding.empty();
    if (bounded && c.tonnes_per_year.mean > cap.capacity_t_per_year * 1.001 + 1) {
      c.flags.push_back(fmt::format(
          "simulated throughput {:.0f} t/yr exceeds the analytic bound {:.0f} t/yr: this is a "
          "bug, please report it with the scenario",
          c.tonnes_per_year.mean, cap.capacity_t_per_year));
    }
    if (c.binding_utilisation && *c.binding_utilisation < kBarelyUsed) {
      c.flags.push_back(fmt::format(
          "binding element '{}' is barely used ({:.0f}%): the corridor carries its demand far "
          "below its capacity",
          c.binding_utilisation_id, *c.binding_utilisation * 100));
    }
  }
}

}  // namespace corridor::pipeline
