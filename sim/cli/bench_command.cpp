// The `corridor bench` subcommand: runs one of the kernel benchmark models (library:
// corridor/bench/engine_models.hpp) and prints its result as one line of key=value pairs, or
// measures the machine's memory read latency (corridor/bench/memory_latency.hpp), one line
// per working-set size.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "corridor/bench/engine_models.hpp"
#include "corridor/bench/memory_latency.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"

namespace corridor::cli {

void add_bench_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "bench",
      "Measure the speed of the discrete-event kernel on two standard models and print one\n"
      "line of key=value pairs (model_events, run_s = seconds of the run loop only, rate =\n"
      "model events per second, plus model-specific values). Time is integer ticks,\n"
      "1 model time unit = 1,000,000 ticks. `bench memory` measures this machine's memory\n"
      "instead. See docs/performance.md for reference figures.");
  cmd->require_subcommand(1);

  auto* timeout = cmd->add_subcommand(
      "timeout",
      "M processes, each looping on a delay drawn from Exp(mean 1); a model event is a\n"
      "completed delay. Runs while events are before the horizon H (about M x H events).\n"
      "Stresses the event calendar: with M = 100,000 the calendar no longer fits in cache.");
  auto timeout_options = std::make_shared<bench::TimeoutOptions>();
  timeout->add_option("--processes,-m", timeout_options->processes, "number of processes M")
      ->capture_default_str()
      ->check(CLI::Range(1u, 100'000'000u));
  timeout->add_option("--horizon", timeout_options->horizon, "horizon H in model time units")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e12));
  timeout->add_option("--seed", timeout_options->seed, "random seed")->capture_default_str();
  timeout->callback([&action, timeout_options] {
    action = [timeout_options] {
      std::cout << bench::format_line(bench::run_timeout(*timeout_options)) << '\n';
      return kExitSuccess;
    };
  });

  auto* corridor = cmd->add_subcommand(
      "corridor",
      "200 trains cycle over 20 single-track sections (FIFO resources of capacity 1) and a\n"
      "port (FIFO resource of capacity 4), then start again at section 0; train i starts at\n"
      "section i mod 20. Each hop: request, wait, grant, hold, release, request the next.\n"
      "Hold on section k: 0.5 + 0.05 (k mod 5) + Exp(mean 0.5); at the port: Exp(mean 4).\n"
      "A model event is a grant or a completed hold. Also prints mean_port_wait and\n"
      "mean_sec_wait (model time from request to grant).");
  auto corridor_options = std::make_shared<bench::CorridorOptions>();
  corridor->add_option("--horizon", corridor_options->horizon, "horizon H in model time units")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e12));
  corridor->add_option("--seed", corridor_options->seed, "random seed")->capture_default_str();
  corridor->callback([&action, corridor_options] {
    action = [corridor_options] {
      std::cout << bench::format_line(bench::run_corridor(*corridor_options)) << '\n';
      return kExitSuccess;
    };
  });

  auto* memory = cmd->add_subcommand(
      "memory",
      "Read latency of this machine's memory by working-set size: a chain of reads, each\n"
      "needing the one before, through 64-byte lines in random order, from --min-mib up to\n"
      "--max-mib (doubling, with the size half-way between). One line per size, printed as\n"
      "measured: mib, lines, accesses, run_s, ns_per_access. Where ns_per_access jumps is\n"
      "where the caches end; a large network's time per event jumps where what its events\n"
      "touch passes the same size (docs/performance.md, \"Synthetic networks\").");
  auto memory_options = std::make_shared<bench::MemoryOptions>();
  memory->add_option("--min-mib", memory_options->min_mib, "smallest working set, MiB")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 4096.0));
  memory->add_option("--max-mib", memory_options->max_mib, "largest working set, MiB")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 4096.0));
  memory->add_option("--accesses", memory_options->accesses, "timed reads per working set")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  memory->add_option("--seed", memory_options->seed, "random seed")->capture_default_str();
  memory->callback([&action, memory_options] {
    action = [memory_options] {
      if (memory_options->min_mib > memory_options->max_mib) {
        throw UsageError(fmt::format(
            "--min-mib {} is more than --max-mib {}: the sizes go from the first up to the second",
            memory_options->min_mib, memory_options->max_mib));
      }
      for (std::uint64_t bytes : bench::memory_sizes(*memory_options)) {
        const bench::MemoryPoint point =
            bench::run_memory_point(bytes, memory_options->accesses, memory_options->seed);
        std::cout << bench::format_line(point) << std::endl;  // flushed: progress
      }
      return kExitSuccess;
    };
  });
}

}  // namespace corridor::cli
