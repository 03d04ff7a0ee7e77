// The `corridor graph` subcommand (not yet available).
#include "commands.hpp"
#include "corridor/exit_status.hpp"

namespace corridor::cli {

void add_graph_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("graph", "(not yet available)");
  cmd->callback([&action] { action = [] { return kExitFailure; }; });
}

}  // namespace corridor::cli
