// The `corridor compare` subcommand: run several scenarios with common random numbers and report
// their corridors side by side, with paired differences from the first scenario.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "corridor/capacity/analysis.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/pipeline/compare.hpp"
#include "corridor/report/comparison_report.hpp"
#include "corridor/report/html_report.hpp"
#include "corridor/scenario/loader.hpp"
#include "interrupt.hpp"
#include "report_options.hpp"

namespace corridor::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> files;
  ReportArgs report;
};

int compare(const CompareArgs& args) {
  check_destination(args.report);
  const auto overrides = parse_overrides(args.report.sets);
  StatusLine status;
  // Load everything first: a typo in the last file is reported before any simulation. Files
  // that extend the same base read it once; the bases are freed before the simulations.
  std::vector<model::Scenario> scenarios;
  {
    scenario::BaseCache bases;
    for (const auto& f : args.files) {
      scenarios.push_back(
          scenario::load_file(f, overrides, show_loading(status, "loading", f), &bases));
    }
  }

  pipeline::CompareOptions options;
  options.run = run_options(args.report);
  options.run.stop = &install_interrupt_handler();
  show_progress(status, options);
  options.capacity = capacity::analyse_corridor;
  const results::Comparison comparison = pipeline::compare_scenarios(scenarios, options);
  if (comparison.runs.size() < scenarios.size() || comparison.runs.back().results.stopped) {
    status.close();
    std::cerr << "corridor: interrupted; no results written\n";
    return kExitFailure;
  }

  status.set("writing the report");
  const std::string& format = args.report.format;
  std::map<std::string, std::string> files;
  if (format == "csv") {
    files = report::to_csv(comparison);
  } else if (format == "json") {
    files["compare.json"] = report::to_json(comparison).dump(2) + "\n";
  } else if (format == "md") {
    files["compare.md"] = report::to_markdown(comparison);
  } else if (format == "html") {
    files["compare.html"] = report::to_html(comparison);
  } else {
    std::ostringstream os;
    report::write_table(comparison, os);
    files["compare.txt"] = os.str();
  }
  status.close();
  deliver(args.report, files);
  return kExitSuccess;
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Run scenarios with the same seed and compare their corridors.\n\n"
      "Every scenario runs with the same seed, so elements the scenarios share draw the same\n"
      "random numbers (common random numbers). Per corridor, each scenario's throughput, trade\n"
      "value and transit time are shown next to the first scenario's, with the difference and\n"
      "its 95% confidence interval computed replication by replication.\n\n"
      "Examples:\n"
      "  corridor compare scenarios/caspian/base_2023.yaml "
      "scenarios/caspian/kti_full_capacity.yaml\n"
      "  corridor compare base.yaml variant.yaml --replications 20 --format html --out report/\n"
      "  corridor compare base.yaml variant.yaml --format csv --out results/");
  cmd->add_option("files", args->files, "Scenario files (YAML); the first is the reference")
      ->required()
      ->expected(2, 1000);
  add_report_options(cmd, args->report, "scenario");
  cmd->add_option("--set", args->report.sets,
                  "Override a value in every scenario, PATH=VALUE (repeatable)");
  cmd->callback([&action, args] { action = [args] { return compare(*args); }; });
}

}  // namespace corridor::cli
