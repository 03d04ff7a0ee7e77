// Constructed results for the report writer tests: a tiny scenario with coordinates and a run
// and a two-run comparison of it, with names that need escaping.
#pragma once

#include <string>

#include "corridor/model/scenario.hpp"
#include "corridor/results/comparison.hpp"

namespace corridor::testing {

inline core::Estimate estimate_of(double mean, double half = 0) {
  return core::Estimate{mean, mean - half, mean + half, 5};
}

inline model::Scenario report_scenario() {
  model::Scenario sc;
  sc.name = "Test <network> & co";
  sc.description = "Two ports, one ferry line, a railway";
  sc.file = "test.yaml";
  auto node = [](std::string id, std::string name, model::NodeKind kind, double lat, double lon) {
    model::Node n;
    n.id = std::move(id);
    n.name = std::move(name);
    n.country = "KZ";
    n.kind = kind;
    n.lat = lat;
    n.lon = lon;
    return n;
  };
  sc.nodes = {node("aktau", "Aktau", model::NodeKind::kPort, 43.6, 51.2),
              node("baku", "Baku \"Alat\"", model::NodeKind::kPort, 40.1, 49.4),
              node("inland", "Inland", model::NodeKind::kStation, 45.0, 54.0)};
  model::Link sea;
  sea.id = "sea_aktau_baku";
  sea.from = "aktau";
  sea.to = "baku";
  sea.mode = model::Mode::kSea;
  sea.length_km = 460;
  sea.speed_kmh = 25;
  model::Link rail;
  rail.id = "rail_inland_aktau";
  rail.from = "inland";
  rail.to = "aktau";
  rail.mode = model::Mode::kRail;
  rail.length_km = 300;
  rail.speed_kmh = 50;
  sc.links = {sea, rail};
  model::Corridor c;
  c.id = "tc";
  c.name = "Trans-Caspian | ferry";
  c.links = {"sea_aktau_baku"};
  sc.corridors = {c};
  return sc;
}

inline results::RunResults report_results(double scale = 1) {
  results::RunResults r;
  r.scenario = "Test <network> & co";
  r.file = "test.yaml";
  r.seed = 7;
  r.replications = 5;
  r.horizon_days = 365;
  r.warmup_days = 30;
  r.meta.version = "0.test";
  results::CorridorSummary c;
  c.id = "tc";
  c.name = "Trans-Caspian | ferry";
  c.tonnes_per_year = estimate_of(1.2e6 * scale, 5e4);
  c.value_usd_per_year = estimate_of(3e8 * scale);
  r.corridors = {c};
  r.corridor_samples = {
      {1.15e6 * scale}, {1.2e6 * scale}, {1.25e6 * scale}, {1.2e6 * scale}, {1.2e6 * scale}};
  results::LinkSummary sea;
  sea.id = "sea_aktau_baku";
  sea.from = "aktau";
  sea.to = "baku";
  sea.mode = "sea";
  sea.tonnes_per_year = estimate_of(1.2e6 * scale);
  sea.utilisation = estimate_of(0.86);
  sea.wait_mean_h = estimate_of(14.5);
  results::LinkSummary rail;
  rail.id = "rail_inland_aktau";
  rail.from = "inland";
  rail.to = "aktau";
  rail.mode = "rail";
  rail.tonnes_per_year = estimate_of(4e5);
  rail.utilisation = estimate_of(0.31);
  r.links = {sea, rail};
  results::NodeSummary port;
  port.id = "aktau";
  port.name = "Aktau";
  port.kind = "port";
  port.tonnes_per_year = estimate_of(1.2e6);
  port.utilisation = estimate_of(0.55);
  r.nodes = {port};
  results::FlowSummary f;
  f.id = "grain, north";
  f.origin = "inland";
  f.destination = "baku";
  f.commodity = "grain";
  f.route = "rail inland→aktau · sea aktau→baku";
  f.route_km = 760;
  f.volume_t_per_year = 4e5;
  f.demanded_t_per_year = estimate_of(4e5);
  f.delivered_t_per_year = estimate_of(3.9e5, 1e4);
  f.transit_mean_h = estimate_of(71.5);
  r.flows = {f};
  return r;
}

/// Two runs of the test scenario side by side: the second carries 10% more.
inline results::Comparison report_comparison() {
  results::Comparison c;
  c.runs.push_back({"base", report_scenario(), report_results()});
  c.runs.push_back({"more ferries", report_scenario(), report_results(1.1)});
  results::CorridorComparison cc;
  cc.id = "tc";
  cc.name = "Trans-Caspian | ferry";
  for (std::size_t i = 0; i < 2; ++i) {
    results::CorridorFigures f;
    f.present = true;
    f.tonnes_per_year = c.runs[i].results.corridors[0].tonnes_per_year;
    f.value_usd_per_year = c.runs[i].results.corridors[0].value_usd_per_year;
    f.transit_mean_h = 71.5;
    results::CorridorCapacity cap;
    cap.capacity_t_per_year = 1.6e6;
    cap.binding.push_back({"sea_aktau_baku", "vessels", "aktau → baku", 1.6e6});
    f.capacity = cap;
    f.binding_utilisation = 0.86;
    f.binding_utilisation_id = "sea_aktau_baku";
    if (i == 1) f.difference_t_per_year = core::Estimate{1.2e5, 1.1e5, 1.3e5, 5};
    cc.runs.push_back(f);
  }
  c.corridors.push_back(cc);
  return c;
}

}  // namespace corridor::testing
