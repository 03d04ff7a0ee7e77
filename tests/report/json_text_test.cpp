// The JSON written a piece at a time is the text nlohmann::json prints for the whole document.
#include "corridor/report/json_text.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/report/run_report.hpp"
#include "report_fixtures.hpp"

namespace {

using corridor::report::ArrayOfElements;
using nlohmann::json;

ArrayOfElements from(const json& array) {
  return {array.size(), [&array](std::size_t i) { return array[i]; }};
}

std::string pretty_json(const json& head, const std::map<std::string, ArrayOfElements>& arrays,
                        unsigned threads = 1) {
  std::ostringstream out;
  corridor::report::pretty_json(out, head, arrays, threads);
  return out.str();
}

std::string json_text(const corridor::results::RunResults& r) {
  std::ostringstream out;
  corridor::report::write_json(r, out);
  return out.str();
}

}  // namespace

TEST_CASE("a document written piece by piece prints as the whole would", "[report][json]") {
  const json nested = {{"b", {{"x", json::array({1, 2.5, "three"})}, {"y", json::object()}}},
                       {"a", json::array()},
                       {"quote \"and\" tab\t", "line\nbreak"},
                       {"n", nullptr}};
  const json links = json::array({nested, {{"id", "l2"}}, json::array({json::array({1})})});
  const json empty = json::array();
  const json one = json::array({42});
  const json head = {{"c", 1}, {"m", nested}, {"zz", "last"}, {"0", true}};

  json whole = head;
  whole["links"] = links;
  whole["a_empty"] = empty;
  whole["one"] = one;
  whole["zzz"] = links;
  const std::string text = pretty_json(
      head,
      {{"links", from(links)}, {"a_empty", from(empty)}, {"one", from(one)}, {"zzz", from(links)}});
  CHECK(text == whole.dump(2) + "\n");
  CHECK(json::parse(text) == whole);
}

TEST_CASE("piece by piece: only arrays, or nothing at all", "[report][json]") {
  const json items = json::array({{{"k", 1}}, {{"k", 2}}});
  json whole = json::object();
  whole["items"] = items;
  CHECK(pretty_json(json::object(), {{"items", from(items)}}) == whole.dump(2) + "\n");
  CHECK(pretty_json(json::object(), {}) == "{}\n");
  CHECK_THROWS(pretty_json(json::array(), {}));
  CHECK_THROWS(pretty_json({{"items", 1}}, {{"items", from(items)}}));
}

TEST_CASE("piece by piece: an array longer than one written piece", "[report][json]") {
  json items = json::array();
  for (int i = 0; i < 5000; ++i) items.push_back({{"id", "e" + std::to_string(i)}, {"v", i * 0.5}});
  json whole = {{"name", "many"}};
  const std::string expected = [&] {
    json w = whole;
    w["items"] = items;
    return w.dump(2) + "\n";
  }();
  REQUIRE(expected.size() > 200000);
  CHECK(pretty_json(whole, {{"items", from(items)}}) == expected);
}

TEST_CASE("piece by piece: a long array built on several threads prints the same",
          "[report][json]") {
  // Long enough for the threads (4,096 elements), and not a whole number of their blocks.
  json items = json::array();
  for (int i = 0; i < 9001; ++i) items.push_back({{"id", "e" + std::to_string(i)}, {"v", i}});
  const json short_items = json::array({1, 2});
  const json whole = {{"name", "many"}};
  json expected = whole;
  expected["items"] = items;
  expected["short"] = short_items;
  for (unsigned threads : {2u, 3u}) {
    INFO(threads << " threads");
    CHECK(pretty_json(whole, {{"items", from(items)}, {"short", from(short_items)}}, threads) ==
          expected.dump(2) + "\n");
  }
}

TEST_CASE("piece by piece: an element that fails on a thread fails the document",
          "[report][json]") {
  const ArrayOfElements failing{6000, [](std::size_t i) {
                                  if (i == 4321) throw std::runtime_error("element 4321");
                                  return json(static_cast<int>(i));
                                }};
  for (unsigned threads : {1u, 3u}) {
    INFO(threads << " threads");
    CHECK_THROWS_WITH(pretty_json(json::object(), {{"items", failing}}, threads), "element 4321");
  }
}

TEST_CASE("results.json written a link, node and flow at a time is the whole document's text",
          "[report][json]") {
  const auto r = corridor::testing::report_results();
  REQUIRE_FALSE(r.links.empty());
  REQUIRE_FALSE(r.nodes.empty());
  REQUIRE_FALSE(r.flows.empty());
  CHECK(json_text(r) == corridor::report::to_json(r).dump(2) + "\n");
  auto none = r;
  none.links.clear();
  none.nodes.clear();
  none.flows.clear();
  CHECK(json_text(none) == corridor::report::to_json(none).dump(2) + "\n");
}

TEST_CASE("piece by piece: an array alone, short, long, on threads or empty", "[report][json]") {
  json items = json::array();
  for (int i = 0; i < 4500; ++i) {
    items.push_back(
        {{"id", "e" + std::to_string(i)}, {"nested", {{"v", i}, {"w", json::array()}}}});
  }
  const json two = json::array({json::array({1, 2}), {{"k", "v"}}});
  for (unsigned threads : {1u, 3u}) {
    INFO(threads << " threads");
    for (const json* array : std::vector<const json*>{&items, &two}) {
      std::ostringstream out;
      corridor::report::pretty_json_array(out, from(*array), threads);
      CHECK(out.str() == array->dump(2) + "\n");
    }
  }
  std::ostringstream none;
  corridor::report::pretty_json_array(none, from(json::array()), 1);
  CHECK(none.str() == "[]\n");
}
