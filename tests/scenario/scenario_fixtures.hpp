// Helpers for the scenario stage's tests: load text and collect the formatted diagnostics.
#pragma once

#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/loader.hpp"

namespace corridor::scenario::testing {

/// Every diagnostic of loading `text` as "t.yaml", formatted; empty when the text is valid.
inline std::vector<std::string> problems_of(const std::string& text,
                                            const std::vector<Override>& overrides = {},
                                            const std::string& base_dir = ".") {
  try {
    (void)load_text(text, "t.yaml", base_dir, overrides);
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

/// A small valid scenario; tests append lists or keys to it (it ends after `nodes`).
inline const std::string kTwoNodes =
    "name: two nodes\n"
    "nodes:\n"
    "  - {id: alpha, country: AA, kind: station, lat: 45, lon: 60}\n"
    "  - {id: bravo, country: BB, kind: station, lat: 44, lon: 62}\n";

}  // namespace corridor::scenario::testing
