// Replays the inputs that once broke the loader, found by the libFuzzer targets: scenario files
// under tests/fuzz/regressions/ (scenario_fuzz) and override lines under tests/fuzz/overrides/
// (override_fuzz, whose seeds are there too). Each must load or fail with diagnostics, nothing
// else.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "../fuzz/override_lines.hpp"
#include "corridor/error.hpp"
#include "corridor/scenario/loader.hpp"

namespace {

/// Calls `replay` with the text of every input file under tests/fuzz/`folder` (README aside);
/// returns how many there were.
template <typename Replay>
int for_each_input(const std::string& folder, Replay replay) {
  const std::filesystem::path dir =
      std::filesystem::path(CORRIDOR_SOURCE_DIR) / "tests" / "fuzz" / folder;
  REQUIRE(std::filesystem::is_directory(dir));
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    INFO(entry.path().filename().string());
    replay(text);
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("inputs that once broke the loader now load or fail with diagnostics", "[scenario]") {
  const int count = for_each_input("regressions", [](const std::string& text) {
    try {
      (void)corridor::scenario::load_text(text, "fuzz.yaml", "/nonexistent");
    } catch (const corridor::ScenarioError& e) {
      CHECK_FALSE(e.diagnostics().empty());
    }
  });
  CHECK(count > 0);
}

TEST_CASE("override seeds and inputs that once broke the loader load or fail with diagnostics",
          "[scenario]") {
  const int count = for_each_input("overrides", [](const std::string& text) {
    try {
      (void)corridor::scenario::load_file(corridor::fuzz::kOverrideBase,
                                          corridor::fuzz::override_lines(text));
    } catch (const corridor::ScenarioError& e) {
      CHECK_FALSE(e.diagnostics().empty());
    }
  });
  CHECK(count > 0);
}

TEST_CASE("an override input is read one PATH=VALUE per line, split at the first '='",
          "[scenario]") {
  const auto lines =
      corridor::fuzz::override_lines("run.seed=7\nno equals sign\n=6\nrun.horizon=a=b\n");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].path == "run.seed");
  CHECK(lines[0].value == "7");
  CHECK(lines[1].path == "run.horizon");
  CHECK(lines[1].value == "a=b");
}
