// Tests of the comparison pipeline on constructed results: corridors matched by id, paired
// differences and their confidence intervals, transit and capacity columns.
#include "corridor/pipeline/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace corridor {
namespace {

core::Estimate est(double mean) { return core::Estimate{mean, mean, mean, 1}; }

// A run with corridors `ids` whose per-replication tonnes are samples[rep][corridor].
results::LabelledRun make_run(const std::string& label, const std::vector<std::string>& ids,
                              const std::vector<std::vector<double>>& samples) {
  results::LabelledRun run;
  run.label = label;
  run.scenario.name = label;
  for (const auto& id : ids) {
    model::Corridor c;
    c.id = id;
    c.name = "corridor " + id;
    c.flows = {"f_" + id};
    run.scenario.corridors.push_back(c);
  }
  run.results.scenario = label;
  run.results.replications = static_cast<int>(samples.size());
  for (std::size_t c = 0; c < ids.size(); ++c) {
    std::vector<double> values;
    for (const auto& rep : samples) values.push_back(rep[c]);
    results::CorridorSummary s;
    s.id = ids[c];
    s.name = "corridor " + ids[c];
    s.tonnes_per_year = core::estimate(values);
    run.results.corridors.push_back(s);
    results::FlowSummary f;
    f.id = "f_" + ids[c];
    f.delivered_t_per_year = est(s.tonnes_per_year.mean);
    f.transit_mean_h = est(40);
    run.results.flows.push_back(f);
  }
  run.results.corridor_samples = samples;
  return run;
}

TEST_CASE("a paired difference is the t-interval of the per-replication differences",
          "[pipeline]") {
  const auto d = pipeline::paired_difference({10, 12, 14}, {11, 14, 15});
  // Differences 1, 2, 1: mean 4/3, sd 1/sqrt(3), t(0.975, 2) = 4.303.
  CHECK(d.n == 3);
  CHECK(d.mean == Approx(4.0 / 3));
  const double half = 4.302653 * (1 / std::sqrt(3.0)) / std::sqrt(3.0);
  CHECK(d.ci95_low == Approx(4.0 / 3 - half).margin(1e-3));
  CHECK(d.ci95_high == Approx(4.0 / 3 + half).margin(1e-3));
}

TEST_CASE("a paired difference uses only the replications both runs have", "[pipeline]") {
  const auto d = pipeline::paired_difference({1, 2, 3, 4}, {2, 3});
  CHECK(d.n == 2);
  CHECK(d.mean == Approx(1));
  CHECK(d.half_width() == Approx(0));
  CHECK(pipeline::paired_difference({}, {1, 2}).n == 0);
}

TEST_CASE("pairing removes the noise shared by both runs", "[pipeline]") {
  // Replications vary a lot, but the second run is always 100 t higher: the paired interval is
  // exact while the interval of each run's mean is wide.
  std::vector<std::vector<double>> base{{1000}, {5000}, {3000}, {8000}};
  std::vector<std::vector<double>> more{{1100}, {5100}, {3100}, {8100}};
  const auto c =
      pipeline::build_comparison({make_run("a", {"k"}, base), make_run("b", {"k"}, more)});
  REQUIRE(c.corridors.size() == 1);
  const auto& d = c.corridors[0].runs[1].difference_t_per_year;
  CHECK(d.mean == Approx(100));
  CHECK(d.half_width() == Approx(0).margin(1e-9));
  CHECK(c.corridors[0].runs[1].tonnes_per_year.half_width() > 1000);
  CHECK(c.corridors[0].runs[0].difference_t_per_year.n == 0);
}

TEST_CASE("corridors are matched by id and missing ones are marked absent", "[pipeline]") {
  const auto a = make_run("a", {"x", "y"}, {{10, 20}, {12, 22}});
  const auto b = make_run("b", {"y", "z"}, {{25, 5}, {27, 7}});
  const auto c = pipeline::build_comparison({a, b});
  REQUIRE(c.corridors.size() == 3);
  CHECK(c.corridors[0].id == "x");
  CHECK(c.corridors[1].id == "y");
  CHECK(c.corridors[2].id == "z");
  CHECK(c.corridors[0].runs[0].present);
  CHECK_FALSE(c.corridors[0].runs[1].present);
  CHECK(c.corridors[0].runs[1].difference_t_per_year.n == 0);
  CHECK(c.corridors[1].runs[1].difference_t_per_year.mean == Approx(5));
  CHECK_FALSE(c.corridors[2].runs[0].present);
  CHECK(c.corridors[2].runs[1].difference_t_per_year.n == 0);
}

TEST_CASE("a corridor's transit time is weighted by the tonnes its flows delivered", "[pipeline]") {
  auto run = make_run("a", {"k"}, {{100}, {100}});
  run.scenario.corridors[0].flows = {"f_k", "g"};
  results::FlowSummary g;
  g.id = "g";
  g.delivered_t_per_year = est(300);
  g.transit_mean_h = est(80);
  run.results.flows.push_back(g);
  const auto c = pipeline::build_comparison({run});
  REQUIRE(c.corridors[0].runs[0].transit_mean_h.has_value());
  CHECK(*c.corridors[0].runs[0].transit_mean_h == Approx((100 * 40 + 300 * 80) / 400.0));
}

TEST_CASE("the capacity hook fills capacity, binding elements and their utilisation",
          "[pipeline]") {
  auto run = make_run("a", {"k"}, {{100}, {120}});
  results::LinkSummary link;
  link.id = "line";
  link.utilisation = est(0.83);
  run.results.links.push_back(link);
  pipeline::CapacityFn capacity = [](const graph::Network&, const model::Corridor& corridor) {
    capacity::Bound b;
    b.subject = "corridor " + corridor.id;
    b.capacity_t_per_year = 2.5e6;
    capacity::Element e;
    e.kind = capacity::Element::Kind::kSingleTrack;
    e.id = "line";
    e.capacity_t_per_year = 2.5e6;
    b.binding.push_back(e);
    return b;
  };
  const auto c = pipeline::build_comparison({run}, capacity);
  const auto& f = c.corridors[0].runs[0];
  REQUIRE(f.capacity.has_value());
  CHECK(f.capacity->capacity_t_per_year == 2.5e6);
  REQUIRE(f.capacity->binding.size() == 1);
  CHECK(f.capacity->binding[0].kind == "single track");
  REQUIRE(f.binding_utilisation.has_value());
  CHECK(*f.binding_utilisation == Approx(0.83));
  CHECK(f.binding_utilisation_id == "line");
}

}  // namespace
}  // namespace corridor
