// End-to-end tests of bad input: the built `corridor` program meets each kind of malformed
// scenario file with `FILE:LINE:COL: error: ...` on stderr and exit code 2, never a crash, a hang
// or output; and a run that is interrupted or cannot make progress ends cleanly.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_process.hpp"

using corridor::testing::finish;
using corridor::testing::Outcome;
using corridor::testing::run_corridor;
using corridor::testing::start_corridor;
using corridor::testing::TempDir;
namespace fs = std::filesystem;

namespace {

/// A small valid scenario: two stations, one rail link, one flow.
const std::string kBase =
    "name: tiny\n"
    "run: {horizon: 20 d, warmup: 1 d, replications: 2}\n"
    "nodes:\n"
    "  - {id: alpha, country: AA, kind: station, lat: 45, lon: 60}\n"
    "  - {id: bravo, country: BB, kind: station, lat: 44, lon: 62}\n"
    "links:\n"
    "  - {id: ab, from: alpha, to: bravo, mode: rail, length: 100 km, speed: 60 km/h}\n"
    "fleets:\n"
    "  - {id: trains, kind: train, count: 2, wagons: 20, payload_per_wagon: 60 t}\n"
    "demand:\n"
    "  - {id: ore, origin: alpha, destination: bravo, commodity: ore, volume: 1 Mt/yr}\n";

/// kBase with the first `from` replaced by `to` (which must occur).
std::string base_with(const std::string& from, const std::string& to) {
  std::string text = kBase;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// `corridor validate x.yaml` on `text`, run in a temporary directory.
Outcome validate_text(const std::string& text) {
  const TempDir dir;
  (void)dir.write("x.yaml", text);
  return run_corridor({"validate", "x.yaml"}, dir.path());
}

/// Checks that validating `text` fails with exactly `stderr_text` and exit code 2.
void check_invalid(const std::string& text, const std::string& stderr_text) {
  const Outcome o = validate_text(text);
  CHECK(o.err == stderr_text);
  CHECK(o.out.empty());
  CHECK(o.exit_code == 2);
}

}  // namespace

TEST_CASE("the base scenario of these tests is valid", "[cli][bad_input]") {
  const Outcome o = validate_text(kBase);
  CHECK(o.out == "x.yaml: ok: 2 nodes, 1 links, 1 fleets, 1 flows, 0 corridors\n");
  CHECK(o.exit_code == 0);
}

TEST_CASE("YAML syntax errors and tabs are located", "[cli][bad_input]") {
  check_invalid("name: x\nnodes: [a, b\nlinks: []\n",
                "x.yaml:3:6: error: invalid YAML: end of sequence flow not found\n");
  check_invalid("name: x\nnodes:\n\t- {id: a}\n",
                "x.yaml:3:1: error: tab character in indentation; indent with spaces\n");
  // Found by fuzzing: yaml-cpp alone loops for ever on this.
  check_invalid("  a: 1\n,  b: 2\n", "x.yaml:2:1: error: invalid YAML: unexpected ','\n");
  check_invalid("name: a\n---\nname: b\n",
                "x.yaml:3:1: error: expected one YAML document, found 2; remove the extra '---' "
                "separators\n");
}

TEST_CASE("wrong types, unknown and missing keys are named with their path", "[cli][bad_input]") {
  check_invalid(base_with("name: tiny", "name: [a, b]"),
                "x.yaml:1:7: error: name: expected a text, got a list\n");
  check_invalid(base_with("wagons: 20", "wagons: twenty"),
                "x.yaml:9:49: error: fleets[0].wagons: expected a whole number, got 'twenty'\n");
  check_invalid(base_with("length: 100 km", "length: 100 km, lenght: 100 km"),
                "x.yaml:7:66: error: links[0]: unknown key 'lenght' (did you mean 'length'?)\n");
  check_invalid(base_with("country: BB, ", ""),
                "x.yaml:5:5: error: nodes[1]: missing required key 'country'\n");
}

TEST_CASE("unknown references and duplicate ids are errors", "[cli][bad_input]") {
  check_invalid(base_with("to: bravo", "to: bravoo"),
                "x.yaml:7:31: error: links[0].to: unknown node 'bravoo' (did you mean 'bravo'?)\n");
  check_invalid(base_with("fleets:\n", "fleets:\n  - {id: trains, kind: truck, payload: 20 t}\n"),
                "x.yaml:10:10: error: fleets[1].id: duplicate fleet id 'trains' (first defined at "
                "x.yaml:9:10)\n");
}

TEST_CASE("zero, negative, NaN, infinite and overflowing numbers are refused", "[cli][bad_input]") {
  check_invalid(base_with("horizon: 20 d", "horizon: 0 d"),
                "x.yaml:2:16: error: run.horizon: must be positive, got '0 d'\n");
  check_invalid(base_with("count: 2", "count: -1"),
                "x.yaml:9:38: error: fleets[0].count: must be at least 1, got '-1'\n");
  check_invalid(base_with("speed: 60 km/h", "speed: -5 km/h"),
                "x.yaml:7:73: error: links[0].speed: must be positive, got '-5 km/h'\n");
  check_invalid(base_with("volume: 1 Mt/yr", "volume: 0 Mt/yr"),
                "x.yaml:11:74: error: demand[0].volume: must be positive, got '0 Mt/yr'\n");
  check_invalid(base_with("length: 100 km", "length: nan km"),
                "x.yaml:7:58: error: links[0].length: 'nan km' is not a finite number\n");
  check_invalid(base_with("length: 100 km", "length: .inf km"),
                "x.yaml:7:58: error: links[0].length: '.inf km' is not a number with a unit; "
                "expected a length in m or km\n");
  check_invalid(base_with("length: 100 km", "length: 1e400 km"),
                "x.yaml:7:58: error: links[0].length: '1e400 km' is too large\n");
  check_invalid(base_with("count: 2", "count: 99999999999999999999"),
                "x.yaml:9:38: error: fleets[0].count: must be at most 2147483647, got "
                "'99999999999999999999'\n");
}

TEST_CASE("extends cycles and missing base files are reported at the extends line",
          "[cli][bad_input]") {
  const TempDir dir;
  (void)dir.write("a.yaml", "extends: b.yaml\nname: a\n");
  (void)dir.write("b.yaml", "extends: a.yaml\nname: b\n");
  (void)dir.write("c.yaml", "extends: nowhere.yaml\nname: c\n");
  Outcome o = run_corridor({"validate", "a.yaml"}, dir.path());
  CHECK(o.err == "b.yaml:1:10: error: extends: extends cycle: a.yaml -> b.yaml -> a.yaml\n");
  CHECK(o.exit_code == 2);
  o = run_corridor({"validate", "c.yaml"}, dir.path());
  CHECK(o.err ==
        "c.yaml:1:10: error: extends: base scenario 'nowhere.yaml' not found (looked for "
        "nowhere.yaml)\n");
  CHECK(o.exit_code == 2);
}

TEST_CASE("aliases that expand to a huge document stop at the value limit", "[cli][bad_input]") {
  // Ten aliases of ten aliases ...: 10^12 values once expanded, a few hundred bytes written.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k > 0 ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  check_invalid(text,
                "x.yaml:7:20: error: document too large: more than 5000000 values (after "
                "expanding YAML aliases)\n");
  check_invalid("a: &x [1, *x]\n",
                "x.yaml:1:11: error: a YAML alias refers to the value that contains it\n");
}

