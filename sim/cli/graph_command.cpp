// The `corridor graph` subcommand: loads and validates a scenario, builds its
// network and prints it as Graphviz DOT or GeoJSON, to stdout or atomically to
// a file.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/graph/export.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/scenario/loader.hpp"
#include "report_options.hpp"

namespace corridor::cli {

namespace {

struct GraphOptions {
  std::string file;
  std::string format = "dot";
  std::string out;
  std::vector<std::string> set;
};

/// Writes `text` to `path` through `path.tmp` and a rename, so readers never
/// see half a file.
void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write '" + tmp + "'");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      throw Error("cannot write '" + tmp + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw Error("cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
  }
}

int run_graph(const GraphOptions& options) {
  const model::Scenario scenario = scenario::load_file(options.file, parse_overrides(options.set));
  const graph::Network network(scenario);
  const std::string text = options.format == "geojson" ? graph::to_geojson(network).dump(2) + "\n"
                                                       : graph::to_dot(network);
  if (options.out.empty()) {
    std::cout << text << std::flush;
    if (!std::cout) throw Error("cannot write to standard output");
  } else {
    write_atomically(options.out, text);
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
  cmd->add_option("-o,--out", options->out,
                  "Write to this file (atomically, via FILE.tmp) instead of "
                  "standard output");
  cmd->add_option("--set", options->set,
                  "Override a scenario value before validation, PATH=VALUE "
                  "(e.g. --set fleets.ferry.count=6); may be repeated")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
  cmd->callback([&action, options] { action = [options] { return run_graph(*options); }; });
}

}  // namespace corridor::cli
