// Replays the inputs under tests/fuzz/regressions/ that once broke the loader (found by the
// scenario_fuzz libFuzzer target): each must now load or fail with diagnostics, nothing else.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "corridor/error.hpp"
#include "corridor/scenario/loader.hpp"

TEST_CASE("inputs that once broke the loader now load or fail with diagnostics", "[scenario]") {
  const std::filesystem::path dir =
      std::filesystem::path(CORRIDOR_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  REQUIRE(std::filesystem::is_directory(dir));
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    INFO(entry.path().filename().string());
    try {
      (void)corridor::scenario::load_text(text, "fuzz.yaml", "/nonexistent");
    } catch (const corridor::ScenarioError& e) {
      CHECK_FALSE(e.diagnostics().empty());
    }
  }
}
