// What a finished run warns about: flows that delivered nothing, named while they are few and
// counted once they are many.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "corridor/pipeline/run.hpp"

namespace {

using corridor::results::FlowSummary;
using corridor::results::RunResults;

FlowSummary flow(const std::string& id, double demanded, double delivered) {
  FlowSummary f;
  f.id = id;
  f.volume_t_per_year = demanded;
  f.demanded_t_per_year.mean = demanded;
  f.delivered_t_per_year.mean = delivered;
  return f;
}

// Silent and delivering flows alternate (silent first) while both last, then the rest follow:
// f0, f2, f4, ... are silent for as long as there are delivering flows between them.
RunResults results_with(int silent, int delivering) {
  RunResults r;
  r.horizon_days = 2;
  r.warmup_days = 1;
  while (silent > 0 || delivering > 0) {
    if (silent > 0) {
      r.flows.push_back(flow("f" + std::to_string(r.flows.size()), 1000, 0));
      --silent;
    }
    if (delivering > 0) {
      r.flows.push_back(flow("f" + std::to_string(r.flows.size()), 1000, 10));
      --delivering;
    }
  }
  return r;
}

}  // namespace

TEST_CASE("a few flows that delivered nothing are each named", "[pipeline][warnings]") {
  const auto w = corridor::pipeline::run_warnings(results_with(2, 3));
  REQUIRE(w.size() == 2);
  CHECK(w[0] ==
        "flow 'f0' delivered nothing in 1 d after the warm-up (demand 1000 t/yr); check "
        "closures, vehicles and capacity along its route");
  CHECK(w[1].rfind("flow 'f2' delivered nothing", 0) == 0);
}

TEST_CASE("flows without demand, or that delivered, give no warning", "[pipeline][warnings]") {
  RunResults r = results_with(0, 4);
  r.flows.push_back(flow("idle", 0, 0));
  CHECK(corridor::pipeline::run_warnings(r).empty());
}

TEST_CASE("many flows that delivered nothing: the first are named, the rest counted",
          "[pipeline][warnings]") {
  using corridor::pipeline::kListedSilentFlows;
  const int silent = static_cast<int>(kListedSilentFlows) + 71;
  const auto w = corridor::pipeline::run_warnings(results_with(silent, 24));
  REQUIRE(w.size() == kListedSilentFlows + 1);
  for (std::size_t k = 0; k < kListedSilentFlows; ++k) {
    CHECK(w[k].rfind("flow 'f" + std::to_string(2 * k) + "' delivered nothing", 0) == 0);
  }
  CHECK(w.back() ==
        "71 more flows delivered nothing in 1 d after the warm-up (76 of 100 flows in all); the "
        "report gives every flow's delivered_t_per_year; a horizon this short may end before "
        "cargo can arrive");
}

TEST_CASE("one flow over the named ones is counted in the singular, with no hint for a long run",
          "[pipeline][warnings]") {
  using corridor::pipeline::kListedSilentFlows;
  RunResults r = results_with(static_cast<int>(kListedSilentFlows) + 1, 0);
  r.horizon_days = 365;
  r.warmup_days = 30;
  const auto w = corridor::pipeline::run_warnings(r);
  REQUIRE(w.size() == kListedSilentFlows + 1);
  CHECK(w.back() ==
        "1 more flow delivered nothing in 335 d after the warm-up (6 of 6 flows in all); the "
        "report gives every flow's delivered_t_per_year");
}
