// Tests of `extends`: deep map merging, id-keyed list merging, removal, and the errors for
// cycles and missing bases. Base files are written to a temporary directory.
#include "corridor/scenario/merge.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "corridor/scenario/loader.hpp"
#include "scenario_fixtures.hpp"

namespace fs = std::filesystem;
using corridor::scenario::load_file;
using corridor::scenario::load_text;
using corridor::scenario::testing::problems_of;
using Lines = std::vector<std::string>;

namespace {

/// A fresh directory for one test's files, removed afterwards.
class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() / ("corridor_merge_test_" + std::to_string(::getpid()) +
                                           "_" + std::to_string(++counter_))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  [[nodiscard]] std::string str() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

const std::string kBase =
    "name: base\n"
    "run: {horizon: 200 d, seed: 7}\n"
    "nodes:\n"
    "  - {id: alpha, country: AA, kind: station, lat: 45, lon: 60}\n"
    "  - {id: bravo, country: BB, kind: station, lat: 44, lon: 62}\n"
    "  - {id: charlie, country: BB, kind: city, lat: 43, lon: 63}\n"
    "links:\n"
    "  - id: ab\n"
    "    from: alpha\n"
    "    to: bravo\n"
    "    mode: rail\n"
    "    length: 150 km\n"
    "    speed: 60 km/h\n"
    "    rail: {loops: [50 km, 100 km], crossing: 4 min}\n";

}  // namespace

TEST_CASE("a derived file merges maps deeply and lists by id", "[scenario]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  const auto s = load_text(
      "extends: base.yaml\n"
      "name: derived\n"
      "run: {seed: 9}\n"
      "nodes:\n"
      "  - {id: bravo, sidings: 3}\n"
      "  - {id: delta, country: CC, kind: port, lat: 42, lon: 64}\n"
      "links:\n"
      "  - id: ab\n"
      "    rail: {loops: [75 km]}\n",
      "derived.yaml", dir.str());
  CHECK(s.name == "derived");
  CHECK(s.run.seed == 9);
  CHECK(s.run.horizon_s == 200 * 86400.0);
  REQUIRE(s.nodes.size() == 4);
  CHECK(s.nodes[1].sidings == 3);
  CHECK(s.nodes[1].country == "BB");
  CHECK(s.nodes[3].id == "delta");
  CHECK(s.links[0].rail.loops_km == std::vector<double>{75});
  CHECK(s.links[0].rail.crossing_s == 240);
}

TEST_CASE("an entry with remove: true leaves the merged scenario", "[scenario]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  const auto s = load_text(
      "extends: base.yaml\n"
      "name: derived\n"
      "nodes:\n"
      "  - {id: charlie, remove: true}\n",
      "derived.yaml", dir.str());
  CHECK(s.nodes.size() == 2);
  CHECK(s.find_node("charlie") == nullptr);
}

TEST_CASE("removing an id the base lacks is an error", "[scenario]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  CHECK(problems_of("extends: base.yaml\n"
                    "nodes:\n"
                    "  - {id: charly, remove: true}\n",
                    {}, dir.str()) ==
        Lines{"t.yaml:3:26: error: nodes[0].remove: cannot remove node 'charly': the base "
              "scenario has no such node"});
}

TEST_CASE("a mistake in the base file is reported at the base file's line", "[scenario]") {
  TempDir dir;
  const std::string base = dir.write("base.yaml", kBase + "    lenght: 3 km\n");
  CHECK(problems_of("extends: base.yaml\nname: derived\n", {}, dir.str()) ==
        Lines{base + ":15:5: error: links[0]: unknown key 'lenght' (did you mean 'length'?)"});
}

TEST_CASE("a missing base file is reported at the extends key", "[scenario]") {
  TempDir dir;
  CHECK(problems_of("name: x\nextends: nowhere.yaml\n", {}, dir.str()) ==
        Lines{"t.yaml:2:10: error: extends: base scenario 'nowhere.yaml' not found (looked for " +
              (fs::path(dir.str()) / "nowhere.yaml").string() + ")"});
}

TEST_CASE("files that extend each other in a cycle are an error", "[scenario]") {
  TempDir dir;
  const std::string a = dir.write("a.yaml", "extends: b.yaml\nname: a\n");
  const std::string b = dir.write("b.yaml", "extends: a.yaml\nname: b\n");
  try {
    (void)load_file(a);
    FAIL("expected a ScenarioError");
  } catch (const corridor::ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() ==
          b + ":1:10: error: extends: extends cycle: " + a + " -> " + b + " -> " + a);
  }
}

