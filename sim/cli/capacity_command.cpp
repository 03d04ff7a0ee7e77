// The `corridor capacity` subcommand: the analytic upper bound of corridors or of one origin–
// destination pair, with the binding elements (the minimum cut) and their derivations.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "corridor/capacity/analysis.hpp"
#include "corridor/core/parallel.hpp"
#include "corridor/error.hpp"
#include "corridor/exit_status.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/report/capacity_report.hpp"
#include "corridor/scenario/loader.hpp"
#include "report_options.hpp"
#include "status_line.hpp"

namespace corridor::cli {
namespace {

struct CapacityArgs {
  std::string file;
  std::string corridor;
  std::string from;
  std::string to;
  std::string commodity;
  std::string format = "table";
  int threads = 0;  ///< bound for CLI11; the number takes effect through use_threads()
};

int run(const CapacityArgs& args) {
  StatusLine status;
  const model::Scenario sc =
      scenario::load_file(args.file, {}, show_loading(status, "loading", args.file));
  status.set("analysing capacity");
  const graph::Network network(sc);
  std::vector<capacity::Bound> bounds;
  if (!args.corridor.empty()) {
    const model::Corridor* found = nullptr;
    for (const auto& c : sc.corridors) {
      if (c.id == args.corridor) found = &c;
    }
    if (found == nullptr) {
      throw UsageError(fmt::format("--corridor: no corridor '{}' in {}", args.corridor, args.file));
    }
    bounds.push_back(capacity::analyse_corridor(network, *found));
  } else if (!args.from.empty() || !args.to.empty()) {
    if (args.from.empty() || args.to.empty()) throw UsageError("--from and --to go together");
    for (const auto* id : {&args.from, &args.to}) {
      if (!network.node_index(*id)) {
        throw UsageError(fmt::format("unknown node '{}' in {}", *id, args.file));
      }
    }
    // A flow of the scenario between the two nodes (of the commodity) lends its modes and
    // fleets; otherwise every mode and the default fleets.
    model::Flow flow;
    flow.id = fmt::format("{}->{}", args.from, args.to);
    flow.origin = args.from;
    flow.destination = args.to;
    flow.commodity = args.commodity;
    for (const auto& f : sc.flows) {
      if (f.origin == args.from && f.destination == args.to &&
          (args.commodity.empty() || f.commodity == args.commodity)) {
        flow = f;
        break;
      }
    }
    bounds.push_back(capacity::analyse_flow(network, flow));
  } else {
    // --threads, when given, has set the default (use_threads).
    const int threads = static_cast<int>(core::default_threads());
    bounds = capacity::analyse(
        network,
        [&status](std::size_t done, std::size_t total) {
          if (total > 1 && done < total) {
            status.set(fmt::format("analysing capacity: {} of {} bounds done", done, total));
          }
        },
        threads);
  }
  status.close();
  if (args.format == "json") {
    report::write_capacity_json(bounds, std::cout);
  } else {
    report::write_capacity_table(bounds, std::cout);
  }
  return kExitSuccess;
}

}  // namespace

void add_capacity_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CapacityArgs>();
  auto* cmd = app.add_subcommand(
      "capacity",
      "The analytic upper bound of a corridor in tonnes per year.\n\n"
      "Computes a maximum flow over a capacity graph derived from the same physical parameters\n"
      "the simulation uses (single-track sections and loops, headways, trainsets, border\n"
      "channels, berths, ferries, transfer rates) and lists the minimum cut: the elements that\n"
      "bind, each with its capacity and how it was derived. See docs/capacity.md.\n\n"
      "Examples:\n"
      "  corridor capacity scenarios/caspian/base_2023.yaml\n"
      "  corridor capacity scenarios/caspian/base_2023.yaml --corridor kti\n"
      "  corridor capacity scenarios/caspian/base_2023.yaml --from uzen --to gorgan\n\n"
      "Without --corridor or --from/--to, every corridor is bounded (every flow when the\n"
      "scenario has no corridors), on all cores unless --threads says otherwise; the result\n"
      "is the same whatever the number of threads.");
  cmd->add_option("file", args->file, "Scenario file (YAML)")->required();
  auto* corridor = cmd->add_option("--corridor", args->corridor, "Only this corridor (its id)");
  cmd->add_option("--from", args->from, "Origin node id (with --to)")->excludes(corridor);
  cmd->add_option("--to", args->to, "Destination node id (with --from)")->excludes(corridor);
  cmd->add_option("--commodity", args->commodity,
                  "With --from/--to: use the modes and fleets of the scenario's flow of this "
                  "commodity between the two nodes");
  cmd->add_option("-f,--format", args->format, "Output format: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-t,--threads", args->threads,
                  "Bounds worked out at a time, and threads for reading a large scenario file "
                  "(default: all cores)")
      ->check(CLI::Range(1, 1024))
      ->each(use_threads);
  cmd->callback([&action, args] { action = [args] { return run(*args); }; });
}

}  // namespace corridor::cli