TEST_CASE("a document with too many values is refused before it fills memory", "[cli][bad_input]") {
  std::string text = "a: [0";
  text.reserve(10'000'010);
  for (int i = 0; i < 5'000'001; ++i) text += ",0";
  text += "]\n";
  check_invalid(text,
                "x.yaml:1:9999999: error: document too large: more than 5000000 values (after "
                "expanding YAML aliases)\n");
}

TEST_CASE("100,000 nested brackets are refused without exhausting the stack", "[cli][bad_input]") {
  check_invalid("a: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n",
                "x.yaml:1:68: error: values nested deeper than 64 levels\n");
  // Never closed: the syntax error is what is wrong; yaml-cpp's own depth guard stops first.
  check_invalid("a: " + std::string(40, '[') + "\n",
                "x.yaml:2:1: error: invalid YAML: end of sequence flow not found\n");
  check_invalid("a: " + std::string(100'000, '[') + "\n",
                "x.yaml:1:36: error: values nested deeper than 64 levels\n");
  std::string block;
  for (int i = 0; i < 1000; ++i) block += std::string(2 * static_cast<std::size_t>(i), ' ') + "-\n";
  check_invalid(block, "x.yaml:66:131: error: values nested deeper than 64 levels\n");
}

TEST_CASE("a file over 64 MiB is refused without being read", "[cli][bad_input]") {
  const TempDir dir;
  const fs::path big = dir.path() / "big.yaml";
  std::ofstream(big).put('#');
  fs::resize_file(big, 100u * 1024u * 1024u);  // sparse: nothing is written
  const Outcome o = run_corridor({"validate", "big.yaml"}, dir.path());
  CHECK(o.err == "big.yaml: error: file is too large (104857600 bytes; the limit is 64 MiB)\n");
  CHECK(o.exit_code == 2);
}

TEST_CASE("a device that never ends is read only up to the limit", "[cli][bad_input]") {
  const Outcome o = run_corridor({"validate", "/dev/zero"});
  CHECK(o.err == "/dev/zero: error: file is too large (more than 64 MiB)\n");
  CHECK(o.exit_code == 2);
}

TEST_CASE("binary garbage and text that is not UTF-8 are refused", "[cli][bad_input]") {
  check_invalid(std::string("\x7f"
                            "ELF\x02\x01\x01\x00",
                            8),
                "x.yaml:1:1: error: control character 0x7f; a scenario must be YAML text, not a "
                "binary file\n");
  check_invalid(std::string("name: x\nnodes: \x00\x01", 17),
                "x.yaml:2:8: error: control character 0x00; a scenario must be YAML text, not a "
                "binary file\n");
  check_invalid("name: caf\xc3\xa9 \xff\xfe\n",
                "x.yaml:1:12: error: invalid UTF-8 byte 0xff; a scenario must be UTF-8 text\n");
  check_invalid("name: \xed\xa0\x80\n",
                "x.yaml:1:7: error: invalid UTF-8 byte 0xed; a scenario must be UTF-8 text\n");
  check_invalid(
      "\xff\xfen\x00"
      "a\x00",
      "x.yaml:1:1: error: the file is UTF-16 text; save it as UTF-8\n");
}

TEST_CASE("an empty file, a directory and a missing or unreadable path are named",
          "[cli][bad_input]") {
  check_invalid("",
                "x.yaml: error: empty scenario file; expected a map with at least 'name' "
                "and 'nodes'\n");
  const TempDir dir;
  fs::create_directory(dir.path() / "folder.yaml");
  Outcome o = run_corridor({"validate", "folder.yaml"}, dir.path());
  CHECK(o.err == "folder.yaml: error: cannot read scenario file: it is a directory, not a file\n");
  CHECK(o.exit_code == 2);
  o = run_corridor({"validate", "missing.yaml"}, dir.path());
  CHECK(o.err == "missing.yaml: error: cannot read scenario file: no such file\n");
  CHECK(o.exit_code == 2);
  if (::geteuid() != 0) {  // root reads anything
    const std::string locked = dir.write("locked.yaml", kBase);
    fs::permissions(locked, fs::perms::none);
    o = run_corridor({"validate", "locked.yaml"}, dir.path());
    CHECK(o.err == "locked.yaml: error: cannot read scenario file: permission denied\n");
    CHECK(o.exit_code == 2);
  }
}

TEST_CASE("limits on the size of a scenario are reported at the list", "[cli][bad_input]") {
  std::string text = "name: many\nnodes:\n";
  for (int i = 0; i <= 100'000; ++i) {
    text += "  - {id: n" + std::to_string(i) + ", country: AA, kind: station, lat: 0, lon: 0}\n";
  }
  check_invalid(text, "x.yaml:3:3: error: nodes: 100001 nodes; the limit is 100000\n");
  check_invalid(base_with("replications: 2", "replications: 100001"),
                "x.yaml:2:49: error: run.replications: must be at most 100000, got '100001'\n");
  check_invalid(base_with("horizon: 20 d", "horizon: 101 yr"),
                "x.yaml:2:16: error: run.horizon: must be at most 100 yr, got '101 yr'\n");
}

TEST_CASE("a flow without a route is reported at the flow by validate and by run",
          "[cli][bad_input]") {
  const TempDir dir;
  (void)dir.write("x.yaml",
                  base_with("  - {id: bravo, country: BB, kind: station, lat: 44, lon: 62}\n",
                            "  - {id: bravo, country: BB, kind: station, lat: 44, lon: 62}\n"
                            "  - {id: charlie, country: CC, kind: station, lat: 43, lon: 63}\n") +
                      "  - {id: coal, origin: alpha, destination: charlie, commodity: coal, "
                      "volume: 1 Mt/yr}\n");
  const std::string message = "x.yaml:13:5: error: demand[1]: no route from 'alpha' to 'charlie'\n";
  const Outcome v = run_corridor({"validate", "x.yaml"}, dir.path());
  CHECK(v.err == message);
  CHECK(v.exit_code == 2);
  const Outcome o = run_corridor({"run", "x.yaml", "--out", "results"}, dir.path());
  CHECK(o.err == message);
  CHECK(o.exit_code == 2);
  CHECK_FALSE(fs::exists(dir.path() / "results"));
}

TEST_CASE("a flow whose route is closed for the whole run delivers nothing, with a warning",
          "[cli][bad_input]") {
  const TempDir dir;
  (void)dir.write("x.yaml",
                  kBase +
                      "disruptions:\n"
                      "  - {id: shut, kind: closure, target: ab, start: 0 d, end: 20 d}\n");
  const Outcome o = run_corridor({"run", "x.yaml", "--format", "json"}, dir.path());
  CHECK(o.err ==
        "corridor: warning: flow 'ore' delivered nothing in 19 d after the warm-up (demand "
        "1000000 t/yr); check closures, vehicles and capacity along its route\n");
  CHECK(o.out.find("\"delivered_t_per_year\"") != std::string::npos);
  CHECK(o.exit_code == 0);
}

namespace {

/// Starts a long run writing JSON into `dir`/results, lets it work, sends `signal`, and returns
/// how it ended.
Outcome interrupted_run(const TempDir& dir, int signal) {
  const std::string scenario =
      std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/caspian/kti_full_capacity.yaml";
  const auto child = start_corridor({"run", scenario, "--replications", "200", "--threads", "1",
                                     "--format", "json", "--out", "results"},
                                    dir.path(), dir.path());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(child.pid, signal);
  return finish(child);
}

}  // namespace

TEST_CASE("ctrl-c in the middle of a run writes nothing and says so", "[cli][bad_input]") {
  const TempDir dir;
  const Outcome o = interrupted_run(dir, SIGINT);
  CHECK(o.err == "corridor: interrupted; no results written\n");
  CHECK(o.exit_code == 1);
  CHECK_FALSE(fs::exists(dir.path() / "results"));
}

TEST_CASE("a run killed in the middle leaves no results and no partial file", "[cli][bad_input]") {
  const TempDir dir;
  const Outcome o = interrupted_run(dir, SIGKILL);
  CHECK(o.signal == SIGKILL);
  // Only the captured stdout/stderr files: no results directory, no temporary file.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"stderr.txt", "stdout.txt"});
}

TEST_CASE("graph --out writes what it prints, and an unwritable --out leaves nothing",
          "[cli][bad_input]") {
  const TempDir dir;
  (void)dir.write("x.yaml", kBase);
  for (const std::string format : {"geojson", "dot"}) {
    const Outcome printed = run_corridor({"graph", "x.yaml", "--format", format}, dir.path());
    REQUIRE(printed.exit_code == 0);
    const Outcome written =
        run_corridor({"graph", "x.yaml", "--format", format, "--out", "net.txt"}, dir.path());
    CHECK(written.exit_code == 0);
    CHECK(written.out.empty());
    CHECK(corridor::testing::read_file(dir.path() / "net.txt") == printed.out);
  }
  const Outcome failed = run_corridor(
      {"graph", "x.yaml", "--format", "geojson", "--out", "missing/net.geojson"}, dir.path());
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("cannot write 'missing/net.geojson'") != std::string::npos);
  CHECK(failed.out.empty());
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
}

TEST_CASE("validate takes --threads from 1 to 1024, like run", "[cli][bad_input]") {
  const std::string file = std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/caspian/base_2023.yaml";
  const Outcome one = run_corridor({"validate", file, "--threads", "1"});
  const Outcome all = run_corridor({"validate", file});
  CHECK(one.exit_code == 0);
  CHECK(one.out == all.out);
  CHECK(one.out.find(": ok: ") != std::string::npos);
  for (const char* bad : {"0", "1025", "two"}) {
    INFO(bad);
    const Outcome o = run_corridor({"validate", file, "--threads", bad});
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("--threads") != std::string::npos);
    CHECK(o.out.empty());
  }
}

