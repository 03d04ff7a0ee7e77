// Progress of a run: reported in stage order, moving while a replication runs, reaching the
// whole at the end, in words a user reads; and showing it never changes the results.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "corridor/pipeline/generate.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/report/run_report.hpp"
#include "corridor/scenario/loader.hpp"

namespace {

using corridor::pipeline::RunProgress;
using Stage = RunProgress::Stage;

// A generated network of 1,000 nodes over 60 days: about 200,000 events per replication, so
// that the clock is published a few dozen times while it runs.
corridor::model::Scenario generated() {
  corridor::pipeline::GenerateOptions o;
  o.nodes = 1000;
  o.flows = 100;
  o.seed = 1;
  return corridor::scenario::load_text(corridor::pipeline::generate_scenario(o), "g1000.yaml", ".",
                                       {{"run.horizon", "60 d"}, {"run.warmup", "10 d"}});
}

struct Recorded {
  std::vector<RunProgress> reports;
  nlohmann::json results;
};

Recorded run(const corridor::model::Scenario& sc, int threads, bool watch) {
  Recorded out;
  corridor::pipeline::RunOptions options;
  options.threads = threads;
  options.replications = 3;
  options.seed = 5;
  if (watch) {
    options.progress_interval = std::chrono::milliseconds(1);
    options.progress = [&](const RunProgress& p) { out.reports.push_back(p); };
  }
  out.results = corridor::report::to_json(corridor::pipeline::run_scenario(sc, options));
  out.results.erase("meta");
  return out;
}

}  // namespace

TEST_CASE("progress comes in stage order, moves during a replication and ends whole",
          "[pipeline]") {
  const auto sc = generated();
  const auto unwatched = run(sc, 2, false);
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    const auto r = run(sc, threads, true);
    CHECK(r.results.dump() == unwatched.results.dump());
    const auto& p = r.reports;
    REQUIRE(p.size() >= 3);
    CHECK(p.front().stage == Stage::kPreparing);
    CHECK(p.back().stage == Stage::kSummarising);
    CHECK(p.back().done == 3);
    // A report while a replication is part-way: a share that whole replications alone (each
    // a third) cannot make.
    bool partway = false;
    for (std::size_t i = 1; i < p.size(); ++i) {
      CAPTURE(i);
      CHECK(p[i].stage >= p[i - 1].stage);
      if (p[i].stage != Stage::kSimulating) continue;
      CHECK(p[i].total == 3);
      CHECK(p[i].fraction >= 0);
      CHECK(p[i].fraction <= 1);
      if (p[i - 1].stage == Stage::kSimulating) {
        CHECK(p[i].fraction >= p[i - 1].fraction);
        CHECK(p[i].done >= p[i - 1].done);
        CHECK(p[i].simulating_s >= p[i - 1].simulating_s);
      }
      const double thirds = p[i].fraction * 3;
      const double part = thirds - std::floor(thirds);
      if (part > 0.001 && part < 0.999) partway = true;
    }
    CHECK(partway);
    const RunProgress& last = p[p.size() - 2];
    CHECK(last.stage == Stage::kSimulating);
    CHECK(last.done == 3);
    CHECK(last.fraction == 1.0);
  }
}

TEST_CASE("progress is described in words, with the time left once it can be told", "[pipeline]") {
  using corridor::pipeline::describe;
  const auto with_time = [](RunProgress p, double simulating_s) {
    p.simulating_s = simulating_s;
    return p;
  };
  RunProgress p;
  CHECK(describe(p) == "preparing the network, routes and services");
  p.stage = Stage::kSimulating;
  p.total = 4;
  p.done = 1;
  p.fraction = 0.37;
  // 10 s for 37%: 63% more takes 10 × 0.63 / 0.37 = 17 s.
  CHECK(describe(with_time(p, 10)) ==
        "simulating: 37% (1 of 4 replications done; about 17 s left)");
  CHECK(describe(with_time(p, 400)) ==
        "simulating: 37% (1 of 4 replications done; about 11 min left)");
  CHECK(describe(with_time(p, 4000)) ==
        "simulating: 37% (1 of 4 replications done; about 1.9 h left)");
  p.done = 0;
  p.fraction = 0.02;  // too early to tell the time left
  CHECK(describe(with_time(p, 3)) == "simulating: 2% (0 of 4 replications done)");
  p.done = 4;
  p.fraction = 1;
  CHECK(describe(with_time(p, 30)) == "simulating: 100% (4 of 4 replications done)");
  p.total = 1;
  p.done = 0;
  p.fraction = 0.999;  // rounded down: 100% only when done
  CHECK(describe(with_time(p, 30)) == "simulating: 99% (0 of 1 replication done; about 1 s left)");
  p.stage = Stage::kSummarising;
  CHECK(describe(p) == "summarising 1 replication and the network's capacity");
  p.total = 4;
  CHECK(describe(p) == "summarising 4 replications and the network's capacity");
}
