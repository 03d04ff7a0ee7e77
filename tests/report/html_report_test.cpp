// Tests of the HTML report on constructed results: one self-contained, well-formed page with the
// map, charts and tables, names escaped, and nothing fetched from the network.
#include "corridor/report/html_report.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "report_fixtures.hpp"

namespace corridor {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// Balanced elements and no external resources.
void check_well_formed(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<html") == 1);
  CHECK(count(html, "</html>") == 1);
  for (const char* tag : {"svg", "table", "tr", "td", "th", "g", "script", "style", "details"}) {
    INFO(tag);
    CHECK(count(html, std::string("<") + tag + ">") + count(html, std::string("<") + tag + " ") ==
          count(html, std::string("</") + tag + ">"));
  }
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("the run report is one page with the map, chart and tables", "[report]") {
  const std::string html = report::to_html(testing::report_scenario(), testing::report_results());
  check_well_formed(html);
  CHECK(html.find("<svg id=\"network-map\"") != std::string::npos);
  CHECK(html.find("id=\"map-legend\"") != std::string::npos);
  CHECK(html.find("id=\"throughput-chart\"") != std::string::npos);
  CHECK(html.find("Top bottlenecks") != std::string::npos);
  CHECK(html.find("How to read this report") != std::string::npos);
  // One line per link, one marker per node, one label per node.
  CHECK(count(html, "class=\"link\"") == 2);
  CHECK(count(html, "class=\"node\"") == 3);
  // The busiest link is drawn in the top utilisation class.
  CHECK(html.find("data-id=\"sea_aktau_baku\" x1=") != std::string::npos);
  CHECK(html.find("stroke=\"#d7301f\" stroke-width=\"10.6\"") != std::string::npos);
}

TEST_CASE("a large network's map names only its busiest nodes, with every marker kept",
          "[report]") {
  // 1,000 stations on a 40 × 25 grid, one link between neighbours in a row; the node with
  // index i carries i tonnes, so the 300 busiest are the last 300.
  model::Scenario sc = testing::report_scenario();
  results::RunResults r = testing::report_results();
  sc.nodes.clear();
  sc.links.clear();
  sc.corridors.clear();
  r.nodes.clear();
  r.links.clear();
  r.corridors.clear();
  r.corridor_samples.clear();
  r.flows.clear();
  for (int i = 0; i < 1000; ++i) {
    model::Node n;
    n.id = "n" + std::to_string(i);
    n.name = "Station " + std::to_string(i);
    n.country = "KZ";
    n.kind = model::NodeKind::kStation;
    n.lat = 40 + 0.2 * (i / 40);
    n.lon = 50 + 0.2 * (i % 40);
    sc.nodes.push_back(n);
    results::NodeSummary s;
    s.id = n.id;
    s.name = n.name;
    s.kind = "station";
    s.tonnes_per_year = testing::estimate_of(i);
    r.nodes.push_back(s);
    if (i % 40 != 0) {
      model::Link l;
      l.id = "l" + std::to_string(i);
      l.from = "n" + std::to_string(i - 1);
      l.to = n.id;
      l.mode = model::Mode::kRail;
      l.length_km = 15;
      sc.links.push_back(l);
    }
  }
  const std::string html = report::to_html(sc, r);
  check_well_formed(html);
  CHECK(count(html, "class=\"node\"") == 1000);
  CHECK(count(html, "class=\"link\"") == 975);
  std::size_t names = 0;
  for (int i = 0; i < 1000; ++i) {
    names += count(html, "\">Station " + std::to_string(i) + "</text>");
  }
  CHECK(names == 300);
  CHECK(html.find("\">Station 999</text>") != std::string::npos);
  CHECK(html.find("\">Station 700</text>") != std::string::npos);
  CHECK(html.find("\">Station 699</text>") == std::string::npos);
  // The others are still named in their marker's tooltip.
  CHECK(html.find("<title>Station 699 (n699, station, KZ)") != std::string::npos);
}

TEST_CASE("the HTML report escapes names", "[report]") {
  const std::string html = report::to_html(testing::report_scenario(), testing::report_results());
  CHECK(html.find("Test &lt;network&gt; &amp; co") != std::string::npos);
  CHECK(html.find("Baku &quot;Alat&quot;") != std::string::npos);
  CHECK(html.find("<network>") == std::string::npos);
}

TEST_CASE("the comparison report shows every run and the paired difference", "[report]") {
  const std::string html = report::to_html(testing::report_comparison());
  check_well_formed(html);
  CHECK(html.find("[2] more ferries") != std::string::npos);
  CHECK(html.find("+120,000 ± 10,000") != std::string::npos);
  CHECK(count(html, "<svg id=\"network-map\"") == 2);
  // Capacity ticks in the bar chart.
  CHECK(html.find("analytic capacity") != std::string::npos);
}

TEST_CASE("the sweep report draws a throughput curve per corridor", "[report]") {
  results::SweepResults sweep;
  sweep.parameters = {{"fleets.ferry.count", {"1", "2"}}};
  sweep.points = {{"1"}, {"2"}};
  sweep.comparison = testing::report_comparison();
  const std::string html = report::to_html(sweep);
  check_well_formed(html);
  CHECK(count(html, "class=\"chart sweep-curve\"") == 1);
  CHECK(html.find("<polyline") != std::string::npos);
  CHECK(html.find("fleets.ferry.count = 1, 2") != std::string::npos);
}

}  // namespace
}  // namespace corridor
