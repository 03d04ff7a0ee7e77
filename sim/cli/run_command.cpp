// The `corridor run` subcommand: simulate a scenario's replications and report the results.
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/distributed.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/report/geojson_report.hpp"
#include "corridor/report/html_report.hpp"
#include "corridor/report/run_report.hpp"
#include "corridor/scenario/loader.hpp"
#include "interrupt.hpp"
#include "report_options.hpp"
#include "status_line.hpp"

namespace corridor::cli {
namespace {

struct RunArgs {
  std::string file;
  ReportArgs report;
};

/// The run's warnings on standard error, above the status line while it shows.
void print_warnings(StatusLine& status, const results::RunResults& results) {
  const std::vector<std::string> warnings = pipeline::run_warnings(results);
  if (warnings.empty()) return;
  status.above([&warnings] {
    for (const auto& warning : warnings) std::cerr << "corridor: warning: " << warning << '\n';
    std::cerr.flush();
  });
}

int run(const RunArgs& args) {
  check_destination(args.report);
  StatusLine status;
  const model::Scenario sc = scenario::load_file(args.file, parse_overrides(args.report.sets),
                                                 show_loading(status, "loading", args.file));
  const auto& stop = install_interrupt_handler();

  pipeline::RunOptions options = run_options(args.report);
  options.stop = &stop;
  show_progress(status, options);

  const results::RunResults results = pipeline::run_scenario(sc, options);
  if (!pipeline::writes_output()) return kExitSuccess;  // an MPI rank other than 0
  if (results.stopped) {
    status.close();
    std::cerr << "corridor: interrupted; no results written\n";
    return kExitFailure;
  }
  status.set("writing the report");
  const std::string& format = args.report.format;
  // The JSON and GeoJSON of a run grow with the network: written straight to their file.
  if (format == "json" || format == "geojson") {
    StreamedFile file;
    if (format == "json") {
      file = {"results.json", [&results](std::ostream& out) { report::write_json(results, out); }};
    } else {
      file = {"results.geojson", [&sc, &results](std::ostream& out) {
                report::write_results_geojson(graph::Network(sc), results, out);
              }};
    }
    print_warnings(status, results);
    deliver(args.report, file, status);
    return kExitSuccess;
  }
  std::map<std::string, std::string> files;
  if (format == "csv") {
    files = report::to_csv(results);
  } else if (format == "md") {
    files["results.md"] = report::to_markdown(results);
  } else if (format == "html") {
    files["results.html"] = report::to_html(sc, results);
  } else {
    std::ostringstream os;
    report::write_table(results, os);
    files["results.txt"] = os.str();
  }
  print_warnings(status, results);
  status.close();
  deliver(args.report, files);
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
  add_report_options(cmd, args->report, "", true);
  cmd->add_option("--set", args->report.sets,
                  "Override a scenario value, PATH=VALUE (repeatable), e.g. "
                  "--set run.horizon=\"180 d\" --set fleets.kti_train.count=20");
  cmd->callback([&action, args] { action = [args] { return run(*args); }; });
}

}  // namespace corridor::cli
