// The `corridor validate` subcommand: loads each scenario file with the full validation of the
// scenario stage and reports, per file, either a one-line summary or every problem found.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/scenario/loader.hpp"
#include "report_options.hpp"
#include "status_line.hpp"

namespace corridor::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  int threads = 0;  ///< bound for CLI11; the number takes effect through use_threads()
};

int validate_files(const ValidateOptions& options) {
  const auto overrides = parse_overrides(options.sets);
  bool all_valid = true;
  StatusLine status;
  // Files that extend the same base read it once; one file alone need not keep a copy of it.
  scenario::BaseCache bases;
  scenario::BaseCache* shared = options.files.size() > 1 ? &bases : nullptr;
  for (const auto& file : options.files) {
    try {
      const model::Scenario s =
          scenario::load_file(file, overrides, show_loading(status, "checking", file), shared);
      pipeline::check(s);  // every flow has a route and vehicles for each leg
      status.above([&] {
        std::cout << file << ": ok: " << s.nodes.size() << " nodes, " << s.links.size()
                  << " links, " << s.fleets.size() << " fleets, " << s.flows.size() << " flows, "
                  << s.corridors.size() << " corridors" << std::endl;
      });
    } catch (const ScenarioError& e) {
      all_valid = false;
      status.above([&] {
        for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
        std::cerr.flush();
      });
    }
  }
  status.close();
  std::cout.flush();
  return all_valid ? kExitSuccess : kExitInvalid;
}

}  // namespace

void add_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand(
      "validate",
      "Check scenario files without simulating: syntax, keys, units, ranges and references");
  cmd->footer(
      "For each valid file prints one line:\n"
      "  FILE: ok: N nodes, N links, N fleets, N flows, N corridors\n"
      "For each invalid file prints every problem found to stderr, one per line:\n"
      "  FILE:LINE:COL: error: PATH: message\n"
      "and goes on with the next file.\n\n"
      "Exit status: 0 if every file is valid, 2 if any file is invalid.\n"
      "The scenario format is described in docs/scenario-format.md.\n");
  cmd->add_option("files", options->files, "Scenario YAML files to check")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--set", options->sets,
                  "Override a value before validating, as PATH=VALUE (repeatable), e.g.\n"
                  "--set fleets.ferry_az.count=6 --set run.horizon='180 d'")
      ->type_name("PATH=VALUE");
  cmd->add_option("-t,--threads", options->threads,
                  "Threads for reading a large file (default: all cores)")
      ->check(CLI::Range(1, 1024))
      ->each(use_threads);
  cmd->callback([&action, options] { action = [options] { return validate_files(*options); }; });
}

}  // namespace corridor::cli
