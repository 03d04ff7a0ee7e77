// libFuzzer target over the scenario stage: any bytes given to load_text either become a valid
// model::Scenario or raise ScenarioError with at least one diagnostic. Anything else (a crash, a
// sanitizer report, another exception, a hang) is a bug. Built with CORRIDOR_FUZZ=ON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "corridor/error.hpp"
#include "corridor/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    // `extends` is resolved against a directory with no scenarios, so it cannot read real files.
    const auto scenario = corridor::scenario::load_text(text, "fuzz.yaml", "/nonexistent");
    (void)scenario;
  } catch (const corridor::ScenarioError& e) {
    if (e.diagnostics().empty()) std::abort();
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  return 0;
}
