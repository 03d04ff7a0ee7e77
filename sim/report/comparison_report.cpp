// Formats comparisons and sweeps: corridors side by side across runs, with paired differences.
#include "corridor/report/comparison_report.hpp"

#include <fmt/format.h>

#include "corridor/report/run_report.hpp"
#include "text_format.hpp"

namespace corridor::report {
namespace {

using nlohmann::json;
using text::fixed;
using text::grouped;

// Extra columns of a sweep: its parameters and each run's values; empty for a comparison.
struct SweepColumns {
  const std::vector<results::SweepParameter>* parameters = nullptr;
  const std::vector<std::vector<std::string>>* points = nullptr;
};

std::string value_or_dash(const std::optional<double>& v, int decimals) {
  return v ? fixed(*v, decimals) : "-";
}

std::string utilisation_label(const results::CorridorFigures& f) {
  if (!f.binding_utilisation) return "-";
  return fmt::format("{} ({})", text::percent(*f.binding_utilisation), f.binding_utilisation_id);
}

std::string run_facts(const results::Comparison& c) {
  if (c.runs.empty()) return "No runs.\n";
  const auto& first = c.runs.front().results;
  return fmt::format(
      "{} run{}, {} replications each, common seed {}, horizon {} d, warm-up {} d.\n"
      "Mean ± half-width of the 95% CI; differences from the first run are paired by "
      "replication.\n",
      c.runs.size(), c.runs.size() == 1 ? "" : "s", first.replications, first.seed,
      fixed(first.horizon_days, 0), fixed(first.warmup_days, 0));
}

void table(const results::Comparison& c, std::ostream& out) {
  out << run_facts(c) << '\n';
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    out << fmt::format("  [{}] {} ({})\n", i + 1, c.runs[i].label, c.runs[i].results.file);
  }
  out << '\n';
  for (const auto& cc : c.corridors) {
    out << fmt::format("Corridor {}  {}\n", cc.id, cc.name);
    out << fmt::format("  {:<5} {:>24} {:>24} {:>12} {:<28} {:>16} {:>9} {:>16}\n", "run",
                       "tonnes/year", "vs [1] (paired 95% CI)", "capacity t", "binding element",
                       "binding util", "transit h", "trade USD/year");
    for (std::size_t i = 0; i < cc.runs.size(); ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) {
        out << fmt::format("  [{}]{:<3} (no such corridor)\n", i + 1, "");
        continue;
      }
      out << fmt::format("  {:<5} {:>24} {:>24} {:>12} {} {:>16} {:>9} {:>16}\n",
                         fmt::format("[{}]", i + 1), text::with_ci(f.tonnes_per_year),
                         text::signed_with_ci(f.difference_t_per_year), capacity_label(f),
                         text::fit(binding_label(f), 28), utilisation_label(f),
                         value_or_dash(f.transit_mean_h, 1), grouped(f.value_usd_per_year.mean));
    }
    out << '\n';
  }
}

json difference_json(const core::Estimate& e) {
  if (e.n == 0) return nullptr;
  json j = to_json(e);
  j["n"] = e.n;
  return j;
}

