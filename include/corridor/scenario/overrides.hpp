// Command-line overrides (`--set fleets.ferry_az.count=6`): applied to the merged raw document
// after `extends` and before validation, so an overridden value is checked like any other.
#pragma once

#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/document.hpp"
#include "corridor/scenario/loader.hpp"

namespace corridor::scenario {

/// Sets each override's value in `document` (a top-level map). Path steps through maps by key
/// (creating missing maps and keys) and through lists by entry id. Values carry the location
/// `--set PATH`, so later messages about them name the override. An unknown id or a step into a
/// plain value is appended to `diagnostics`, as `--set PATH: error: message`.
void apply_overrides(DocNode& document, const std::vector<Override>& overrides,
                     std::vector<Diagnostic>& diagnostics);

}  // namespace corridor::scenario
