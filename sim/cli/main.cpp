// Entry point of the `corridor` program: parses the command line with CLI11, runs the chosen
// subcommand's library call, and maps errors to exit codes (0 ok, 1 runtime failure, 2 invalid
// input or usage). Diagnostics go to stderr; results to stdout or files.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "corridor/core/process_memory.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/pipeline/distributed.hpp"

namespace {

int run_program(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
  // Replications allocate and free the same buffers over and over.
  corridor::core::keep_freed_memory();
  // Under mpirun/srun every rank runs the same command; ranks other than 0 compute their share
  // and write nothing (their standard output goes to /dev/null as a safeguard).
  corridor::pipeline::MpiSession mpi(argc, argv);
  if (!corridor::pipeline::writes_output()) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) return corridor::kExitFailure;
  }
  const int status = run_program(argc, argv);
  mpi.finish(status);
  return status;
}

namespace {

int run_program(int argc, char** argv) {
  CLI::App app{
      "corridor: simulate freight transport corridors (rail, road, sea, pipeline) and compare\n"
      "their capacity under scenarios written in YAML.\n\n"
      "Typical use:\n"
      "  corridor validate scenarios/caspian/base_2023.yaml\n"
      "  corridor run scenarios/caspian/base_2023.yaml --replications 20\n"
      "  corridor graph scenarios/caspian/base_2023.yaml --format geojson > network.geojson\n\n"
      "Run `corridor COMMAND --help` for the options of each command; the scenario format is\n"
      "described in docs/scenario-format.md.",
      "corridor"};
  app.set_version_flag("--version", std::string("corridor ") + CORRIDOR_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  corridor::cli::Action action;
  corridor::cli::add_validate_command(app, action);
  corridor::cli::add_graph_command(app, action);
  corridor::cli::add_run_command(app, action);
  corridor::cli::add_bench_command(app, action);
  corridor::cli::add_compare_command(app, action);
  corridor::cli::add_sweep_command(app, action);
  corridor::cli::add_capacity_command(app, action);
  corridor::cli::add_generate_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return corridor::kExitInvalid;
  }

  try {
    return action ? action() : corridor::kExitInvalid;
  } catch (const corridor::ScenarioError& e) {
    corridor::cli::print_problems(e.diagnostics(), std::cerr);
    return corridor::kExitInvalid;
  } catch (const corridor::UsageError& e) {
    std::cerr << "corridor: error: " << e.what() << '\n';
    return corridor::kExitInvalid;
  } catch (const corridor::Error& e) {
    std::cerr << "corridor: error: " << e.what() << '\n';
    return corridor::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "corridor: internal error: " << e.what() << '\n';
    return corridor::kExitFailure;
  }
}

}  // namespace
