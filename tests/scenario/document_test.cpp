// Tests of reading a large YAML text in pieces on several threads: the tree, the locations and
// the problems must be exactly those of reading it whole.
#include "corridor/scenario/document.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/core/parallel.hpp"
#include "corridor/pipeline/generate.hpp"

using corridor::Diagnostic;
using corridor::scenario::DocNode;
using corridor::scenario::parse_document;
using corridor::scenario::ParseSplit;

namespace {

/// The tree as text, one value per line with its location, keys with theirs.
void dump(const DocNode& node, const std::string& indent, std::string& out) {
  const auto at = [](const corridor::scenario::DocLocation& where) {
    return fmt::format("{}:{}:{}", where.file() ? *where.file() : "", where.line(), where.column());
  };
  switch (node.kind) {
    case DocNode::Kind::kNull:
      out += fmt::format("{}null @{}\n", indent, at(node.where));
      break;
    case DocNode::Kind::kScalar:
      out += fmt::format("{}'{}' @{}\n", indent, node.text, at(node.where));
      break;
    case DocNode::Kind::kList:
      out += fmt::format("{}list of {} @{}\n", indent, node.items.size(), at(node.where));
      for (const auto& item : node.items) dump(item, indent + "  ", out);
      break;
    case DocNode::Kind::kMap:
      out += fmt::format("{}map of {} @{}\n", indent, node.entries.size(), at(node.where));
      for (const auto& e : node.entries) {
        out += fmt::format("{}{} @{}:\n", indent, e.key, at(e.key_where));
        dump(e.value, indent + "  ", out);
      }
      break;
  }
}

struct Read {
  std::string tree;  ///< dump() of the document, or empty
  std::vector<std::string> problems;
  std::size_t pieces = 0;
};

Read read(const std::string& text, unsigned threads, std::size_t piece_bytes = 1) {
  Read r;
  ParseSplit split;
  split.threads = threads;
  split.piece_bytes = piece_bytes;
  split.pieces = &r.pieces;
  std::vector<Diagnostic> diagnostics;
  const auto doc = parse_document(text, "t.yaml", diagnostics, {}, split);
  if (doc) dump(*doc, "", r.tree);
  for (const auto& d : diagnostics) r.problems.push_back(d.format());
  return r;
}

/// Reads `text` whole and on three threads in pieces as small as they come; both must agree.
/// Returns the pieces of the second reading.
std::size_t check_same(const std::string& text) {
  const Read whole = read(text, 1);
  const Read split = read(text, 3);
  CHECK(whole.pieces == 1);
  CHECK(split.tree == whole.tree);
  CHECK(split.problems == whole.problems);
  return split.pieces;
}

const char* const kRich = R"(# a scenario in many shapes
name: rich
description: |
  a block of text
  over two lines
run: {horizon: 365 d, seed: 7}
nodes:
  - id: a
    kind: port
    # a comment between items
  - {id: b, kind: station}
  -
  - id: c
    tags:
    - x
    - y
    note: >
      folded
      text
links:
- id: ab
  from: a
  to: b
- id: bc
  from: b
  to: c
empty:
flows: []
corridors:
  - id: k
    flows: [f1,
      f2]
)";

}  // namespace

TEST_CASE("a text read in pieces gives the tree and locations of reading it whole", "[scenario]") {
  CHECK(check_same(kRich) > 5);
  const Read r = read(kRich, 3);
  // A value of a later piece keeps its line in the whole text.
  CHECK(r.tree.find("'bc' @t.yaml:24:7") != std::string::npos);
}

TEST_CASE("a generated network read in pieces is the same tree", "[scenario]") {
  corridor::pipeline::GenerateOptions options;
  options.nodes = 300;
  options.flows = 30;
  const std::string text = corridor::pipeline::generate_scenario(options);
  const Read whole = read(text, 1);
  const Read split = read(text, 2, 4096);
  CHECK(split.pieces > 8);
  CHECK(split.tree == whole.tree);
  CHECK(split.problems.empty());
}

TEST_CASE("every shipped scenario reads the same in pieces", "[scenario]") {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::string(CORRIDOR_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(check_same(text.str()) > 1);
    ++files;
  }
  CHECK(files >= 10);
}

TEST_CASE("a text that does not cut cleanly is read whole", "[scenario]") {
  SECTION("a quoted text running over lines that look like keys and items") {
    const std::string text =
        "name: \"one\ntwo: three\"\nnodes:\n  - id: 'a\n  - b'\n  - id: c\nruns: 1\n";
    CHECK(check_same(text) == 1);
    CHECK(read(text, 3).tree.find("'one two: three'") != std::string::npos);
  }
  SECTION("brackets running over lines") {
    CHECK(check_same("name: x\nnodes: [a,\nb: c]\nlinks: {a: [1,\n  - 2]}\n") == 1);
  }
  SECTION("a quoted text with doubled quotes at the end of a line") {
    const std::string text = "name: 'it''\ntwo: x'\nnodes:\n  - id: \"a\\\"\n  - b\"\n";
    CHECK(check_same(text) == 1);
    CHECK(read(text, 3).tree.find("'it' two: x'") != std::string::npos);
  }
  SECTION("a block of text whose lines hold quotes, then a quoted text over lines") {
    const std::string text = "note: |\n  it is 'odd\nname: 'multi\ntwo: x'\nthree: 3\n";
    CHECK(check_same(text) == 1);
    CHECK(read(text, 3).tree.find("'multi two: x'") != std::string::npos);
  }
  SECTION("an alias of an anchor in an earlier piece") {
    CHECK(check_same("name: &n x\nnodes:\n  - &a {id: a}\n  - *a\nother: *n\n") == 1);
  }
  SECTION("a top-level map in flow style") { CHECK(check_same("{name: x,\nnodes: [a]}\n") == 1); }
  SECTION("a top-level list") { CHECK(check_same("- a\n- b\n- c\n- d\n") == 1); }
}

