// The `corridor run` subcommand: simulate a scenario's replications and report the results.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/distributed.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/report/atomic_file.hpp"
#include "corridor/report/geojson_report.hpp"
#include "corridor/report/html_report.hpp"
#include "corridor/report/run_report.hpp"
#include "corridor/scenario/loader.hpp"
#include "interrupt.hpp"
#include "report_options.hpp"

namespace corridor::cli {
namespace {

struct RunArgs {
  std::string file;
  int replications = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string format = "table";
  std::string out;
  std::vector<std::string> sets;
};

int run(const RunArgs& args, bool replications_given, bool seed_given) {
  if (args.format == "csv" && args.out.empty()) {
    throw UsageError("--format csv writes one file per table: give a directory with --out DIR");
  }
  const model::Scenario sc = scenario::load_file(args.file, parse_overrides(args.sets));
  const auto& stop = install_interrupt_handler();

  pipeline::RunOptions options;
  if (replications_given) options.replications = args.replications;
  if (seed_given) options.seed = args.seed;
  options.threads = args.threads;
  options.stop = &stop;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  bool shown = false;
  options.progress = [&](int done, int total) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!tty || elapsed < 1.0) return;
    shown = true;
    std::fprintf(stderr, "\rcorridor: replication %d of %d done (%.1f s)", done, total, elapsed);
    std::fflush(stderr);
  };

  const results::RunResults results = pipeline::run_scenario(sc, options);
  if (shown) std::fprintf(stderr, "\n");
  if (!pipeline::writes_output()) return kExitSuccess;  // an MPI rank other than 0
  if (results.stopped) {
    std::cerr << "corridor: interrupted; no results written\n";
    return kExitFailure;
  }
  for (const auto& warning : pipeline::run_warnings(results)) {
    std::cerr << "corridor: warning: " << warning << '\n';
  }

  if (args.format == "csv") {
    report::write_files_atomically(args.out, report::to_csv(results));
    std::cerr << fmt::format(
        "corridor: wrote corridors.csv, flows.csv, links.csv, nodes.csv to {}\n", args.out);
    return kExitSuccess;
  }
  std::string text;
  std::string name = "results.txt";
  if (args.format == "json") {
    text = report::to_json(results).dump(2) + "\n";
    name = "results.json";
  } else if (args.format == "md") {
    text = report::to_markdown(results);
    name = "results.md";
  } else if (args.format == "html") {
    text = report::to_html(sc, results);
    name = "results.html";
  } else if (args.format == "geojson") {
    text = report::results_geojson(graph::Network(sc), results).dump(2) + "\n";
    name = "results.geojson";
  } else {
    std::ostringstream os;
    report::write_table(results, os);
    text = os.str();
  }
  if (args.out.empty()) {
    std::cout << text;
  } else {
    report::write_files_atomically(args.out, {{name, text}});
  }
  return kExitSuccess;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run",
      "Simulate a scenario and report what the network carries.\n\n"
      "Runs the scenario's replications (in parallel) and reports, with the mean and 95%\n"
      "confidence interval over replications: tonnes per year and loaded trips per day per\n"
      "corridor; tonnes, vehicles, utilisation, waits and closures per link and node; and per\n"
      "flow delivered against demanded tonnes, backlog, transit times and speeds.\n\n"
      "Examples:\n"
      "  corridor run scenarios/caspian/base_2023.yaml\n"
      "  corridor run scenarios/caspian/base_2023.yaml --replications 30 --format json > r.json\n"
      "  corridor run scenarios/caspian/base_2023.yaml --format csv --out results/\n"
      "  corridor run scenarios/caspian/base_2023.yaml --format html --out report/\n"
      "  corridor run scenarios/caspian/base_2023.yaml --set fleets.kti_train.count=20");
  cmd->add_option("file", args->file, "Scenario file (YAML)")->required();
  auto* reps = cmd->add_option("-r,--replications", args->replications,
                               "Number of replications (default: the scenario's run.replications)")
                   ->check(CLI::Range(1, 100000));
  auto* seed = cmd->add_option("-s,--seed", args->seed,
                               "Random seed (default: the scenario's run.seed); the same seed "
                               "gives identical results");
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("-f,--format", args->format,
                  "Output format: table, json, csv, md (Markdown), html (a self-contained report "
                  "with map and charts) or geojson (the network with results, for QGIS)")
      ->check(CLI::IsMember({"table", "json", "csv", "md", "html", "geojson"}));
  cmd->add_option("-o,--out", args->out,
                  "Directory to write results into (results.txt, .json, .md, .html, .geojson, or "
                  "one CSV per table); without it, the report goes to standard output");
  cmd->add_option("--set", args->sets,
                  "Override a scenario value, PATH=VALUE (repeatable), e.g. "
                  "--set run.horizon=\"180 d\" --set fleets.kti_train.count=20");
  cmd->callback([&action, args, reps, seed] {
    action = [args, reps, seed] { return run(*args, reps->count() > 0, seed->count() > 0); };
  });
}

}  // namespace corridor::cli
