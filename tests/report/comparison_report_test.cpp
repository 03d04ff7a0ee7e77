// Tests of the comparison and sweep writers (table, JSON, CSV, Markdown) and of the run
// Markdown writer on constructed results.
#include "corridor/report/comparison_report.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "corridor/report/run_report.hpp"
#include "report_fixtures.hpp"

namespace corridor {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Number of CSV fields in a line (quoted fields may hold commas).
std::size_t csv_fields(const std::string& line) {
  std::size_t n = 1;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++n;
  }
  return n;
}

// Markdown table rows (lines starting with '|') have as many unescaped pipes as the header.
void check_markdown_tables(const std::string& md) {
  std::size_t expected = 0;
  for (const auto& line : lines_of(md)) {
    if (line.empty() || line[0] != '|') {
      expected = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    }
    if (expected == 0) expected = pipes;
    INFO(line);
    CHECK(pipes == expected);
  }
}

TEST_CASE("the comparison table shows the paired difference and the binding element", "[report]") {
  std::ostringstream out;
  report::write_table(testing::report_comparison(), out);
  const std::string text = out.str();
  CHECK(text.find("common seed 7") != std::string::npos);
  CHECK(text.find("+120,000 ± 10,000") != std::string::npos);
  CHECK(text.find("1,600,000") != std::string::npos);
  CHECK(text.find("sea_aktau_baku (vessels)") != std::string::npos);
  CHECK(text.find("86% (sea_aktau_baku)") != std::string::npos);
}

TEST_CASE("the comparison CSV has one row per corridor and run, all of the header's width",
          "[report]") {
  const auto files = report::to_csv(testing::report_comparison());
  REQUIRE(files.count("compare.csv") == 1);
  const auto lines = lines_of(files.at("compare.csv"));
  REQUIRE(lines.size() == 3);
  for (const auto& l : lines) CHECK(csv_fields(l) == csv_fields(lines[0]));
  CHECK(lines[1].rfind("tc,Trans-Caspian | ferry,base,1.2e+06,", 0) == 0);
  // First run: no difference; second: the paired difference.
  CHECK(lines[1].find(",,,1.6e+06,") != std::string::npos);
  CHECK(lines[2].find(",120000,110000,130000,1.6e+06,sea_aktau_baku,0.86,71.5,") !=
        std::string::npos);
}

TEST_CASE("the comparison JSON has runs and per corridor figures per run", "[report]") {
  const auto j = report::to_json(testing::report_comparison());
  REQUIRE(j["runs"].size() == 2);
  CHECK(j["runs"][1]["label"] == "more ferries");
  const auto& runs = j["corridors"][0]["runs"];
  CHECK(runs[0]["difference_t_per_year"].is_null());
  CHECK(runs[1]["difference_t_per_year"]["mean"] == 1.2e5);
  CHECK(runs[1]["capacity"]["binding"][0]["id"] == "sea_aktau_baku");
  CHECK(runs[1]["throughput_t_per_year"]["ci95_high"] == Approx(1.32e6 + 5e4));
}

TEST_CASE("a sweep's CSV and JSON carry one column and value per parameter", "[report]") {
  results::SweepResults sweep;
  sweep.parameters = {{"fleets.ferry.count", {"1", "2"}}};
  sweep.points = {{"1"}, {"2"}};
  sweep.comparison = testing::report_comparison();
  const auto csv = lines_of(report::to_csv(sweep).at("sweep.csv"));
  REQUIRE(csv.size() == 3);
  CHECK(csv[0].rfind("corridor_id,corridor_name,run,fleets.ferry.count,", 0) == 0);
  CHECK(csv[2].find(",more ferries,2,") != std::string::npos);
  const auto j = report::to_json(sweep);
  CHECK(j["parameters"][0]["path"] == "fleets.ferry.count");
  CHECK(j["runs"][1]["values"]["fleets.ferry.count"] == "2");
  check_markdown_tables(report::to_markdown(sweep));
}

TEST_CASE("Markdown tables are well formed even when names hold pipes", "[report]") {
  const std::string md = report::to_markdown(testing::report_comparison());
  CHECK(md.find("Trans-Caspian \\| ferry") != std::string::npos);
  CHECK(md.find("|---|---:|") != std::string::npos);
  check_markdown_tables(md);

  const std::string run_md = report::to_markdown(testing::report_results());
  CHECK(run_md.find("| Corridor | Tonnes/year |") != std::string::npos);
  CHECK(run_md.find("| sea_aktau_baku | sea | 1,200,000 |") != std::string::npos);
  check_markdown_tables(run_md);
}

}  // namespace
}  // namespace corridor
