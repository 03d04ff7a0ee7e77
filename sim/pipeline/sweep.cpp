// Expands `--set PATH=v1,v2,...` into a grid of scenario variants and runs them as a comparison.
// Every point is loaded from the file afresh, so a value is validated exactly as `corridor run
// --set` would validate it.
#include "corridor/pipeline/sweep.hpp"

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor::pipeline {
namespace {

constexpr std::size_t kMaxPoints = 1000;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

}  // namespace

results::SweepParameter parse_sweep_parameter(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || trimmed(text.substr(0, eq)).empty()) {
    throw UsageError(fmt::format(
        "--set '{}': expected PATH=VALUE[,VALUE...], e.g. fleets.ferry.count=1,2,4", text));
  }
  results::SweepParameter p;
  p.path = trimmed(text.substr(0, eq));
  const std::string values = text.substr(eq + 1);
  int depth = 0;
  std::string current;
  auto push = [&] {
    std::string v = trimmed(current);
    if (v.empty()) {
      throw UsageError(fmt::format("--set '{}': empty value in the list", text));
    }
    p.values.push_back(std::move(v));
    current.clear();
  };
  for (char c : values) {
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    if (c == ',' && depth == 0) {
      push();
    } else {
      current += c;
    }
  }
  push();
  return p;
}

std::vector<std::vector<scenario::Override>> expand_grid(
    const std::vector<results::SweepParameter>& parameters) {
  std::vector<std::vector<scenario::Override>> grid{{}};
  for (const auto& p : parameters) {
    std::vector<std::vector<scenario::Override>> next;
    next.reserve(grid.size() * p.values.size());
    for (const auto& point : grid) {
      for (const auto& v : p.values) {
        auto extended = point;
        extended.push_back({p.path, v});
        next.push_back(std::move(extended));
      }
    }
    grid = std::move(next);
  }
  return grid;
}

results::SweepResults run_sweep(const std::string& file,
                                const std::vector<scenario::Override>& fixed,
                                const std::vector<results::SweepParameter>& parameters,
                                const CompareOptions& options) {
  if (parameters.empty()) {
    throw UsageError("nothing to sweep: give at least one --set PATH=v1,v2,...");
  }
  std::size_t points = 1;
  for (const auto& p : parameters) {
    points *= p.values.size();
    if (points > kMaxPoints) {
      throw UsageError(
          fmt::format("the grid has more than {} points; sweep fewer values", kMaxPoints));
    }
  }
  const auto grid = expand_grid(parameters);

  // Load every point first, so that a bad value is reported before hours of simulation. The
  // file is read and parsed once; each point is the merged document with its overrides. The
  // document is freed before the simulations start.
  std::vector<model::Scenario> scenarios;
  std::vector<std::vector<std::string>> values;
  {
    const scenario::ScenarioSource source(file, options.loading);
    for (const auto& point : grid) {
      std::vector<scenario::Override> overrides = fixed;
      overrides.insert(overrides.end(), point.begin(), point.end());
      scenario::LoadStage stage;
      if (options.loading) {
        stage = [&options, n = scenarios.size() + 1, count = grid.size()](const std::string& s) {
          options.loading(fmt::format("point {} of {}: {}", n, count, s));
        };
      }
      scenarios.push_back(source.with(overrides, stage));
      std::vector<std::string> v;
      for (const auto& o : point) v.push_back(o.value);
      values.push_back(std::move(v));
    }
  }

  RunOptions run = options.run;
  if (!run.seed) run.seed = scenarios.front().run.seed;
  std::vector<results::LabelledRun> runs;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    std::string label;
    for (std::size_t k = 0; k < parameters.size(); ++k) {
      if (!label.empty()) label += ", ";
      label += parameters[k].path + "=" + values[i][k];
    }
    if (options.on_scenario) options.on_scenario(i, scenarios.size(), label);
    results::RunResults res = run_scenario(scenarios[i], run);
    const bool stopped = res.stopped;
    runs.push_back({label, std::move(scenarios[i]), std::move(res)});
    if (stopped) break;
  }
  values.resize(runs.size());
  results::SweepResults out;
  out.parameters = parameters;
  out.points = std::move(values);
  out.comparison = build_comparison(std::move(runs), options.capacity);
  return out;
}

}  // namespace corridor::pipeline
