// Public entry of the scenario stage: reads a YAML scenario (following `extends`), applies
// command-line overrides, validates everything in one pass and returns the immutable
// model::Scenario. The format is described in docs/scenario-format.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/scenario/document.hpp"
#include "corridor/scenario/merge.hpp"

namespace corridor::scenario {

/// A value set from outside the file (`corridor run --set PATH=VALUE`), applied after `extends`
/// merging and before validation.
struct Override {
  /// Dot-separated keys; list entries are selected by id: `fleets.ferry_az.count`,
  /// `links.kti_tm.rail.loops`, `run.seed`.
  std::string path;
  /// Read as YAML (`6`, `12 h`, or a flow list such as `[10 km, 20 km]`); replaces the value at
  /// `path`.
  std::string value;
};

/// Told what loading does as it moves from one stage to the next, for a progress display:
/// "parsing 27.9 MB of YAML", then "checking 100000 nodes, 112498 links, 1 fleet, 10000 flows".
using LoadStage = std::function<void(const std::string& stage)>;

/// Loads, merges, overrides and validates the scenario file at `path`.
/// Throws ScenarioError holding every diagnostic found (never only the first).
/// With `bases`, the `extends` bases read are kept there and taken from there by the next load
/// that builds on them (several files of one command): the result is the same, the base is
/// read once.
[[nodiscard]] model::Scenario load_file(const std::string& path,
                                        const std::vector<Override>& overrides = {},
                                        const LoadStage& stage = {}, BaseCache* bases = nullptr);

/// A scenario file read, parsed and merged with its `extends` bases once, then validated with
/// one set of overrides after another (the points of a sweep): each point costs a copy of the
/// document and its validation instead of reading the file again. `with(o)` gives exactly what
/// load_file(path, o) gives, scenario or diagnostics.
class ScenarioSource {
 public:
  /// Throws ScenarioError when the file cannot be read, parsed or merged; `stage` as for
  /// load_file.
  explicit ScenarioSource(const std::string& path, const LoadStage& stage = {});

  /// The scenario with `overrides` applied. Throws ScenarioError with every diagnostic found.
  [[nodiscard]] model::Scenario with(const std::vector<Override>& overrides,
                                     const LoadStage& stage = {}) const;

 private:
  std::string path_;
  DocNode merged_;
  std::vector<Diagnostic> diagnostics_;  ///< found while reading and merging (kept for each point)
};

/// As load_file, for text already in memory. `name` stands for the file name in messages and
/// in Scenario::file; `extends` paths are resolved relative to `base_dir`.
[[nodiscard]] model::Scenario load_text(const std::string& text, const std::string& name,
                                        const std::string& base_dir = ".",
                                        const std::vector<Override>& overrides = {});

}  // namespace corridor::scenario
