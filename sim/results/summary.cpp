// Summarises replications: per-year and per-day rates over each replication's measurement
// window, then mean and 95% confidence interval across replications (in replication order).
#include "corridor/results/summary.hpp"

namespace corridor::results {
namespace {

template <typename Get>
Estimate over(const std::vector<transport::ReplicationResult>& reps, Get get) {
  std::vector<double> values;
  values.reserve(reps.size());
  for (const auto& r : reps) values.push_back(get(r));
  return core::estimate(values);
}

}  // namespace

RunResults summarise(const model::Scenario& sc,
                     const std::vector<transport::ReplicationResult>& reps, std::uint64_t seed,
                     const std::vector<std::string>& flow_routes,
                     const std::vector<double>& flow_route_km) {
  RunResults out;
  out.scenario = sc.name;
  out.file = sc.file;
  out.seed = seed;
  out.replications = static_cast<int>(reps.size());
  out.horizon_days = sc.run.horizon_s / model::kSecondsPerDay;
  out.warmup_days = sc.run.warmup_s / model::kSecondsPerDay;
  for (const auto& r : reps) {
    out.events += r.events;
    out.stopped = out.stopped || r.stopped;
  }
  // Per-year and per-day rates over each replication's own measurement window.
  auto per_year = [](const transport::ReplicationResult& r, double v) {
    return r.window_s > 0 ? v * model::kSecondsPerYear / r.window_s : 0.0;
  };
  auto per_day = [](const transport::ReplicationResult& r, double v) {
    return r.window_s > 0 ? v * model::kSecondsPerDay / r.window_s : 0.0;
  };
  constexpr double kHour = model::kSecondsPerHour;
  constexpr double kDay = model::kSecondsPerDay;

  for (std::size_t c = 0; c < sc.corridors.size(); ++c) {
    CorridorSummary s;
    s.id = sc.corridors[c].id;
    s.name = sc.corridors[c].name;
    s.tonnes_per_year =
        over(reps, [&](const auto& r) { return per_year(r, r.corridors[c].tonnes); });
    s.loaded_trips_per_day =
        over(reps, [&](const auto& r) { return per_day(r, r.corridors[c].loaded_trips); });
    s.value_usd_per_year =
        over(reps, [&](const auto& r) { return per_year(r, r.corridors[c].value_usd); });
    out.corridors.push_back(std::move(s));
  }
  for (const auto& r : reps) {
    std::vector<double> row;
    for (const auto& c : r.corridors) row.push_back(per_year(r, c.tonnes));
    out.corridor_samples.push_back(std::move(row));
  }
  for (std::size_t l = 0; l < sc.links.size(); ++l) {
    const model::Link& link = sc.links[l];
    LinkSummary s;
    s.id = link.id;
    s.from = link.from;
    s.to = link.to;
    s.mode = model::to_string(link.mode);
    s.tonnes_per_year = over(reps, [&](const auto& r) { return per_year(r, r.links[l].tonnes); });
    s.vehicles_per_day = over(reps, [&](const auto& r) { return per_day(r, r.links[l].vehicles); });
    s.utilisation = over(reps, [&](const auto& r) { return r.links[l].utilisation; });
    s.wait_mean_h = over(reps, [&](const auto& r) { return r.links[l].wait_mean_s / kHour; });
    s.wait_p95_h = over(reps, [&](const auto& r) { return r.links[l].wait_p95_s / kHour; });
    s.closed_days = over(reps, [&](const auto& r) { return r.links[l].closed_s / kDay; });
    out.links.push_back(std::move(s));
  }
  for (std::size_t n = 0; n < sc.nodes.size(); ++n) {
    const model::Node& node = sc.nodes[n];
    NodeSummary s;
    s.id = node.id;
    s.name = node.name;
    s.kind = model::to_string(node.kind);
    s.tonnes_per_year = over(reps, [&](const auto& r) { return per_year(r, r.nodes[n].tonnes); });
    s.vehicles_per_day = over(reps, [&](const auto& r) { return per_day(r, r.nodes[n].vehicles); });
    s.utilisation = over(reps, [&](const auto& r) { return r.nodes[n].utilisation; });
    s.wait_mean_h = over(reps, [&](const auto& r) { return r.nodes[n].wait_mean_s / kHour; });
    s.wait_p95_h = over(reps, [&](const auto& r) { return r.nodes[n].wait_p95_s / kHour; });
    s.closed_days = over(reps, [&](const auto& r) { return r.nodes[n].closed_s / kDay; });
    out.nodes.push_back(std::move(s));
  }
  for (std::size_t f = 0; f < sc.flows.size(); ++f) {
    const model::Flow& flow = sc.flows[f];
    FlowSummary s;
    s.id = flow.id;
    s.origin = flow.origin;
    s.destination = flow.destination;
    s.commodity = flow.commodity;
    s.route = f < flow_routes.size() ? flow_routes[f] : "";
    s.route_km = f < flow_route_km.size() ? flow_route_km[f] : 0;
    s.volume_t_per_year = flow.volume_t_per_year;
    s.demanded_t_per_year =
        over(reps, [&](const auto& r) { return per_year(r, r.flows[f].demanded_t); });
    s.delivered_t_per_year =
        over(reps, [&](const auto& r) { return per_year(r, r.flows[f].delivered_t); });
    s.backlog_t = over(reps, [&](const auto& r) { return r.flows[f].backlog_t; });
    s.transit_mean_h = over(reps, [&](const auto& r) { return r.flows[f].transit_mean_s / kHour; });
    s.transit_p50_h = over(reps, [&](const auto& r) { return r.flows[f].transit_p50_s / kHour; });
    s.transit_p95_h = over(reps, [&](const auto& r) { return r.flows[f].transit_p95_s / kHour; });
    s.swod_kmh = over(reps, [&](const auto& r) { return r.flows[f].swod_kmh; });
    s.swd_kmh = over(reps, [&](const auto& r) { return r.flows[f].swd_kmh; });
    s.value_usd_per_year =
        over(reps, [&](const auto& r) { return per_year(r, r.flows[f].value_usd); });
    out.flows.push_back(std::move(s));
  }
  return out;
}

}  // namespace corridor::results
