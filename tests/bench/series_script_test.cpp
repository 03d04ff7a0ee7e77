// tests/bench/series.py, the runner of the synthetic series (docs/performance.md), run on the
// smallest network: its table must hold one row per run, with the numbers the runs gave.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "../cli/cli_process.hpp"

using corridor::testing::finish;
using corridor::testing::read_file;
using corridor::testing::start_program;
using corridor::testing::TempDir;

namespace {

const std::string kScript = std::string(CORRIDOR_SOURCE_DIR) + "/tests/bench/series.py";

corridor::testing::Outcome run_series(const std::vector<std::string>& args) {
  const TempDir io;
  std::vector<std::string> argv{"/usr/bin/env", "python3", kScript};
  argv.insert(argv.end(), args.begin(), args.end());
  return finish(start_program(argv, io.path()));
}

// The cells of the table's data rows (lines that start with "| " and a digit).
std::vector<std::vector<std::string>> rows_of(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() < 3 || line.compare(0, 2, "| ") != 0 ||
        !std::isdigit(static_cast<unsigned char>(line[2])))
      continue;
    std::vector<std::string> cells;
    std::istringstream parts(line.substr(1));
    std::string cell;
    while (std::getline(parts, cell, '|')) {
      const auto begin = cell.find_first_not_of(' ');
      const auto end = cell.find_last_not_of(' ');
      cells.push_back(begin == std::string::npos ? "" : cell.substr(begin, end - begin + 1));
    }
    rows.push_back(cells);
  }
  return rows;
}

long number(std::string cell) {
  std::erase(cell, ',');
  return std::stol(cell);
}

}  // namespace

TEST_CASE("the series runner measures each run and reports the events of its JSON report") {
  const TempDir work;
  const auto outcome = run_series({"--corridor", CORRIDOR_BINARY, "--sizes", "100", "--runs",
                                   "setup", "30d", "--dir", work.path().string()});
  INFO(outcome.out << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto rows = rows_of(outcome.out);
  REQUIRE(rows.size() == 2);
  // round, nodes, flows, file MB, run, replications, events, wall s, user s, max RSS MiB, ns
  for (const auto& row : rows) REQUIRE(row.size() == 11);
  CHECK(rows[0][1] == "100");
  CHECK(rows[0][2] == "10");
  CHECK(rows[0][4] == "set-up only");
  CHECK(rows[1][4] == "30 d");
  CHECK(rows[0][5] == "2");  // two replications but for a year up to 10^3 nodes
  const long setup_events = number(rows[0][6]);
  const long month_events = number(rows[1][6]);
  CHECK(setup_events > 0);
  CHECK(month_events > 10 * setup_events);  // 2 days against 30
  CHECK(std::stod(rows[0][9]) > 1.0);       // some MiB of memory were measured
  CHECK(rows[1][10].empty());  // far under half a second beyond set-up: no time per event

  // The events are those of the same run made directly.
  const auto file = work.path() / "g100.yaml";
  REQUIRE(std::filesystem::is_regular_file(file));
  const auto direct = corridor::testing::run_corridor(
      {"run", file.string(), "--format", "json", "--threads", "2", "--replications", "2", "--set",
       "run.horizon=30 d", "--set", "run.warmup=10 d"});
  REQUIRE(direct.exit_code == 0);
  CHECK(direct.out.find("\"events\": " + std::to_string(month_events)) != std::string::npos);

  // Nothing but the generated file is left behind.
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(work.path())) {
    left.push_back(entry.path().filename().string());
  }
  CHECK(left == std::vector<std::string>{"g100.yaml"});
}

TEST_CASE("the series runner refuses sizes the generator cannot make, with exit status 2") {
  const auto outcome = run_series({"--corridor", CORRIDOR_BINARY, "--sizes", "3"});
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("--sizes: each size must be 4 to 100000 nodes") != std::string::npos);
  CHECK(outcome.out.empty());
}
