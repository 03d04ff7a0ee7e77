// Formats run results as a terminal table, JSON, CSV and Markdown.
#include "corridor/report/run_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "corridor/report/json_text.hpp"
#include "ranking.hpp"
#include "text_format.hpp"

namespace corridor::report {
namespace {

using core::Estimate;
using nlohmann::json;

using text::fit;
using text::grouped;
using text::percent;
using text::with_ci;

std::string small(double v, int decimals = 1) { return text::fixed(v, decimals); }

}  // namespace

namespace {

// "border exit bolashak" for the first binding element, "+ 2 more" when there are several.
std::string binding_text(const results::CorridorCapacity& cap) {
  if (cap.binding.empty()) return "-";
  const auto& b = cap.binding.front();
  std::string out = b.kind + " " + b.id;
  if (cap.binding.size() > 1) out += fmt::format(" + {} more", cap.binding.size() - 1);
  return out;
}

// The analytic bound beside the simulated throughput, and the flags that compare them.
void write_capacity_lines(const results::RunResults& r, std::ostream& out) {
  bool any = false;
  for (const auto& c : r.corridors) any = any || c.capacity.has_value();
  if (!any) return;
  out << fmt::format("{} {:>16} {:>8} {:<40} {:>6}\n", fit("Analytic capacity", 44), "tonnes/year",
                     "used", "binding element", "util");
  for (const auto& c : r.corridors) {
    if (!c.capacity) continue;
    const auto& cap = *c.capacity;
    const bool bounded = !cap.unbounded && !cap.binding.empty();
    const std::string used = bounded && cap.capacity_t_per_year > 0
                                 ? percent(c.tonnes_per_year.mean / cap.capacity_t_per_year)
                                 : "-";
    out << fmt::format(
        "{} {:>16} {:>8} {} {:>6}\n", fit(c.id, 44),
        bounded ? grouped(cap.capacity_t_per_year) : (cap.unbounded ? "unbounded" : "n/a"), used,
        fit(binding_text(cap), 40), c.binding_utilisation ? percent(*c.binding_utilisation) : "-");
  }
  for (const auto& c : r.corridors) {
    for (const auto& flag : c.flags) out << fmt::format("note: {}: {}\n", c.id, flag);
  }
  out << "(bound: maximum flow over the network's physical parameters, see corridor capacity; "
         "used: simulated share of it)\n\n";
}

}  // namespace

void write_table(const results::RunResults& r, std::ostream& out) {
  out << fmt::format("Scenario: {} ({})\n", r.scenario, r.file);
  out << fmt::format(
      "{} replications, seed {}, horizon {} d, warm-up {} d; {} events in {:.2f} s on {} "
      "thread{}{}\n",
      r.replications, r.seed, small(r.horizon_days, 0), small(r.warmup_days, 0),
      grouped(static_cast<double>(r.events)), r.meta.wall_s, r.meta.threads,
      r.meta.threads == 1 ? "" : "s", r.stopped ? " (interrupted)" : "");
  out << "Mean ± half-width of the 95% confidence interval over replications.\n\n";

  if (!r.corridors.empty()) {
    out << fmt::format("{} {:>24} {:>16} {:>22}\n", fit("Corridor", 44), "tonnes/year",
                       "loaded trips/d", "trade value USD/year");
    for (const auto& c : r.corridors) {
      out << fmt::format("{} {:>24} {:>16} {:>22}\n", fit(c.id + "  " + c.name, 44),
                         with_ci(c.tonnes_per_year), small(c.loaded_trips_per_day.mean, 2),
                         grouped(c.value_usd_per_year.mean));
    }
    out << '\n';
    write_capacity_lines(r, out);
  }

  if (!r.flows.empty()) {
    out << fmt::format("{} {:>12} {:>22} {:>12} {:>10} {:>10} {:>8} {:>8}\n", fit("Flow", 28),
                       "demand t/yr", "delivered t/yr", "backlog t", "transit h", "p95 h", "SWOD",
                       "SWD");
    for (const auto& f : r.flows) {
      out << fmt::format("{} {:>12} {:>22} {:>12} {:>10} {:>10} {:>8} {:>8}\n", fit(f.id, 28),
                         grouped(f.volume_t_per_year), with_ci(f.delivered_t_per_year),
                         grouped(f.backlog_t.mean), small(f.transit_mean_h.mean),
                         small(f.transit_p95_h.mean), small(f.swod_kmh.mean),
                         small(f.swd_kmh.mean));
    }
    out << "(SWOD, SWD: speed without and with delay, km/h, as in the CAREC corridor "
           "indicators)\n\n";
  }

  const auto links = busiest(r.links, 10);
  if (!links.empty()) {
    out << fmt::format("{} {:>6} {:>14} {:>10} {:>8} {:>10} {:>10} {:>8}\n",
                       fit("Busiest links", 28), "mode", "tonnes/year", "vehicles/d", "util",
                       "wait h", "p95 h", "closed d");
    for (const auto* l : links) {
      out << fmt::format("{} {:>6} {:>14} {:>10} {:>8} {:>10} {:>10} {:>8}\n", fit(l->id, 28),
                         l->mode, grouped(l->tonnes_per_year.mean), small(l->vehicles_per_day.mean),
                         percent(l->utilisation.mean), small(l->wait_mean_h.mean, 2),
                         small(l->wait_p95_h.mean, 2), small(l->closed_days.mean));
    }
    out << '\n';
  }
  const auto nodes = busiest(r.nodes, 10);
  if (!nodes.empty()) {
    out << fmt::format("{} {:>9} {:>14} {:>10} {:>8} {:>10} {:>10} {:>8}\n",
                       fit("Busiest nodes", 25), "kind", "tonnes/year", "vehicles/d", "util",
                       "wait h", "p95 h", "closed d");
    for (const auto* n : nodes) {
      out << fmt::format("{} {:>9} {:>14} {:>10} {:>8} {:>10} {:>10} {:>8}\n", fit(n->id, 25),
                         n->kind, grouped(n->tonnes_per_year.mean), small(n->vehicles_per_day.mean),
                         percent(n->utilisation.mean), small(n->wait_mean_h.mean, 2),
                         small(n->wait_p95_h.mean, 2), small(n->closed_days.mean));
    }
  }
}

json to_json(const Estimate& e) {
  return json{{"mean", e.mean}, {"ci95_low", e.ci95_low}, {"ci95_high", e.ci95_high}};
}

namespace {

json link_json(const results::LinkSummary& l) {
  return {{"id", l.id},
          {"from", l.from},
          {"to", l.to},
          {"mode", l.mode},
          {"tonnes_per_year", to_json(l.tonnes_per_year)},
          {"vehicles_per_day", to_json(l.vehicles_per_day)},
          {"utilisation", to_json(l.utilisation)},
          {"wait_mean_h", to_json(l.wait_mean_h)},
          {"wait_p95_h", to_json(l.wait_p95_h)},
          {"closed_days", to_json(l.closed_days)}};
}

json node_json(const results::NodeSummary& n) {
  return {{"id", n.id},
          {"name", n.name},
          {"kind", n.kind},
          {"tonnes_per_year", to_json(n.tonnes_per_year)},
          {"vehicles_per_day", to_json(n.vehicles_per_day)},
          {"utilisation", to_json(n.utilisation)},
          {"wait_mean_h", to_json(n.wait_mean_h)},
          {"wait_p95_h", to_json(n.wait_p95_h)},
          {"closed_days", to_json(n.closed_days)}};
}

json flow_json(const results::FlowSummary& f) {
  return {{"id", f.id},
          {"origin", f.origin},
          {"destination", f.destination},
          {"commodity", f.commodity},
          {"route", f.route},
          {"route_km", f.route_km},
          {"volume_t_per_year", f.volume_t_per_year},
          {"demanded_t_per_year", to_json(f.demanded_t_per_year)},
          {"delivered_t_per_year", to_json(f.delivered_t_per_year)},
          {"backlog_t", to_json(f.backlog_t)},
          {"transit_mean_h", to_json(f.transit_mean_h)},
          {"transit_p50_h", to_json(f.transit_p50_h)},
          {"transit_p95_h", to_json(f.transit_p95_h)},
          {"swod_kmh", to_json(f.swod_kmh)},
          {"swd_kmh", to_json(f.swd_kmh)},
          {"value_usd_per_year", to_json(f.value_usd_per_year)}};
}

/// Everything but the per-link, per-node and per-flow lists, which grow with the network.
json head_json(const results::RunResults& r) {
  json doc;
  doc["meta"] = {{"version", r.meta.version},
                 {"host", r.meta.host},
                 {"wall_s", r.meta.wall_s},
                 {"threads", r.meta.threads}};
  doc["scenario"] = {{"name", r.scenario}, {"file", r.file}};
  doc["seed"] = r.seed;
  doc["replications"] = r.replications;
  doc["horizon_days"] = r.horizon_days;
  doc["warmup_days"] = r.warmup_days;
  doc["events"] = r.events;
  doc["stopped"] = r.stopped;
  json corridors = json::array();
  for (const auto& c : r.corridors) {
    corridors.push_back({{"id", c.id},
                         {"name", c.name},
                         {"throughput_t_per_year", to_json(c.tonnes_per_year)},
                         {"loaded_trips_per_day", to_json(c.loaded_trips_per_day)},
                         {"value_usd_per_year", to_json(c.value_usd_per_year)}});
    json& entry = corridors.back();
    if (c.capacity) {
      json binding = json::array();
      for (const auto& b : c.capacity->binding) {
        binding.push_back({{"id", b.id},
                           {"kind", b.kind},
                           {"where", b.where},
                           {"capacity_t_per_year", b.capacity_t_per_year}});
      }
      const bool bounded = !c.capacity->unbounded && !c.capacity->binding.empty();
      entry["capacity"] = {
          {"capacity_t_per_year", bounded ? json(c.capacity->capacity_t_per_year) : json()},
          {"unbounded", c.capacity->unbounded},
          {"binding", std::move(binding)},
          {"note", c.capacity->note}};
      entry["binding_utilisation"] = c.binding_utilisation ? json(*c.binding_utilisation) : json();
    }
    entry["flags"] = c.flags;
  }
  doc["corridors"] = std::move(corridors);
  return doc;
}

template <typename T>
json array_of(const std::vector<T>& items, json (*element)(const T&)) {
  json out = json::array();
  for (const auto& item : items) out.push_back(element(item));
  return out;
}

template <typename T>
ArrayOfElements elements_of(const std::vector<T>& items, json (*element)(const T&)) {
  return {items.size(), [&items, element](std::size_t i) { return element(items[i]); }};
}

}  // namespace

json to_json(const results::RunResults& r) {
  json doc = head_json(r);
  doc["links"] = array_of(r.links, link_json);
  doc["nodes"] = array_of(r.nodes, node_json);
  doc["flows"] = array_of(r.flows, flow_json);
  return doc;
}

void write_json(const results::RunResults& r, std::ostream& out) {
  pretty_json(out, head_json(r),
              {{"links", elements_of(r.links, link_json)},
               {"nodes", elements_of(r.nodes, node_json)},
               {"flows", elements_of(r.flows, flow_json)}});
}

namespace {

using text::csv_field;
using text::num;

void header_estimates(std::string& out, std::initializer_list<const char*> names) {
  for (const char* n : names) out += fmt::format(",{0}_mean,{0}_ci95_low,{0}_ci95_high", n);
  out += '\n';
}

void row_estimates(std::string& out, std::initializer_list<const Estimate*> values) {
  for (const Estimate* e : values) {
    out += fmt::format(",{},{},{}", num(e->mean), num(e->ci95_low), num(e->ci95_high));
  }
  out += '\n';
}

}  // namespace

std::map<std::string, std::string> to_csv(const results::RunResults& r) {
  std::map<std::string, std::string> files;
  std::string& corridors = files["corridors.csv"];
  corridors = "id,name";
  header_estimates(corridors, {"tonnes_per_year", "loaded_trips_per_day", "value_usd_per_year"});
  for (const auto& c : r.corridors) {
    corridors += csv_field(c.id) + "," + csv_field(c.name);
    row_estimates(corridors, {&c.tonnes_per_year, &c.loaded_trips_per_day, &c.value_usd_per_year});
  }
  std::string& links = files["links.csv"];
  links = "id,from,to,mode";
  header_estimates(links, {"tonnes_per_year", "vehicles_per_day", "utilisation", "wait_mean_h",
                           "wait_p95_h", "closed_days"});
  for (const auto& l : r.links) {
    links +=
        fmt::format("{},{},{},{}", csv_field(l.id), csv_field(l.from), csv_field(l.to), l.mode);
    row_estimates(links, {&l.tonnes_per_year, &l.vehicles_per_day, &l.utilisation, &l.wait_mean_h,
                          &l.wait_p95_h, &l.closed_days});
  }
  std::string& nodes = files["nodes.csv"];
  nodes = "id,name,kind";
  header_estimates(nodes, {"tonnes_per_year", "vehicles_per_day", "utilisation", "wait_mean_h",
                           "wait_p95_h", "closed_days"});
  for (const auto& n : r.nodes) {
    nodes += fmt::format("{},{},{}", csv_field(n.id), csv_field(n.name), n.kind);
    row_estimates(nodes, {&n.tonnes_per_year, &n.vehicles_per_day, &n.utilisation, &n.wait_mean_h,
                          &n.wait_p95_h, &n.closed_days});
  }
  std::string& flows = files["flows.csv"];
  flows = "id,origin,destination,commodity,route_km,volume_t_per_year";
  header_estimates(flows, {"delivered_t_per_year", "backlog_t", "transit_mean_h", "transit_p50_h",
                           "transit_p95_h", "swod_kmh", "swd_kmh", "value_usd_per_year"});
  for (const auto& f : r.flows) {
    flows += fmt::format("{},{},{},{},{},{}", csv_field(f.id), csv_field(f.origin),
                         csv_field(f.destination), csv_field(f.commodity), num(f.route_km),
                         num(f.volume_t_per_year));
    row_estimates(flows,
                  {&f.delivered_t_per_year, &f.backlog_t, &f.transit_mean_h, &f.transit_p50_h,
                   &f.transit_p95_h, &f.swod_kmh, &f.swd_kmh, &f.value_usd_per_year});
  }
  return files;
}

std::string to_markdown(const results::RunResults& r) {
  using text::md_cell;
  std::string out = fmt::format("## {}\n\n", md_cell(r.scenario));
  out += fmt::format(
      "{} replications, seed {}, horizon {} d, warm-up {} d ({}). Figures are the mean ± the "
      "half-width of the 95% confidence interval over replications.\n\n",
      r.replications, r.seed, small(r.horizon_days, 0), small(r.warmup_days, 0), md_cell(r.file));
  if (!r.corridors.empty()) {
    out += "| Corridor | Tonnes/year | Loaded trips/day | Trade value USD/year |\n";
    out += "|---|---:|---:|---:|\n";
    for (const auto& c : r.corridors) {
      out += fmt::format("| {} ({}) | {} | {} | {} |\n", md_cell(c.name), md_cell(c.id),
                         with_ci(c.tonnes_per_year), small(c.loaded_trips_per_day.mean, 2),
                         grouped(c.value_usd_per_year.mean));
    }
    out += '\n';
  }
  if (!r.flows.empty()) {
    out +=
        "| Flow | Commodity | Demand t/yr | Delivered t/yr | Backlog t | Transit h | p95 h | "
        "SWOD km/h | SWD km/h |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& f : r.flows) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(f.id),
                         md_cell(f.commodity), grouped(f.volume_t_per_year),
                         with_ci(f.delivered_t_per_year), grouped(f.backlog_t.mean),
                         small(f.transit_mean_h.mean), small(f.transit_p95_h.mean),
                         small(f.swod_kmh.mean), small(f.swd_kmh.mean));
    }
    out += '\n';
  }
  const auto links = busiest(r.links, 10);
  if (!links.empty()) {
    out +=
        "| Busiest link | Mode | Tonnes/year | Vehicles/day | Utilisation | Wait h | p95 wait h "
        "| Closed days |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto* l : links) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(l->id), l->mode,
                         grouped(l->tonnes_per_year.mean), small(l->vehicles_per_day.mean),
                         percent(l->utilisation.mean), small(l->wait_mean_h.mean, 2),
                         small(l->wait_p95_h.mean, 2), small(l->closed_days.mean));
    }
    out += '\n';
  }
  const auto nodes = busiest(r.nodes, 10);
  if (!nodes.empty()) {
    out +=
        "| Busiest node | Kind | Tonnes/year | Vehicles/day | Utilisation | Wait h | p95 wait h "
        "| Closed days |\n";
    out += "|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto* n : nodes) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(n->name), n->kind,
                         grouped(n->tonnes_per_year.mean), small(n->vehicles_per_day.mean),
                         percent(n->utilisation.mean), small(n->wait_mean_h.mean, 2),
                         small(n->wait_p95_h.mean, 2), small(n->closed_days.mean));
    }
    out += '\n';
  }
  out +=
      "SWOD, SWD: speed without and with delay (CAREC corridor indicators). Utilisation: share "
      "of time the element's servers were busy.\n";
  return out;
}

}  // namespace corridor::report
