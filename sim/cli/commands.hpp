// The subcommands of the `corridor` program. Each file adds one subcommand to the CLI11 app and
// sets `action` to the library call it makes; main() runs the action and maps errors to exit
// codes. Nothing here simulates or formats results: that is the library's work.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace corridor::cli {

/// What the chosen subcommand does once arguments are parsed; returns the exit status.
using Action = std::function<int()>;

void add_validate_command(CLI::App& app, Action& action);
void add_graph_command(CLI::App& app, Action& action);
void add_run_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_sweep_command(CLI::App& app, Action& action);
void add_capacity_command(CLI::App& app, Action& action);
void add_generate_command(CLI::App& app, Action& action);

}  // namespace corridor::cli
