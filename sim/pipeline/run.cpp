// Runs replications of a scenario on worker threads and summarises them. Each replication is
// seeded by (seed, replication index) alone and stored by index, so the summary does not depend
// on the number of threads or on which thread ran what. Under MPI (distributed.hpp) each rank
// runs a share and every rank summarises all of them, so neither does it depend on the ranks.
#include "corridor/pipeline/run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "corridor/core/parallel.hpp"
#include "corridor/error.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/corridor_capacity.hpp"
#include "corridor/pipeline/distributed.hpp"
#include "corridor/results/summary.hpp"
#include "corridor/transport/model.hpp"

namespace corridor::pipeline {
namespace {

/// The error of a failed replication in a form other ranks can rethrow.
ReplicationFailure describe_failure(int replication, const std::exception_ptr& error) {
  ReplicationFailure f;
  f.replication = replication;
  try {
    std::rethrow_exception(error);
  } catch (const SimulationError& e) {
    f.simulation = true;
    f.what = e.what();
    f.sim_time_s = e.sim_time_s();
    f.entity = e.entity();
  } catch (const std::exception& e) {
    f.what = e.what();
  } catch (...) {
    f.what = "unknown error";
  }
  return f;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof(buf) - 1) != 0) return "unknown";
  return buf;
}

}  // namespace

void check(const model::Scenario& scenario) {
  const graph::Network network(scenario);
  const transport::Model model(network);
}

results::RunResults run_scenario(const model::Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RunProgress progress;
  if (options.progress) options.progress(progress);
  const graph::Network network(scenario);
  const transport::Model model(network);

  const int n = std::max(1, options.replications.value_or(scenario.run.replications));
  const std::uint64_t seed = options.seed.value_or(scenario.run.seed);
  // Under MPI, this process runs its share of the replications on its share of the cores.
  const std::vector<int> mine = deal_replications(n);
  const int local = static_cast<int>(mine.size());
  int threads = options.threads > 0 ? options.threads : static_cast<int>(core::default_threads());
  threads = std::clamp(threads, 1, std::max(1, local));

  std::vector<transport::ReplicationResult> reps(mine.size());
  std::vector<char> done(mine.size(), 0);
  std::vector<std::exception_ptr> errors(mine.size());
  // For progress: each replication's simulated time while it runs, and whether it has ended.
  std::vector<std::atomic<core::Tick>> clocks(mine.size());
  std::vector<std::atomic<bool>> ended(mine.size());
  std::atomic<int> next{0};
  std::mutex mutex;  // guards `finished` and `working`
  std::condition_variable changed;
  int finished = 0;
  int working = threads;
  std::atomic<bool> failed{false};
  auto run_replications = [&] {
    for (;;) {
      const int k = next.fetch_add(1);
      if (k >= local || failed.load()) return;
      if (options.stop != nullptr && options.stop->load()) return;
      const auto slot = static_cast<std::size_t>(k);
      try {
        reps[slot] =
            model.run(mine[slot], seed, options.stop, options.progress ? &clocks[slot] : nullptr);
        done[slot] = reps[slot].stopped ? 0 : 1;
      } catch (...) {
        // An exception must not leave a worker thread (that would terminate the program):
        // it is kept, the workers stop, and the lowest-numbered failure is rethrown below.
        errors[slot] = std::current_exception();
        failed.store(true);
        return;
      }
      ended[slot].store(true);
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ++finished;
      }
      changed.notify_one();
    }
  };
  auto worker = [&] {
    run_replications();
    {
      const std::lock_guard<std::mutex> lock(mutex);
      --working;
    }
    changed.notify_one();
  };
  progress.stage = RunProgress::Stage::kSimulating;
  progress.total = local;
  const auto simulating_since = std::chrono::steady_clock::now();
  if (!options.progress && threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    if (options.progress) {
      // This thread reports while the workers run: at once, after each replication and every
      // progress_interval.
      const double horizon = static_cast<double>(std::max<core::Tick>(1, model.horizon()));
      std::unique_lock<std::mutex> lock(mutex);
      for (bool last = false; !last;) {
        last = working == 0;
        progress.done = finished;
        lock.unlock();
        double sum = 0;
        for (std::size_t k = 0; k < clocks.size(); ++k) {
          sum += ended[k].load() ? 1.0
                                 : std::min(1.0, static_cast<double>(clocks[k].load()) / horizon);
        }
        progress.fraction = local > 0 ? sum / local : 1.0;
        progress.simulating_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - simulating_since)
                .count();
        options.progress(progress);
        lock.lock();
        if (!last && working > 0 && finished == progress.done) {
          changed.wait_for(lock, options.progress_interval);
        }
      }
    }
    for (auto& t : pool) t.join();
  }

  // Keep only complete replications (all of them unless interrupted); then, under MPI, every
  // rank's, in index order.
  ReplicationBatch batch;
  std::exception_ptr first_error;
  for (std::size_t k = 0; k < mine.size(); ++k) {
    if (errors[k] && !first_error) {
      first_error = errors[k];
      batch.failure = describe_failure(mine[k], errors[k]);
    }
    if (done[k] != 0) batch.replications.push_back(std::move(reps[k]));
  }
  if (rank_count() == 1 && first_error) std::rethrow_exception(first_error);
  batch = share_replications(std::move(batch));
  if (batch.failure) batch.failure->rethrow();
  const std::vector<transport::ReplicationResult>& complete = batch.replications;
  if (options.progress) {
    progress.stage = RunProgress::Stage::kSummarising;
    options.progress(progress);
  }

  std::vector<std::string> routes;
  std::vector<double> route_km;
  for (std::size_t f = 0; f < scenario.flows.size(); ++f) {
    std::string text;
    for (const auto& leg : model.legs(f)) {
      if (!text.empty()) text += " · ";
      text += leg.kind == "transfer"
                  ? fmt::format("transfer {}", leg.from)
                  : fmt::format("{} {}→{}{}", leg.kind, leg.from, leg.to,
                                leg.fleet.empty() ? "" : fmt::format(" ({})", leg.fleet));
    }
    routes.push_back(std::move(text));
    route_km.push_back(model.route_km(f));
  }
  results::RunResults out = results::summarise(scenario, complete, seed, routes, route_km);
  out.stopped = out.stopped || static_cast<int>(complete.size()) < n;
  attach_capacity(network, out);
  out.meta.version = CORRIDOR_VERSION;
  out.meta.host = host_name();
  out.meta.threads = threads;
  out.meta.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

