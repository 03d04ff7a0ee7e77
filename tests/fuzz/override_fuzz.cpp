// libFuzzer target over command-line overrides (`--set PATH=VALUE`): each line of the input is
// one override, split at its first '=' as the command line splits it, applied to the shipped
// Caspian base scenario. Any input must give a valid model::Scenario or a ScenarioError with
// at least one diagnostic; anything else is a bug. Built with CORRIDOR_FUZZ=ON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/loader.hpp"
#include "override_lines.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<corridor::scenario::Override> overrides = corridor::fuzz::override_lines(text);
  try {
    (void)corridor::scenario::load_file(corridor::fuzz::kOverrideBase, overrides);
  } catch (const corridor::ScenarioError& e) {
    if (e.diagnostics().empty()) std::abort();
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  return 0;
}