TEST_CASE("problems in a text read in pieces are those of reading it whole", "[scenario]") {
  SECTION("a key written twice, in different pieces") {
    const std::string text = "name: x\nnodes:\n  - id: a\n  - id: b\nname: y\n";
    CHECK(check_same(text) == 1);
    REQUIRE(read(text, 3).problems.size() == 1);
    CHECK(read(text, 3).problems[0].find("t.yaml:5:1: error: duplicate key 'name'") == 0);
  }
  SECTION("a key written twice among many, far apart") {
    std::string text = "name: x\n";
    for (int i = 0; i < 100; ++i) text += fmt::format("k{}: {}\n", i, i);
    CHECK(check_same(text) > 5);  // the keys join from their pieces
    text += "k7: again\n";
    CHECK(check_same(text) == 1);
    REQUIRE(read(text, 3).problems.size() == 1);
    CHECK(read(text, 3).problems[0].find("t.yaml:102:1: error: duplicate key 'k7'") == 0);
  }
  SECTION("a syntax error in a later piece") {
    const std::string text = "name: x\nnodes:\n  - id: a\n  - id: [b\nlinks: []\n";
    CHECK(check_same(text) == 1);
    CHECK(!read(text, 3).problems.empty());
  }
  SECTION("a value too deep inside a list item") {
    // Depth 64 is the limit: the root map, the list, the item's map, then 62 lists hold.
    const auto nested = [](int lists) {
      return std::string(static_cast<std::size_t>(lists), '[') + "1" +
             std::string(static_cast<std::size_t>(lists), ']');
    };
    const std::string ok = "name: x\nnodes:\n  - id: a\n  - v: " + nested(61) + "\n";
    const std::string deep = "name: x\nnodes:\n  - id: a\n  - v: " + nested(62) + "\n";
    CHECK(check_same(ok) > 1);
    CHECK(read(ok, 3).problems.empty());
    CHECK(check_same(deep) == 1);
    REQUIRE(read(deep, 3).problems.size() == 1);
    CHECK(read(deep, 3).problems[0].find("values nested deeper than 64 levels") !=
          std::string::npos);
  }
}

TEST_CASE("a split left to the default takes the threads the program set", "[scenario]") {
  // Restores one thread per core whatever happens below.
  struct Restore {
    ~Restore() { corridor::core::set_default_threads(0); }
  } restore;
  corridor::core::set_default_threads(1);  // as `--threads 1` does
  CHECK(read(kRich, 0).pieces == 1);
  corridor::core::set_default_threads(3);
  const Read split = read(kRich, 0);
  CHECK(split.pieces > 5);
  CHECK(split.tree == read(kRich, 1).tree);
}

TEST_CASE("the values of a file share one copy of its name, and other files have their own",
          "[scenario]") {
  using corridor::scenario::intern_file_name;
  const std::string* a = intern_file_name("names/a.yaml");
  CHECK(*a == "names/a.yaml");
  CHECK(intern_file_name(std::string("names/") + "a.yaml") == a);
  const std::string* b = intern_file_name("names/b.yaml");
  CHECK(b != a);
  CHECK(*b == "names/b.yaml");
  CHECK(*a == "names/a.yaml");  // adding a name moves none of the others

  // Read in pieces on three threads: every value and key points to the same name.
  std::vector<Diagnostic> diagnostics;
  ParseSplit split;
  split.threads = 3;
  split.piece_bytes = 1;
  std::size_t pieces = 0;
  split.pieces = &pieces;
  const auto doc = parse_document(kRich, "names/a.yaml", diagnostics, {}, split);
  REQUIRE(doc);
  CHECK(pieces > 5);
  std::size_t locations = 0;
  bool all_a = true;
  const std::function<void(const DocNode&)> visit = [&](const DocNode& node) {
    ++locations;
    all_a = all_a && node.where.file() == a;
    for (const auto& item : node.items) visit(item);
    for (const auto& e : node.entries) {
      ++locations;
      all_a = all_a && e.key_where.file() == a;
      visit(e.value);
    }
  };
  visit(*doc);
  CHECK(locations > 40);
  CHECK(all_a);
  // A location made from a SourceLocation reads back the same.
  const corridor::scenario::DocLocation where(corridor::SourceLocation{"names/b.yaml", 3, 4});
  CHECK(where.file() == b);
  const corridor::SourceLocation back = where;
  CHECK(back.file == "names/b.yaml");
  CHECK(back.line == 3);
  CHECK(back.column == 4);
}

TEST_CASE("a duplicate key is found in a large map as in a small one", "[scenario]") {
  // 40 keys, more than a map is searched entry by entry for; then two repeated keys, one from
  // before the map grew large and one from after.
  std::string text = "meta:\n";
  for (int i = 0; i < 40; ++i) text += fmt::format("  k{}: {}\n", i, i);
  text += "  k3: again\n  k35: again\n  k40: new\n";
  std::vector<Diagnostic> diagnostics;
  const auto doc = parse_document(text, "d.yaml", diagnostics);
  std::vector<std::string> problems;
  for (const auto& d : diagnostics) problems.push_back(d.format());
  CHECK(problems == std::vector<std::string>{
                        "d.yaml:42:3: error: duplicate key 'k3' (first defined at d.yaml:5:3)",
                        "d.yaml:43:3: error: duplicate key 'k35' (first defined at d.yaml:37:3)"});
}