std::string describe(const RunProgress& progress) {
  switch (progress.stage) {
    case RunProgress::Stage::kPreparing:
      return "preparing the network, routes and services";
    case RunProgress::Stage::kSummarising:
      return fmt::format("summarising {} replication{} and the network's capacity", progress.total,
                         progress.total == 1 ? "" : "s");
    case RunProgress::Stage::kSimulating:
      break;
  }
  const double f = std::clamp(progress.fraction, 0.0, 1.0);
  // Whole per cent, rounded down: 100% only when everything is done.
  std::string text =
      fmt::format("simulating: {}% ({} of {} replication{} done", static_cast<int>(f * 100),
                  progress.done, progress.total, progress.total == 1 ? "" : "s");
  if (f >= 0.05 && f < 1 && progress.simulating_s > 0) {
    const double left = progress.simulating_s * (1 - f) / f;
    if (left < 90) {
      text += fmt::format("; about {:.0f} s left", std::max(1.0, left));
    } else if (left < 90 * 60) {
      text += fmt::format("; about {:.0f} min left", left / 60);
    } else {
      text += fmt::format("; about {:.1f} h left", left / 3600);
    }
  }
  return text + ")";
}

std::vector<std::string> run_warnings(const results::RunResults& results) {
  std::vector<std::string> out;
  const double days = results.horizon_days - results.warmup_days;
  std::size_t silent = 0;  // flows with demand that delivered nothing
  for (const auto& f : results.flows) {
    if (f.demanded_t_per_year.mean <= 0 || f.delivered_t_per_year.mean > 0) continue;
    if (++silent > kListedSilentFlows) continue;
    out.push_back(fmt::format(
        "flow '{}' delivered nothing in {:g} d after the warm-up (demand {:.0f} t/yr); check "
        "closures, vehicles and capacity along its route",
        f.id, days, f.volume_t_per_year));
  }
  if (silent > kListedSilentFlows) {
    const std::size_t more = silent - kListedSilentFlows;
    out.push_back(fmt::format(
        "{} more flow{} delivered nothing in {:g} d after the warm-up ({} of {} flows in all); "
        "the report gives every flow's delivered_t_per_year{}",
        more, more == 1 ? "" : "s", days, silent, results.flows.size(),
        days < 7 ? "; a horizon this short may end before cargo can arrive" : ""));
  }
  return out;
}

}  // namespace corridor::pipeline