TEST_CASE("distributions replace the base distribution whole", "[scenario]") {
  using corridor::scenario::DocNode;
  std::vector<corridor::Diagnostic> problems;
  auto base = corridor::scenario::parse_document(
      "nodes:\n  - {id: x, dwell: {dist: uniform, min: 1 h, max: 2 h}}\n", "b.yaml", problems);
  auto derived = corridor::scenario::parse_document(
      "nodes:\n  - {id: x, dwell: {dist: exponential, mean: 3 h}}\n", "d.yaml", problems);
  REQUIRE(base);
  REQUIRE(derived);
  corridor::scenario::merge_documents(*base, *derived, problems);
  const DocNode* dwell = base->find("nodes")->items[0].find("dwell");
  REQUIRE(dwell != nullptr);
  CHECK(dwell->entries.size() == 2);
  CHECK(dwell->find("min") == nullptr);
  CHECK(*dwell->where.file() == "d.yaml");
  CHECK(problems.empty());
}

TEST_CASE("the shipped example that extends another validates", "[scenario]") {
  const auto s = load_file(std::string(CORRIDOR_SOURCE_DIR) +
                           "/scenarios/examples/single_track_more_loops.yaml");
  CHECK(s.links[0].rail.loops_km.size() == 5);
  CHECK(s.fleets[0].count == 8);
}

TEST_CASE("files that extend one base read it once through a cache and merge as without",
          "[scenario]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  dir.write("mid.yaml", "extends: base.yaml\nname: mid\nnodes:\n  - {id: bravo, sidings: 3}\n");
  const std::string d1 = dir.write("d1.yaml", "extends: mid.yaml\nname: d1\nrun: {seed: 9}\n");
  const std::string d2 = dir.write(
      "d2.yaml", "extends: mid.yaml\nname: d2\nnodes:\n  - {id: charlie, remove: true}\n");
  const auto plain2 = load_file(d2);

  corridor::scenario::BaseCache bases;
  const auto a = load_file(d1, {}, {}, &bases);
  CHECK(a.name == "d1");
  CHECK(a.run.seed == 9);
  REQUIRE(bases.size() == 2);  // mid.yaml with base.yaml under it, and base.yaml
  CHECK(bases.at((fs::path(dir.str()) / "mid.yaml").string()).files == 2);
  CHECK(bases.at((fs::path(dir.str()) / "base.yaml").string()).files == 1);

  // base.yaml changed on the disk after it was read: the next file still gets the base as first
  // read, so it came from the cache.
  std::string changed = kBase;
  changed.replace(changed.find("seed: 7"), 7, "seed: 8");
  dir.write("base.yaml", changed);
  const auto b = load_file(d2, {}, {}, &bases);
  CHECK(b.name == plain2.name);
  CHECK(b.run.seed == plain2.run.seed);  // 7 from base.yaml: d1's merge did not change the cache
  CHECK(b.run.seed == 7);
  CHECK(b.run.horizon_s == plain2.run.horizon_s);
  REQUIRE(b.nodes.size() == plain2.nodes.size());
  CHECK(b.nodes.size() == 2);
  CHECK(b.nodes[1].sidings == 3);
  CHECK(b.nodes[1].sidings == plain2.nodes[1].sidings);
  CHECK(b.links[0].rail.loops_km == plain2.links[0].rail.loops_km);
  CHECK(b.sources == plain2.sources);

  // Without the cache the same file reads the changed base.
  CHECK(load_file(d2).run.seed == 8);
}

TEST_CASE("a base that failed is not kept, and its errors come again", "[scenario]") {
  TempDir dir;
  const std::string base = dir.write("base.yaml", "name: base\nnodes: [\n");
  const std::string d1 = dir.write("d1.yaml", "extends: base.yaml\nname: d1\n");
  const std::string d2 = dir.write("d2.yaml", "extends: base.yaml\nname: d2\n");
  corridor::scenario::BaseCache bases;
  auto errors = [&](const std::string& file) {
    Lines out;
    try {
      (void)load_file(file, {}, {}, &bases);
    } catch (const corridor::ScenarioError& e) {
      for (const auto& d : e.diagnostics()) out.push_back(d.format());
    }
    return out;
  };
  const Lines first = errors(d1);
  REQUIRE(first.size() == 1);
  CHECK(first[0].rfind(base + ":", 0) == 0);
  CHECK(bases.empty());
  CHECK(errors(d2) == first);
}

TEST_CASE("a cached base still counts towards the longest chain of extends", "[scenario]") {
  // f0 extends f1 extends ... extends f17: one file too many. f1 alone, loaded first, fits;
  // through the cache f0 must still fail as it does without one.
  TempDir dir;
  const int last = corridor::scenario::kMaxExtendsDepth + 1;
  std::vector<std::string> files;
  for (int i = 0; i <= last; ++i) {
    const std::string text =
        i < last ? fmt::format("extends: f{}.yaml\nname: f{}\n", i + 1, i) : kBase;
    files.push_back(dir.write(fmt::format("f{}.yaml", i), text));
  }
  auto errors = [&](corridor::scenario::BaseCache* bases) {
    Lines out;
    try {
      (void)load_file(files[0], {}, {}, bases);
    } catch (const corridor::ScenarioError& e) {
      for (const auto& d : e.diagnostics()) out.push_back(d.format());
    }
    return out;
  };
  const Lines expected = errors(nullptr);
  REQUIRE(expected.size() == 1);
  CHECK(expected[0].find("more than 16 files extend one another") != std::string::npos);

  corridor::scenario::BaseCache bases;
  CHECK(load_file(files[1], {}, {}, &bases).name == "f1");
  CHECK(bases.at(files[2]).files == static_cast<std::size_t>(last - 1));
  CHECK(errors(&bases) == expected);
}

