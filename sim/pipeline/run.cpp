// Runs replications of a scenario on worker threads and summarises them. Each replication is
// seeded by (seed, replication index) alone and stored by index, so the summary does not depend
// on the number of threads or on which thread ran what.
#include "corridor/pipeline/run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "corridor/graph/network.hpp"
#include "corridor/results/summary.hpp"
#include "corridor/transport/model.hpp"

namespace corridor::pipeline {
namespace {

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof(buf) - 1) != 0) return "unknown";
  return buf;
}

}  // namespace

results::RunResults run_scenario(const model::Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const graph::Network network(scenario);
  const transport::Model model(network);

  const int n = std::max(1, options.replications.value_or(scenario.run.replications));
  const std::uint64_t seed = options.seed.value_or(scenario.run.seed);
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, n);

  std::vector<transport::ReplicationResult> reps(static_cast<std::size_t>(n));
  std::vector<char> done(static_cast<std::size_t>(n), 0);
  std::atomic<int> next{0};
  std::mutex progress_mutex;
  int finished = 0;
  // The first error of any replication is rethrown here once every worker has stopped; an
  // exception must not leave a worker thread (that would terminate the program).
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (;;) {
      const int i = next.fetch_add(1);
      if (i >= n || failed.load()) return;
      if (options.stop != nullptr && options.stop->load()) return;
      try {
        reps[static_cast<std::size_t>(i)] = model.run(i, seed, options.stop);
      } catch (...) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        if (!failure) failure = std::current_exception();
        failed.store(true);
        return;
      }
      done[static_cast<std::size_t>(i)] = reps[static_cast<std::size_t>(i)].stopped ? 0 : 1;
      std::lock_guard<std::mutex> lock(progress_mutex);
      ++finished;
      if (options.progress) options.progress(finished, n);
    }
  };
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);

  // Keep only complete replications (all of them unless interrupted), in index order.
  std::vector<transport::ReplicationResult> complete;
  for (std::size_t i = 0; i < reps.size(); ++i) {
    if (done[i] != 0) complete.push_back(std::move(reps[i]));
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
  out.meta.version = CORRIDOR_VERSION;
  out.meta.host = host_name();
  out.meta.threads = threads;
  out.meta.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

std::vector<std::string> run_warnings(const results::RunResults& results) {
  std::vector<std::string> out;
  for (const auto& f : results.flows) {
    if (f.demanded_t_per_year.mean > 0 && f.delivered_t_per_year.mean <= 0) {
      out.push_back(
          fmt::format("flow '{}' delivered nothing in {:g} d after the warm-up "
                      "(demand {:.0f} t/yr); check closures, vehicles and capacity "
                      "along its route",
                      f.id, results.horizon_days - results.warmup_days, f.volume_t_per_year));
    }
  }
  return out;
}

}  // namespace corridor::pipeline
