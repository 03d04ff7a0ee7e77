// Tests of the loader's entry points: YAML syntax errors, empty and malformed documents,
// unreadable files, limits, overrides, and all mistakes of a document reported in one pass.
#include "corridor/scenario/loader.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scenario_fixtures.hpp"

using corridor::scenario::load_file;
using corridor::scenario::load_text;
using corridor::scenario::Override;
using corridor::scenario::testing::kTwoNodes;
using corridor::scenario::testing::problems_of;
using Lines = std::vector<std::string>;

namespace {
/// Every diagnostic of calling `load` (a loader entry), formatted; empty when it succeeds.
template <typename Load>
Lines diagnostics_of(Load load) {
  try {
    (void)load();
  } catch (const corridor::ScenarioError& e) {
    Lines out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

Lines file_problems(const std::string& path) {
  return diagnostics_of([&] { return load_file(path); });
}
}  // namespace

TEST_CASE("three independent mistakes give exactly three diagnostics", "[scenario]") {
  CHECK(problems_of("name: three mistakes\n"
                    "nodes:\n"
                    "  - id: alpha\n"
                    "    country: AA\n"
                    "    kind: station\n"
                    "    lat: 45\n"
                    "    lon: 60\n"
                    "  - id: bravo\n"
                    "    country: BB\n"
                    "    kind: station\n"
                    "    lat: 44\n"
                    "    lon: 62\n"
                    "links:\n"
                    "  - id: ab\n"
                    "    from: alpha\n"
                    "    to: bravoo\n"
                    "    mode: rail\n"
                    "    lenght: 150 km\n"
                    "    length: 150 km\n"
                    "    speed: 60\n") ==
        Lines{"t.yaml:16:9: error: links[0].to: unknown node 'bravoo' (did you mean 'bravo'?)",
              "t.yaml:18:5: error: links[0]: unknown key 'lenght' (did you mean 'length'?)",
              "t.yaml:20:12: error: links[0].speed: '60' has no unit; expected a speed in km/h, kn "
              "or m/s"});
}

TEST_CASE("a YAML syntax error is reported at its line and column", "[scenario]") {
  CHECK(problems_of("name: x\nnodes: [a, b\nlinks: []\n") ==
        Lines{"t.yaml:3:6: error: invalid YAML: end of sequence flow not found"});
}

TEST_CASE("a tab in indentation is reported where it is", "[scenario]") {
  CHECK(problems_of("name: x\nnodes:\n\t- id: a\n") ==
        Lines{"t.yaml:3:1: error: tab character in indentation; indent with spaces"});
}

TEST_CASE("an empty document says what a scenario needs", "[scenario]") {
  const Lines expected{
      "t.yaml: error: empty scenario file; expected a map with at least 'name' and 'nodes'"};
  CHECK(problems_of("") == expected);
  CHECK(problems_of("# only a comment\n") == expected);
}

TEST_CASE("a top level that is not a map is an error", "[scenario]") {
  CHECK(problems_of("- name: x\n") ==
        Lines{"t.yaml:1:1: error: expected a map with at least 'name' and 'nodes' at the top "
              "level, got a list"});
}

TEST_CASE("name and nodes are required", "[scenario]") {
  CHECK(problems_of("description: nothing else\n") ==
        Lines{"t.yaml:1:1: error: missing required key 'name'",
              "t.yaml:1:1: error: missing required key 'nodes'"});
}

TEST_CASE("a key written twice in one map is an error", "[scenario]") {
  CHECK(problems_of(kTwoNodes + "name: again\n") ==
        Lines{"t.yaml:5:1: error: duplicate key 'name' (first defined at t.yaml:1:1)"});
}

TEST_CASE("a missing file or a directory is named without a line", "[scenario]") {
  CHECK(file_problems("no/such/scenario.yaml") ==
        Lines{"no/such/scenario.yaml: error: cannot read scenario file: no such file"});
  const std::string dir = std::filesystem::temp_directory_path().string();
  CHECK(file_problems(dir) ==
        Lines{dir + ": error: cannot read scenario file: it is a directory, not a file"});
}

TEST_CASE("values nested too deeply are refused", "[scenario]") {
  const std::string deep =
      "name: x\nnodes: " + std::string(100, '[') + std::string(100, ']') + "\n";
  CHECK(problems_of(deep) == Lines{"t.yaml:2:72: error: values nested deeper than 64 levels"});
}

TEST_CASE("alias expansion cannot blow up the document", "[scenario]") {
  std::string text = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  const std::string names = "abcdefg";
  for (std::size_t i = 1; i < names.size(); ++i) {
    const std::string prev(1, names[i - 1]);
    text += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *" : "*") + prev;
    text += "]\n";
  }
  const Lines p = problems_of(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0].find("error: document too large: more than 5000000 values (after expanding YAML "
                  "aliases)") != std::string::npos);
}

TEST_CASE("an override replaces a value before validation", "[scenario]") {
  const auto s =
      load_text(kTwoNodes, "t.yaml", ".", {{"nodes.bravo.sidings", "4"}, {"run.seed", "99"}});
  CHECK(s.nodes[1].sidings == 4);
  CHECK(s.run.seed == 99);
}

TEST_CASE("an override naming an unknown entry suggests the closest id", "[scenario]") {
  CHECK(problems_of(kTwoNodes, {{"nodes.bravoo.sidings", "4"}}) ==
        Lines{"--set nodes.bravoo.sidings: error: unknown node 'bravoo' (did you mean 'bravo'?)"});
}

TEST_CASE("an invalid override value is reported against the override", "[scenario]") {
  CHECK(problems_of(kTwoNodes, {{"nodes.alpha.sidings", "0"}}) ==
        Lines{"--set nodes.alpha.sidings: error: nodes[0].sidings: must be at least 1, got '0'"});
}

TEST_CASE("the shipped single-track example validates", "[scenario]") {
  const auto s =
      load_file(std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/examples/single_track.yaml");
  CHECK(s.nodes.size() == 3);
  CHECK(s.links[0].rail.loops_km == std::vector<double>{38, 75, 112});
  CHECK(s.flows[0].volume_t_per_year == Approx(2.5e6));
  CHECK(s.sources.at("demand.ore_a_b.volume") == "example figure");
}

namespace {

/// Writes a scenario of 10,000 nodes (0.6 MB) to the temporary directory under `name`; returns
/// its path and size in bytes.
std::pair<std::string, std::size_t> write_many_nodes(const std::string& name) {
  std::string text = "name: many nodes\nnodes:\n";
  for (int i = 0; i < 10000; ++i) {
    text += "  - {id: n" + std::to_string(i) + ", country: AA, kind: station, lat: 45, lon: 60}\n";
  }
  const std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  std::ofstream out(path, std::ios::binary);
  out << text;
  return {path.string(), text.size()};
}

/// Checks that `stages[from, to)` are "`parsing`: N%" with N rising, and returns how many.
std::size_t check_shares(const std::vector<std::string>& stages, std::size_t from, std::size_t to,
                         const std::string& parsing) {
  int previous = 0;
  for (std::size_t i = from; i < to; ++i) {
    INFO(stages[i]);
    const std::string prefix = parsing + ": ";
    REQUIRE(stages[i].rfind(prefix, 0) == 0);
    REQUIRE(stages[i].back() == '%');
    const int percent = std::stoi(stages[i].substr(prefix.size()));
    CHECK(percent > previous);
    CHECK(percent <= 100);
    previous = percent;
  }
  return to - from;
}

}  // namespace

TEST_CASE("loading a large file reports its stages and how much of the YAML is parsed",
          "[scenario]") {
  const auto [path, bytes] = write_many_nodes("corridor-loader-stages.yaml");
  std::vector<std::string> stages;
  const auto s = load_file(path, {}, [&](const std::string& stage) { stages.push_back(stage); });
  std::filesystem::remove(path);
  CHECK(s.nodes.size() == 10000);

  REQUIRE(stages.size() >= 3);
  const std::string parsing =
      fmt::format("parsing {:.1f} MB of YAML", static_cast<double>(bytes) / 1e6);
  CHECK(stages.front() == parsing);
  CHECK(stages.back() == "checking 10000 nodes, 0 links, 0 fleets, 0 flows");
  // In between, the share parsed, rising: "parsing 0.6 MB of YAML: 23%".
  CHECK(check_shares(stages, 1, stages.size() - 1, parsing) > 0);
}

TEST_CASE("loading a small file that extends a large one reports the base's parsing",
          "[scenario]") {
  const auto [base, bytes] = write_many_nodes("corridor-loader-stages-base.yaml");
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "corridor-loader-stages-derived.yaml";
  const std::string text = "extends: corridor-loader-stages-base.yaml\nname: derived\n";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  std::vector<std::string> stages;
  const auto s =
      load_file(path.string(), {}, [&](const std::string& stage) { stages.push_back(stage); });
  std::filesystem::remove(path);
  std::filesystem::remove(base);
  CHECK(s.name == "derived");

  REQUIRE(stages.size() >= 4);
  CHECK(stages[0] ==
        fmt::format("parsing {:.1f} MB of YAML", static_cast<double>(text.size()) / 1e6));
  const std::string parsing_base =
      fmt::format("parsing base {}, {:.1f} MB of YAML", base, static_cast<double>(bytes) / 1e6);
  CHECK(stages[1] == parsing_base);
  CHECK(stages.back() == "checking 10000 nodes, 0 links, 0 fleets, 0 flows");
  CHECK(check_shares(stages, 2, stages.size() - 1, parsing_base) > 0);
}

TEST_CASE("a scenario source read once gives each point what load_file gives", "[scenario]") {
  // base_2024 extends base_2023, so the merged document is what the points share.
  const std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/caspian/base_2024.yaml";
  const corridor::scenario::ScenarioSource source(path);
  const std::vector<Override> changed = {{"fleets.kti_train.count", "24"},
                                         {"links.kti_kz.rail.loops", "[20 km, 40 km]"},
                                         {"run.horizon", "180 d"}};

  const auto a = source.with(changed);
  const auto b = load_file(path, changed);
  CHECK(a.file == b.file);
  CHECK(a.find_fleet("kti_train")->count == 24);
  CHECK(b.find_fleet("kti_train")->count == 24);
  CHECK(a.find_link("kti_kz")->rail.loops_km == std::vector<double>{20, 40});
  CHECK(b.find_link("kti_kz")->rail.loops_km == std::vector<double>{20, 40});
  CHECK(a.run.horizon_s == b.run.horizon_s);
  CHECK(a.nodes.size() == b.nodes.size());
  CHECK(a.flows.size() == b.flows.size());
  CHECK(a.sources == b.sources);

  // A later point does not see an earlier point's overrides.
  const auto plain = source.with({});
  CHECK(plain.find_fleet("kti_train")->count == load_file(path).find_fleet("kti_train")->count);
  CHECK(plain.find_fleet("kti_train")->count != 24);
  CHECK(plain.find_link("kti_kz")->rail.loops_km.size() == 5);

  // Invalid overrides give the same diagnostics, in the same order.
  const std::vector<Override> wrong = {
      {"fleets.kti_trian.count", "3"}, {"links.kti_kz.rail.loops", "-1"}, {"run.horizon", "0 d"}};
  const Lines expected = diagnostics_of([&] { return load_file(path, wrong); });
  CHECK(expected.size() == 3);
  CHECK(diagnostics_of([&] { return source.with(wrong); }) == expected);
}

TEST_CASE("a scenario source that cannot be read fails as load_file does", "[scenario]") {
  const std::string missing = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/no_such_file.yaml";
  const Lines expected = diagnostics_of([&] { return load_file(missing); });
  REQUIRE(expected.size() == 1);
  CHECK(diagnostics_of([&] { return corridor::scenario::ScenarioSource(missing); }) == expected);
}
