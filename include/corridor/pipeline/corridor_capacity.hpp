// Sets the analytic capacity bound beside each corridor's simulated throughput: the bound and
// its binding elements (capacity analysis), the simulated utilisation of the binding element,
// and flags when the two disagree in a way a user should look at.
#pragma once

#include <optional>
#include <string>

#include "corridor/capacity/analysis.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/results/summary.hpp"

namespace corridor::pipeline {

/// A binding element utilisation below this is "barely used".
inline constexpr double kBarelyUsed = 0.2;

/// The bound as reports show it.
results::CorridorCapacity to_capacity(const capacity::Bound& bound);

/// The busiest (simulated) binding element of `capacity` that is a link or node of `results`.
void binding_utilisation(const results::RunResults& results,
                         const results::CorridorCapacity& capacity, std::optional<double>& value,
                         std::string& id);

/// Fills `capacity`, `binding_utilisation` and `flags` of every corridor of `results`.
void attach_capacity(const graph::Network& network, results::RunResults& results);

}  // namespace corridor::pipeline
