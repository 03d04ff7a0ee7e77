// The subcommands of the `corridor` program. Each file adds one subcommand to the CLI11 app and
// sets `action` to the library call it makes; main() runs the action and maps errors to exit
// codes. Nothing here simulates or formats results: that is the library's work.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <ostream>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::cli {

/// What the chosen subcommand does once arguments are parsed; returns the exit status.
using Action = std::function<int()>;

/// Problems printed for one file unless asked for more: a file generated wrongly can have
/// hundreds of thousands, and the first ones are the ones to fix.
inline constexpr std::size_t kShownProblems = 100;

/// Prints `problems` to `out`, one per line: the first `limit` of them (all of them if `limit`
/// is 0), then, if some were left out, a note of how many and how to see them.
void print_problems(const std::vector<Diagnostic>& problems, std::ostream& out,
                    std::size_t limit = kShownProblems);

void add_validate_command(CLI::App& app, Action& action);
void add_graph_command(CLI::App& app, Action& action);
void add_run_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_sweep_command(CLI::App& app, Action& action);
void add_capacity_command(CLI::App& app, Action& action);
void add_generate_command(CLI::App& app, Action& action);

}  // namespace corridor::cli
