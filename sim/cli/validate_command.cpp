// The `corridor validate` subcommand: loads each scenario file with the full validation of the
// scenario stage and reports, per file, either a one-line summary or the problems found.
#include <algorithm>
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
  std::size_t max_problems = kShownProblems;  ///< 0: all
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
        print_problems(e.diagnostics(), std::cerr, options.max_problems);
        std::cerr.flush();
      });
    }
  }
  status.close();
  std::cout.flush();
  return all_valid ? kExitSuccess : kExitInvalid;
}

}  // namespace

void print_problems(const std::vector<Diagnostic>& problems, std::ostream& out, std::size_t limit) {
  const std::size_t shown = limit == 0 ? problems.size() : std::min(limit, problems.size());
  for (std::size_t i = 0; i < shown; ++i) out << problems[i].format() << '\n';
  if (shown < problems.size()) {
    const std::size_t hidden = problems.size() - shown;
    out << "corridor: note: " << hidden << (hidden == 1 ? " more problem" : " more problems")
        << " not shown ("
        << (shown == 1 ? std::string("the first is")
                       : "the first " + std::to_string(shown) + " are")
        << " above); `corridor validate --max-problems 0 FILE` prints them all\n";
  }
}

void add_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand(
      "validate",
      "Check scenario files without simulating: syntax, keys, units, ranges and references");
  cmd->footer(
      "For each valid file prints one line:\n"
      "  FILE: ok: N nodes, N links, N fleets, N flows, N corridors\n"
      "For each invalid file prints the problems found to stderr, one per line:\n"
      "  FILE:LINE:COL: error: PATH: message\n"
      "(the first 100, then how many more; --max-problems 0 prints them all)\n"
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
  cmd->add_option("--max-problems", options->max_problems,
                  "Problems to print per file, then only how many more there are (0: all)")
      ->check(CLI::Validator(
          [](std::string& text) {
            const bool whole =
                !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            return whole
                       ? std::string()
                       : "must be a whole number, 0 or more (0: every problem), got '" + text + "'";
          },
          ""))
      ->type_name("N")
      ->capture_default_str();
  cmd->add_option("-t,--threads", options->threads,
                  "Threads for reading a large file (default: all cores)")
      ->check(CLI::Range(1, 1024))
      ->each(use_threads);
  cmd->callback([&action, options] { action = [options] { return validate_files(*options); }; });
}

}  // namespace corridor::cli
