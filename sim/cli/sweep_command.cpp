// The `corridor sweep` subcommand: run one scenario over a grid of parameter values and report
// corridor throughput against them.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "corridor/capacity/analysis.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/pipeline/sweep.hpp"
#include "corridor/report/comparison_report.hpp"
#include "corridor/report/html_report.hpp"
#include "interrupt.hpp"
#include "report_options.hpp"

namespace corridor::cli {
namespace {

struct SweepArgs {
  std::string file;
  ReportArgs report;
};

int sweep(const SweepArgs& args) {
  check_destination(args.report);
  // `--set PATH=a,b,c` with several values is swept; with one value it is fixed.
  std::vector<scenario::Override> fixed;
  std::vector<results::SweepParameter> parameters;
  for (const auto& s : args.report.sets) {
    auto p = pipeline::parse_sweep_parameter(s);
    if (p.values.size() == 1) {
      fixed.push_back({p.path, p.values.front()});
    } else {
      parameters.push_back(std::move(p));
    }
  }
  StatusLine status;
  pipeline::CompareOptions options;
  options.loading = show_loading(status, "loading", args.file);
  options.run = run_options(args.report);
  options.run.stop = &install_interrupt_handler();
  show_progress(status, options);
  options.capacity = capacity::analyse_corridor;
  const results::SweepResults sweep = pipeline::run_sweep(args.file, fixed, parameters, options);
  const auto& runs = sweep.comparison.runs;
  std::size_t expected = 1;
  for (const auto& p : parameters) expected *= p.values.size();
  if (runs.size() < expected || runs.back().results.stopped) {
    status.close();
    std::cerr << "corridor: interrupted; no results written\n";
    return kExitFailure;
  }

  status.set("writing the report");
  const std::string& format = args.report.format;
  std::map<std::string, std::string> files;
  if (format == "csv") {
    files = report::to_csv(sweep);
  } else if (format == "json") {
    files["sweep.json"] = report::to_json(sweep).dump(2) + "\n";
  } else if (format == "md") {
    files["sweep.md"] = report::to_markdown(sweep);
  } else if (format == "html") {
    files["sweep.html"] = report::to_html(sweep);
  } else {
    std::ostringstream os;
    report::write_table(sweep, os);
    files["sweep.txt"] = os.str();
  }
  status.close();
  deliver(args.report, files);
  return kExitSuccess;
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "Run a scenario over a grid of parameter values and report corridor throughput.\n\n"
      "Each --set PATH=v1,v2,... with several values is a parameter of the grid (every\n"
      "combination runs; the last parameter varies fastest); a --set with one value applies to\n"
      "every run. Values are split at commas outside brackets, so lists work:\n"
      "--set links.kti_tm.rail.loops=[10 km, 20 km],[5 km, 10 km, 20 km]. All runs share one\n"
      "seed; differences from the first grid point are paired by replication.\n\n"
      "Examples:\n"
      "  corridor sweep scenarios/caspian/base_2023.yaml --set fleets.kz_tm_ferry.count=1,2,4,8\n"
      "  corridor sweep base.yaml --set fleets.kti_train.count=10,20 --set run.horizon=\"180 d\" "
      "--format html --out sweep/");
  cmd->add_option("file", args->file, "Scenario file (YAML)")->required();
  add_report_options(cmd, args->report, "grid point");
  cmd->add_option("--set", args->report.sets,
                  "A parameter to sweep, PATH=v1,v2,... (repeatable), or PATH=VALUE to fix a value")
      ->required();
  cmd->callback([&action, args] { action = [args] { return sweep(*args); }; });
}

}  // namespace corridor::cli