json comparison_json(const results::Comparison& c, const SweepColumns& sweep) {
  json doc;
  if (!c.runs.empty()) {
    const auto& m = c.runs.front().results.meta;
    doc["meta"] = {{"version", m.version}, {"host", m.host}, {"threads", m.threads}};
    doc["seed"] = c.runs.front().results.seed;
    doc["replications"] = c.runs.front().results.replications;
  }
  json runs = json::array();
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    const auto& r = c.runs[i];
    json j = {{"label", r.label},
              {"scenario", {{"name", r.results.scenario}, {"file", r.results.file}}},
              {"seed", r.results.seed},
              {"replications", r.results.replications},
              {"horizon_days", r.results.horizon_days},
              {"warmup_days", r.results.warmup_days},
              {"stopped", r.results.stopped}};
    if (sweep.parameters != nullptr) {
      json values = json::object();
      for (std::size_t k = 0; k < sweep.parameters->size(); ++k) {
        values[(*sweep.parameters)[k].path] = (*sweep.points)[i][k];
      }
      j["values"] = std::move(values);
    }
    runs.push_back(std::move(j));
  }
  doc["runs"] = std::move(runs);
  json corridors = json::array();
  for (const auto& cc : c.corridors) {
    json per_run = json::array();
    for (std::size_t i = 0; i < cc.runs.size(); ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) {
        per_run.push_back({{"run", c.runs[i].label}, {"present", false}});
        continue;
      }
      json capacity = nullptr;
      if (f.capacity) {
        json binding = json::array();
        for (const auto& b : f.capacity->binding) {
          binding.push_back({{"id", b.id},
                             {"kind", b.kind},
                             {"where", b.where},
                             {"capacity_t_per_year", b.capacity_t_per_year}});
        }
        capacity = {{"unbounded", f.capacity->unbounded},
                    {"capacity_t_per_year",
                     f.capacity->unbounded ? json(nullptr) : json(f.capacity->capacity_t_per_year)},
                    {"binding", std::move(binding)},
                    {"note", f.capacity->note}};
      }
      per_run.push_back(
          {{"run", c.runs[i].label},
           {"present", true},
           {"throughput_t_per_year", to_json(f.tonnes_per_year)},
           {"difference_t_per_year", difference_json(f.difference_t_per_year)},
           {"capacity", std::move(capacity)},
           {"binding_utilisation",
            f.binding_utilisation ? json(*f.binding_utilisation) : json(nullptr)},
           {"binding_utilisation_id", f.binding_utilisation_id},
           {"transit_mean_h", f.transit_mean_h ? json(*f.transit_mean_h) : json(nullptr)},
           {"value_usd_per_year", to_json(f.value_usd_per_year)}});
    }
    corridors.push_back({{"id", cc.id}, {"name", cc.name}, {"runs", std::move(per_run)}});
  }
  doc["corridors"] = std::move(corridors);
  if (sweep.parameters != nullptr) {
    json parameters = json::array();
    for (const auto& p : *sweep.parameters) {
      parameters.push_back({{"path", p.path}, {"values", p.values}});
    }
    doc["parameters"] = std::move(parameters);
  }
  return doc;
}

std::string comparison_csv(const results::Comparison& c, const SweepColumns& sweep) {
  using text::csv_field;
  using text::num;
  std::string out = "corridor_id,corridor_name,run";
  if (sweep.parameters != nullptr) {
    for (const auto& p : *sweep.parameters) out += "," + csv_field(p.path);
  }
  out +=
      ",tonnes_per_year_mean,tonnes_per_year_ci95_low,tonnes_per_year_ci95_high,"
      "difference_t_per_year_mean,difference_t_per_year_ci95_low,difference_t_per_year_ci95_high,"
      "capacity_t_per_year,binding_elements,binding_utilisation,transit_mean_h,"
      "value_usd_per_year_mean\n";
  for (const auto& cc : c.corridors) {
    for (std::size_t i = 0; i < cc.runs.size(); ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) continue;
      out +=
          fmt::format("{},{},{}", csv_field(cc.id), csv_field(cc.name), csv_field(c.runs[i].label));
      if (sweep.parameters != nullptr) {
        for (const auto& v : (*sweep.points)[i]) out += "," + csv_field(v);
      }
      const auto& t = f.tonnes_per_year;
      const auto& d = f.difference_t_per_year;
      out += fmt::format(",{},{},{}", num(t.mean), num(t.ci95_low), num(t.ci95_high));
      out += d.n == 0 ? ",,,"
                      : fmt::format(",{},{},{}", num(d.mean), num(d.ci95_low), num(d.ci95_high));
      std::string capacity;
      std::string binding;
      if (f.capacity) {
        capacity = f.capacity->unbounded ? "inf" : num(f.capacity->capacity_t_per_year);
        for (const auto& b : f.capacity->binding) binding += (binding.empty() ? "" : " ") + b.id;
      }
      out += fmt::format(",{},{},{},{},{}\n", capacity, csv_field(binding),
                         f.binding_utilisation ? num(*f.binding_utilisation) : "",
                         f.transit_mean_h ? num(*f.transit_mean_h) : "",
                         num(f.value_usd_per_year.mean));
    }
  }
  return out;
}

