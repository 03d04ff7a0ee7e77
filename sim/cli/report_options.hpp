// Options shared by the commands that simulate and report (`run`, `compare`, `sweep`):
// replications, seed, threads, output format and destination, and scenario overrides; and
// delivering the formatted report to standard output or a directory.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "corridor/pipeline/compare.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/scenario/loader.hpp"
#include "status_line.hpp"

namespace corridor::cli {

struct ReportArgs {
  int replications = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  std::string format = "table";
  std::string out;
  std::vector<std::string> sets;
  CLI::Option* replications_option = nullptr;
  CLI::Option* seed_option = nullptr;
};

/// Adds -r, -s, -t, -f (table, json, csv, md, html, and geojson when `geojson`) and -o to `cmd`.
/// `what` names what the replications are per and the seed is shared by ("scenario", "grid
/// point"); empty for a command that runs one scenario.
void add_report_options(CLI::App* cmd, ReportArgs& args, const std::string& what,
                        bool geojson = false);

/// For a --threads option's `each`: makes VALUE (checked to be 1 to 1024) the number of threads
/// every parallel step of the library takes (core::set_default_threads).
void use_threads(const std::string& value);

/// Refuses, before anything is simulated, a format that writes several files without --out.
void check_destination(const ReportArgs& args);

/// RunOptions from the arguments given (replications and seed only when given).
pipeline::RunOptions run_options(const ReportArgs& args);

/// `PATH=VALUE` strings as overrides; throws UsageError naming a malformed one.
std::vector<scenario::Override> parse_overrides(const std::vector<std::string>& sets);

/// Writes `files` into `args.out` (required for several files), or the single file's content to
/// standard output when no --out was given. Notes what was written on stderr.
void deliver(const ReportArgs& args, const std::map<std::string, std::string>& files);

/// A report file written straight to its destination rather than formatted whole in memory
/// first: the JSON and GeoJSON of a run, which grow with the network.
struct StreamedFile {
  std::string name;
  std::function<void(std::ostream&)> write;
};

/// As deliver() for one streamed file: written into `args.out` atomically while `status` still
/// shows, or, without --out, formatted whole in memory (a report::BlockBuffer) and then written
/// to standard output (so that a failure while formatting prints nothing). Closes `status` before
/// writing to standard output or noting what was written.
void deliver(const ReportArgs& args, const StreamedFile& file, StatusLine& status);

/// Shows on `status` (when it is active) what the runs of `options` are doing: the stage and,
/// while simulating, the share done and the time left.
void show_progress(StatusLine& status, pipeline::RunOptions& options);

/// Shows "`verb` FILE", then each stage of loading it ("loading big.yaml: parsing 27.9 MB of
/// YAML"); pass the result to scenario::load_file.
scenario::LoadStage show_loading(StatusLine& status, const std::string& verb,
                                 const std::string& file);

/// The same for the runs of a comparison or sweep, with a line per scenario above the status
/// line: "corridor: [2/5] label".
void show_progress(StatusLine& status, pipeline::CompareOptions& options);

}  // namespace corridor::cli
