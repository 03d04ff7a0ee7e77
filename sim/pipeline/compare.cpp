// Runs scenarios with common random numbers and sets their corridors side by side. The paired
// difference is what makes small effects visible: replication i of every scenario draws the same
// numbers for the elements they share, so most of the noise cancels in the difference.
#include "corridor/pipeline/compare.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "corridor/pipeline/corridor_capacity.hpp"

namespace corridor::pipeline {
namespace {

// Flows that count for a corridor: those it lists, and those whose route crosses its links.
std::set<std::string> corridor_flows(const graph::Network& network,
                                     const model::Corridor& corridor) {
  const model::Scenario& sc = network.scenario();
  std::set<std::string> out(corridor.flows.begin(), corridor.flows.end());
  if (corridor.links.empty()) return out;
  std::set<std::size_t> links;
  for (const auto& id : corridor.links) {
    if (auto l = network.link_index(id)) links.insert(*l);
  }
  for (const auto& flow : sc.flows) {
    const auto route = network.route(flow);
    if (!route) continue;
    for (const auto& hop : *route) {
      if (links.count(hop.link) != 0) {
        out.insert(flow.id);
        break;
      }
    }
  }
  return out;
}

std::optional<double> transit_mean_h(const results::RunResults& r,
                                     const std::set<std::string>& flows) {
  double weight = 0;
  double sum = 0;
  for (const auto& f : r.flows) {
    if (flows.count(f.id) == 0) continue;
    const double w = f.delivered_t_per_year.mean;
    if (w <= 0) continue;
    weight += w;
    sum += w * f.transit_mean_h.mean;
  }
  if (weight <= 0) return std::nullopt;
  return sum / weight;
}

}  // namespace

core::Estimate paired_difference(const std::vector<double>& base,
                                 const std::vector<double>& other) {
  const std::size_t n = std::min(base.size(), other.size());
  std::vector<double> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = other[i] - base[i];
  return core::estimate(d);
}

std::vector<double> corridor_samples(const results::RunResults& run, const std::string& id) {
  std::vector<double> out;
  for (std::size_t c = 0; c < run.corridors.size(); ++c) {
    if (run.corridors[c].id != id) continue;
    for (const auto& rep : run.corridor_samples) {
      if (c < rep.size()) out.push_back(rep[c]);
    }
  }
  return out;
}

results::Comparison build_comparison(std::vector<results::LabelledRun> runs,
                                     const CapacityFn& capacity) {
  results::Comparison out;
  out.runs = std::move(runs);

  // Corridors in order of first occurrence.
  std::map<std::string, std::size_t> index;
  for (const auto& run : out.runs) {
    for (const auto& c : run.results.corridors) {
      if (index.emplace(c.id, out.corridors.size()).second) {
        out.corridors.push_back({c.id, c.name, {}});
      }
    }
  }
  for (auto& cc : out.corridors) cc.runs.resize(out.runs.size());

  for (std::size_t r = 0; r < out.runs.size(); ++r) {
    const auto& run = out.runs[r];
    const graph::Network network(run.scenario);
    for (const auto& c : run.results.corridors) {
      auto& fig = out.corridors[index.at(c.id)].runs[r];
      fig.present = true;
      fig.tonnes_per_year = c.tonnes_per_year;
      fig.value_usd_per_year = c.value_usd_per_year;
      const auto it = std::find_if(run.scenario.corridors.begin(), run.scenario.corridors.end(),
                                   [&](const model::Corridor& m) { return m.id == c.id; });
      if (it == run.scenario.corridors.end()) continue;
      fig.transit_mean_h = transit_mean_h(run.results, corridor_flows(network, *it));
      if (capacity) {
        fig.capacity = to_capacity(capacity(network, *it));
        binding_utilisation(run.results, *fig.capacity, fig.binding_utilisation,
                            fig.binding_utilisation_id);
      }
    }
  }

  if (out.runs.empty()) return out;
  for (auto& cc : out.corridors) {
    if (!cc.runs[0].present) continue;
    const auto base = corridor_samples(out.runs[0].results, cc.id);
    for (std::size_t r = 1; r < out.runs.size(); ++r) {
      if (!cc.runs[r].present) continue;
      cc.runs[r].difference_t_per_year =
          paired_difference(base, corridor_samples(out.runs[r].results, cc.id));
    }
  }
  return out;
}

results::Comparison compare_scenarios(const std::vector<model::Scenario>& scenarios,
                                      const CompareOptions& options) {
  RunOptions run = options.run;
  if (!run.seed && !scenarios.empty()) run.seed = scenarios.front().run.seed;

  std::vector<results::LabelledRun> runs;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& sc = scenarios[i];
    std::string label = sc.name;
    const auto same_name =
        std::count_if(scenarios.begin(), scenarios.end(),
                      [&](const model::Scenario& s) { return s.name == sc.name; });
    if (same_name > 1) label += " (" + sc.file + ")";
    if (options.on_scenario) options.on_scenario(i, scenarios.size(), label);
    results::RunResults res = run_scenario(sc, run);
    const bool stopped = res.stopped;
    runs.push_back({label, sc, std::move(res)});
    if (stopped) break;
  }
  return build_comparison(std::move(runs), options.capacity);
}

}  // namespace corridor::pipeline