std::string comparison_markdown(const results::Comparison& c, const std::string& title) {
  using text::md_cell;
  std::string out = "## " + md_cell(title) + "\n\n" + run_facts(c) + "\n";
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    out += fmt::format("{}. {} (`{}`)\n", i + 1, md_cell(c.runs[i].label),
                       md_cell(c.runs[i].results.file));
  }
  out += '\n';
  for (const auto& cc : c.corridors) {
    out += fmt::format("### {} ({})\n\n", md_cell(cc.name), md_cell(cc.id));
    out +=
        "| Run | Tonnes/year | Difference from run 1 | Capacity t/yr | Binding element | Binding "
        "utilisation | Transit h | Trade value USD/year |\n";
    out += "|---|---:|---:|---:|---|---:|---:|---:|\n";
    for (std::size_t i = 0; i < cc.runs.size(); ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) {
        out += fmt::format("| {}. {} | - | - | - | - | - | - | - |\n", i + 1,
                           md_cell(c.runs[i].label));
        continue;
      }
      out += fmt::format("| {}. {} | {} | {} | {} | {} | {} | {} | {} |\n", i + 1,
                         md_cell(c.runs[i].label), text::with_ci(f.tonnes_per_year),
                         text::signed_with_ci(f.difference_t_per_year), capacity_label(f),
                         md_cell(binding_label(f)), md_cell(utilisation_label(f)),
                         value_or_dash(f.transit_mean_h, 1), grouped(f.value_usd_per_year.mean));
    }
    out += '\n';
  }
  return out;
}

}  // namespace

std::string capacity_label(const results::CorridorFigures& f) {
  if (!f.capacity) return "-";
  if (f.capacity->unbounded) return "unbounded";
  // No bound could be derived (the analysis says why in its note).
  if (f.capacity->binding.empty() && f.capacity->capacity_t_per_year <= 0) return "n/a";
  return grouped(f.capacity->capacity_t_per_year);
}

std::string binding_label(const results::CorridorFigures& f) {
  if (!f.capacity || f.capacity->binding.empty()) return "-";
  std::string out;
  for (const auto& b : f.capacity->binding) {
    if (!out.empty()) out += " + ";
    out += b.kind.empty() ? b.id : fmt::format("{} ({})", b.id, b.kind);
  }
  return out;
}

void write_table(const results::Comparison& comparison, std::ostream& out) {
  table(comparison, out);
}

void write_table(const results::SweepResults& sweep, std::ostream& out) {
  out << "Sweep of";
  for (const auto& p : sweep.parameters) {
    out << fmt::format(" {} ∈ {{{}}}", p.path, fmt::join(p.values, ", "));
  }
  out << "\n";
  table(sweep.comparison, out);
}

json to_json(const results::Comparison& comparison) { return comparison_json(comparison, {}); }

json to_json(const results::SweepResults& sweep) {
  return comparison_json(sweep.comparison, {&sweep.parameters, &sweep.points});
}

std::map<std::string, std::string> to_csv(const results::Comparison& comparison) {
  return {{"compare.csv", comparison_csv(comparison, {})}};
}

std::map<std::string, std::string> to_csv(const results::SweepResults& sweep) {
  return {{"sweep.csv", comparison_csv(sweep.comparison, {&sweep.parameters, &sweep.points})}};
}

std::string to_markdown(const results::Comparison& comparison) {
  return comparison_markdown(comparison, "Scenario comparison");
}

std::string to_markdown(const results::SweepResults& sweep) {
  std::string title = "Sweep of";
  for (const auto& p : sweep.parameters) {
    title += fmt::format(" {} = {}", p.path, fmt::join(p.values, ", "));
  }
  return comparison_markdown(sweep.comparison, title);
}

}  // namespace corridor::report
