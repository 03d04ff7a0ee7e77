// Options and output delivery shared by `corridor run`, `corridor compare` and `corridor sweep`.
#include "report_options.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "corridor/core/parallel.hpp"
#include "corridor/error.hpp"
#include "corridor/pipeline/distributed.hpp"
#include "corridor/report/atomic_file.hpp"

namespace corridor::cli {

void add_report_options(CLI::App* cmd, ReportArgs& args, const std::string& what, bool geojson) {
  args.replications_option = cmd->add_option("-r,--replications", args.replications,
                                             (what.empty() ? std::string("Number of replications")
                                                           : "Replications per " + what) +
                                                 " (default: the scenario's run.replications)")
                                 ->check(CLI::Range(1, 100000));
  args.seed_option = cmd->add_option(
      "-s,--seed", args.seed,
      what.empty()
          ? "Random seed (default: the scenario's run.seed); the same seed gives "
            "identical results"
          : "Random seed shared by every " + what + " (default: the first scenario's run.seed)");
  cmd->add_option("-t,--threads", args.threads,
                  "Threads for the replications, for reading a large scenario file and for "
                  "writing a long report (default: all cores)")
      ->check(CLI::Range(1, 1024))
      ->each(use_threads);
  std::vector<std::string> formats{"table", "json", "csv", "md", "html"};
  if (geojson) formats.emplace_back("geojson");
  cmd->add_option("-f,--format", args.format,
                  std::string("Output format: table, json, csv (one file per table), md "
                              "(Markdown)") +
                      (geojson ? ", html (a self-contained report with map and charts) or "
                                 "geojson (the network with results, for QGIS)"
                               : " or html (a self-contained report with map and charts)"))
      ->check(CLI::IsMember(formats));
  cmd->add_option("-o,--out", args.out,
                  "Directory to write the report into; without it, the report goes to standard "
                  "output (csv needs a directory)");
}

void use_threads(const std::string& value) {
  // Checked by the option's range before this runs.
  core::set_default_threads(static_cast<unsigned>(std::stoul(value)));
}

void check_destination(const ReportArgs& args) {
  if (args.format == "csv" && args.out.empty()) {
    throw UsageError("--format csv writes one file per table: give a directory with --out DIR");
  }
}

pipeline::RunOptions run_options(const ReportArgs& args) {
  pipeline::RunOptions options;
  if (args.replications_option != nullptr && args.replications_option->count() > 0) {
    options.replications = args.replications;
  }
  if (args.seed_option != nullptr && args.seed_option->count() > 0) options.seed = args.seed;
  options.threads = args.threads;
  return options;
}

std::vector<scenario::Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<scenario::Override> out;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError(
          fmt::format("--set '{}': expected PATH=VALUE, e.g. fleets.ferry.count=4", s));
    }
    out.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  return out;
}

void deliver(const ReportArgs& args, const std::map<std::string, std::string>& files) {
  if (!pipeline::writes_output()) return;  // an MPI rank other than 0
  if (args.out.empty()) {
    if (files.size() != 1) {
      throw UsageError(fmt::format(
          "--format {} writes several files: give a directory with --out DIR", args.format));
    }
    std::cout << files.begin()->second;
    return;
  }
  report::write_files_atomically(args.out, files);
  std::string names;
  for (const auto& [name, content] : files) names += (names.empty() ? "" : ", ") + name;
  std::cerr << fmt::format("corridor: wrote {} to {}\n", names, args.out);
}

void deliver(const ReportArgs& args, const StreamedFile& file, StatusLine& status) {
  if (!pipeline::writes_output()) return;  // an MPI rank other than 0
  if (args.out.empty()) {
    report::BlockBuffer buffer;
    std::ostream text(&buffer);
    file.write(text);
    if (!text) throw Error(fmt::format("could not format {} in memory", file.name));
    status.close();
    buffer.write_to(std::cout);
    return;
  }
  report::make_directory(args.out);
  report::write_atomically((std::filesystem::path(args.out) / file.name).string(), file.write);
  status.close();
  std::cerr << fmt::format("corridor: wrote {} to {}\n", file.name, args.out);
}

void show_progress(StatusLine& status, pipeline::RunOptions& options) {
  if (!status.active()) return;
  options.progress = [&status](const pipeline::RunProgress& p) {
    status.set(pipeline::describe(p));
  };
}

scenario::LoadStage show_loading(StatusLine& status, const std::string& verb,
                                 const std::string& file) {
  status.set(verb + " " + file);
  if (!status.active()) return {};
  return [&status, what = verb + " " + file](const std::string& stage) {
    status.set(what + ": " + stage);
  };
}

void show_progress(StatusLine& status, pipeline::CompareOptions& options) {
  if (!status.active()) return;
  show_progress(status, options.run);
  options.on_scenario = [&status](std::size_t index, std::size_t count, const std::string& label) {
    status.print(fmt::format("corridor: [{}/{}] {}", index + 1, count, label));
  };
}

}  // namespace corridor::cli