TEST_CASE("a file with hundreds of problems prints the first 100 and how many more",
          "[cli][bad_input]") {
  std::string text = "name: x\nnodes: []\n";
  for (int i = 0; i < 150; ++i) text += "k" + std::to_string(i) + ": 1\n";
  const TempDir dir;
  (void)dir.write("x.yaml", text);
  const auto lines = [](const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = s.find('\n', start)) != std::string::npos; start = end + 1) {
      out.push_back(s.substr(start, end - start));
    }
    return out;
  };
  const std::string note =
      "corridor: note: {} more problems not shown (the first {} are above); `corridor validate "
      "--max-problems 0 FILE` prints them all";

  Outcome o = run_corridor({"validate", "x.yaml"}, dir.path());
  CHECK(o.exit_code == 2);
  std::vector<std::string> err = lines(o.err);
  REQUIRE(err.size() == 101);
  CHECK(err[0] == "x.yaml:3:1: error: unknown key 'k0'");
  CHECK(err[99] == "x.yaml:102:1: error: unknown key 'k99'");
  CHECK(err[100] == fmt::format(fmt::runtime(note), 50, 100));

  o = run_corridor({"validate", "--max-problems", "0", "x.yaml"}, dir.path());
  CHECK(o.exit_code == 2);
  err = lines(o.err);
  REQUIRE(err.size() == 150);
  CHECK(err[149] == "x.yaml:152:1: error: unknown key 'k149'");

  // The problems' lines of `corridor validate --max-problems LIMIT x.yaml`.
  const auto with_limit = [&](const std::string& limit) {
    return lines(run_corridor({"validate", "--max-problems", limit, "x.yaml"}, dir.path()).err);
  };
  CHECK(with_limit("2") == std::vector<std::string>{"x.yaml:3:1: error: unknown key 'k0'",
                                                    "x.yaml:4:1: error: unknown key 'k1'",
                                                    fmt::format(fmt::runtime(note), 148, 2)});
  err = with_limit("149");
  REQUIRE(err.size() == 150);
  CHECK(err[149] ==
        "corridor: note: 1 more problem not shown (the first 149 are above); `corridor validate "
        "--max-problems 0 FILE` prints them all");
  err = with_limit("1");
  REQUIRE(err.size() == 2);
  CHECK(err[1] ==
        "corridor: note: 149 more problems not shown (the first is above); `corridor validate "
        "--max-problems 0 FILE` prints them all");

  // The commands that load a scenario print as many as validate does by default.
  o = run_corridor({"run", "x.yaml"}, dir.path());
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty());
  err = lines(o.err);
  REQUIRE(err.size() == 101);
  CHECK(err[100] == fmt::format(fmt::runtime(note), 50, 100));

  o = run_corridor({"validate", "--max-problems", "-1", "x.yaml"}, dir.path());
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("--max-problems: must be a whole number, 0 or more (0: every problem), got "
                   "'-1'") == 0);
}
