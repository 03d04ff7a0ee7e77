// The capacity report in JSON, written a bound at a time, is the text of the whole document.
#include "corridor/report/capacity_report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using corridor::capacity::Bound;
using corridor::capacity::Element;

namespace {

std::string written(const std::vector<Bound>& bounds) {
  std::ostringstream out;
  corridor::report::write_capacity_json(bounds, out);
  return out.str();
}

Bound sample_bound(int i) {
  Bound b;
  b.subject = "flow f" + std::to_string(i);
  b.capacity_t_per_year = 7'884'000.0 + i;
  b.infrastructure_t_per_year = 9'000'000.5;
  Element border;
  border.kind = Element::Kind::kBorderExit;
  border.id = "bolashak";
  border.where = "rail";
  border.capacity_t_per_year = 7'884'000.0;
  border.derivation = "border exit, 1 channel(s) × 1 d / 3.0 h mean dwell → 8.0 trains/day";
  b.binding = {border};
  Element track = border;
  track.kind = Element::Kind::kSingleTrack;
  track.id = "l" + std::to_string(i);
  track.where = "a → b \"quoted\"";
  b.elements = {track, border};
  return b;
}

}  // namespace

TEST_CASE("the capacity report written a bound at a time is the whole document's text",
          "[report][json]") {
  std::vector<Bound> bounds = {sample_bound(1)};
  Bound open;
  open.subject = "corridor free";
  open.unbounded = true;
  open.note = "origin and destination coincide or are unknown";
  bounds.push_back(open);
  const std::string text = written(bounds);
  CHECK(text == corridor::report::capacity_to_json(bounds).dump(2) + "\n");
  const auto parsed = nlohmann::json::parse(text);
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[0]["binding"][0]["kind"] == "border_exit");
  CHECK(parsed[0]["elements"][0]["where"] == "a → b \"quoted\"");
  CHECK(parsed[1]["capacity_t_per_year"].is_null());

  CHECK(written({}) == "[]\n");
}

TEST_CASE("a capacity report of thousands of bounds, built on threads, prints the same",
          "[report][json]") {
  // More bounds than pretty_json_array builds on one thread (4,096).
  std::vector<Bound> bounds;
  for (int i = 0; i < 5000; ++i) bounds.push_back(sample_bound(i));
  CHECK(written(bounds) == corridor::report::capacity_to_json(bounds).dump(2) + "\n");
}
