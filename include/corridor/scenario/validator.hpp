// The validator: turns a merged raw document into a model::Scenario, checking keys, types,
// units, ranges and references. It reports every problem in one pass (never stopping at the
// first); the loader freezes the result only when there were none.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/document.hpp"

namespace corridor::scenario {

/// Limits on what one scenario may hold, so that a broken or generated file fails with a message
/// instead of a run that cannot finish (docs/scenario-format.md, "Limits").
inline constexpr std::size_t kMaxNodes = 100'000;
inline constexpr std::size_t kMaxLinks = 200'000;
inline constexpr std::size_t kMaxFlows = 10'000;
inline constexpr int kMaxReplications = 100'000;
inline constexpr double kMaxHorizonYears = 100;

/// Unknown ids get a "did you mean" hint for the first this many references only; later ones
/// are reported without, as finding each hint compares the id with every id of its kind.
inline constexpr std::size_t kSuggestedReferences = 100;

/// Validates `document` (a top-level map) and converts it. Every problem is appended to
/// `diagnostics`; the returned scenario is complete and valid only when none were appended.
/// `file` becomes Scenario::file.
[[nodiscard]] model::Scenario validate(const DocNode& document, const std::string& file,
                                       std::vector<Diagnostic>& diagnostics);

}  // namespace corridor::scenario