namespace {

corridor::scenario::DocNode parse(const std::string& text) {
  std::vector<corridor::Diagnostic> problems;
  auto doc = corridor::scenario::parse_document(text, "m.yaml", problems);
  REQUIRE(problems.empty());
  REQUIRE(doc);
  return std::move(*doc);
}

/// A value in one line: scalars as they are, maps as {key=value,...}, lists as [a,b].
std::string flat(const corridor::scenario::DocNode& node) {
  if (node.is_scalar()) return node.text;
  std::string out;
  if (node.is_list()) {
    for (const auto& item : node.items) out += (out.empty() ? "" : ",") + flat(item);
    return "[" + out + "]";
  }
  for (const auto& e : node.entries) out += (out.empty() ? "" : ",") + e.key + "=" + flat(e.value);
  return "{" + out + "}";
}

}  // namespace

TEST_CASE("a large map merges key by key, in the base's order and then the new keys'",
          "[scenario]") {
  // 60 keys in the base and 60 in the derived map, 30 of them shared: more than a map is
  // searched entry by entry for.
  std::string base = "meta:\n";
  std::string derived = "meta:\n";
  std::string expected;
  for (int i = 0; i < 90; ++i) {
    const std::string key = fmt::format("k{}", i);
    if (i < 60) {
      base += i == 40 ? "  k40: {x: 1, y: 2}\n" : fmt::format("  {}: b{}\n", key, i);
    }
    if (i >= 30) {
      derived += i == 40 ? "  k40: {y: 3, z: 4}\n" : fmt::format("  {}: d{}\n", key, i);
    }
    expected +=
        (expected.empty() ? "" : ",") + key + "=" +
        (i == 40 ? std::string("{x=1,y=3,z=4}") : fmt::format("{}{}", i < 30 ? 'b' : 'd', i));
  }
  auto merged = parse(base);
  std::vector<corridor::Diagnostic> problems;
  corridor::scenario::merge_documents(merged, parse(derived), problems);
  CHECK(problems.empty());
  REQUIRE(merged.find("meta") != nullptr);
  CHECK(flat(*merged.find("meta")) == "{" + expected + "}");
}

TEST_CASE("a list merges by id as a search from its front would, removals included", "[scenario]") {
  // The base has n7 twice (the validator refuses that later; merging must not lose either)
  // and an item without an id.
  std::string base = "nodes:\n";
  for (int i = 0; i < 50; ++i) base += fmt::format("  - {{id: n{}, s: {}}}\n", i, i);
  base += "  - {id: n7, s: second}\n  - {s: no-id}\n  - {id: n5, s: second}\n";
  const std::string derived =
      "nodes:\n"
      "  - {id: n5, t: first}\n"      // into the first n5, not the second
      "  - {id: n3, remove: true}\n"  // n3 leaves ...
      "  - {id: n7, remove: true}\n"  // the first n7 leaves
      "  - {id: n7, s: 77}\n"         // the second n7 is merged
      "  - {id: n60, s: new}\n"       // added at the end ...
      "  - {id: n60, t: more}\n"      // ... and merged into
      "  - {id: n3, s: back}\n"       // ... n3 comes back, at the end
      "  - {s: derived-no-id}\n"
      "  - {id: n49, s: 4949}\n"
      "  - {id: n99, remove: true}\n";  // not there: an error
  auto merged = parse(base);
  std::vector<corridor::Diagnostic> problems;
  corridor::scenario::merge_documents(merged, parse(derived), problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].format() ==
        "m.yaml:11:23: error: nodes[9].remove: cannot remove node 'n99': the base scenario has "
        "no such node");
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    if (i == 3 || i == 7) continue;
    expected += fmt::format("{{id=n{},s={}{}}},", i, i == 49 ? "4949" : std::to_string(i),
                            i == 5 ? ",t=first" : "");
  }
  expected +=
      "{id=n7,s=77},{s=no-id},{id=n5,s=second},{id=n60,s=new,t=more},{id=n3,s=back},{s=derived-no-"
      "id}";
  REQUIRE(merged.find("nodes") != nullptr);
  CHECK(flat(*merged.find("nodes")) == "[" + expected + "]");
}
