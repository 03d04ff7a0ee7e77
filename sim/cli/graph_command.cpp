// The `corridor graph` subcommand: loads and validates a scenario, builds its
// network and prints it as Graphviz DOT or GeoJSON, to stdout or atomically to
// a file (streamed into it, so that a large network is never held whole as text).
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/graph/export.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/report/atomic_file.hpp"
#include "corridor/report/geojson_report.hpp"
#include "corridor/scenario/loader.hpp"
#include "report_options.hpp"
#include "status_line.hpp"

namespace corridor::cli {

namespace {

struct GraphOptions {
  std::string file;
  std::string format = "dot";
  std::string out;
  std::vector<std::string> set;
};

int run_graph(const GraphOptions& options) {
  StatusLine status;
  const model::Scenario scenario = scenario::load_file(
      options.file, parse_overrides(options.set), show_loading(status, "loading", options.file));
  status.set("writing the network");
  const graph::Network network(scenario);
  // A network of 10^5 nodes is some 100 MB of GeoJSON: written a feature at a time.
  const auto write = [&](std::ostream& out) {
    if (options.format == "geojson") {
      report::write_network_geojson(network, out);
    } else {
      out << graph::to_dot(network);
    }
  };
  if (options.out.empty()) {
    // Formatted whole first, so that a failure while formatting prints nothing.
    std::ostringstream text;
    write(text);
    status.close();
    std::cout << std::move(text).str() << std::flush;
    if (!std::cout) throw Error("cannot write to standard output");
  } else {
    report::write_atomically(options.out, write);
  }
  return kExitSuccess;
}

}  // namespace

void add_graph_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GraphOptions>();
  auto* cmd = app.add_subcommand("graph",
                                 "Export a scenario's network as Graphviz DOT or GeoJSON.\n"
                                 "The scenario is validated first; on invalid input nothing is "
                                 "written (exit code 2).\n"
                                 "Examples:\n"
                                 "  corridor graph scenarios/caspian/base_2023.yaml | dot -Tsvg "
                                 "> network.svg\n"
                                 "  corridor graph scenarios/caspian/base_2023.yaml --format "
                                 "geojson --out network.geojson");
  cmd->add_option("FILE", options->file, "Scenario YAML file")->required();
  cmd->add_option("-f,--format", options->format,
                  "Output format: dot (Graphviz, nodes shaped by kind, links "
                  "styled by mode) or "
                  "geojson (FeatureCollection of node Points and link "
                  "LineStrings, [lon, lat])")
      ->check(CLI::IsMember({"dot", "geojson"}))
      ->capture_default_str();
  cmd->add_option(
      "-o,--out", options->out,
      "Write to this file (atomically: a temporary file beside it, then renamed) instead of "
      "standard output");
  cmd->add_option("--set", options->set,
                  "Override a scenario value before validation, PATH=VALUE "
                  "(e.g. --set fleets.ferry.count=6); may be repeated")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  cmd->callback([&action, options] { action = [options] { return run_graph(*options); }; });
}

}  // namespace corridor::cli
