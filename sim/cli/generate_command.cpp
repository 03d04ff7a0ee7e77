// The `corridor generate` subcommand: write a synthetic scenario of a chosen size (for scale
// tests and benchmarks) to standard output or a file.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/pipeline/generate.hpp"
#include "corridor/report/atomic_file.hpp"
#include "corridor/scenario/validator.hpp"

namespace corridor::cli {
namespace {

struct GenerateArgs {
  pipeline::GenerateOptions options;
  std::string out;
};

int generate(const GenerateArgs& args) {
  const std::string text = pipeline::generate_scenario(args.options);
  if (args.out.empty()) {
    std::cout << text;
  } else {
    report::write_atomically(args.out, text);
    std::cerr << fmt::format("corridor: wrote {} ({} nodes, {} flows)\n", args.out,
                             args.options.nodes, args.options.flows);
  }
  return kExitSuccess;
}

}  // namespace

void add_generate_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic scenario of a chosen size, for scale tests.\n\n"
      "Nodes are scattered about 20 km apart over a region that grows with their number.\n"
      "The network is connected: a random spanning tree of rail links between near neighbours\n"
      "plus extra links (mostly single track), borders where links cross countries, two ports\n"
      "joined by a ferry line, a train fleet, flows from random nodes to nodes 1 to 24 links\n"
      "away (so routes are as long at any size) and two corridors. The same options and seed\n"
      "give the same file.\n\n"
      "Examples:\n"
      "  corridor generate --nodes 1000 --flows 100 --out big.yaml\n"
      "  corridor generate --nodes 100 --flows 20 --seed 7 > net.yaml && corridor validate "
      "net.yaml");
  // The ranges are the scenario limits, so that every file written here loads.
  cmd->add_option("-n,--nodes", args->options.nodes,
                  fmt::format("Number of nodes (4 to {})", scenario::kMaxNodes))
      ->required()
      ->check(CLI::Range(std::size_t{4}, scenario::kMaxNodes));
  cmd->add_option("-F,--flows", args->options.flows,
                  fmt::format("Number of flows (1 to {})", scenario::kMaxFlows))
      ->required()
      ->check(CLI::Range(std::size_t{1}, scenario::kMaxFlows));
  cmd->add_option("-s,--seed", args->options.seed, "Random seed (default 1)");
  cmd->add_option("-o,--out", args->out, "File to write (default: standard output)");
  cmd->callback([&action, args] { action = [args] { return generate(*args); }; });
}

}  // namespace corridor::cli
