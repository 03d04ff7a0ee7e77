// Formats capacity bounds: one block per subject, binding elements first, then (in JSON) the
// elements the maximum flow runs through, each with its one-line derivation.
#include "corridor/report/capacity_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "corridor/report/json_text.hpp"

namespace corridor::report {
namespace {

std::string mt(double t_per_year) {
  if (!std::isfinite(t_per_year)) return "unbounded";
  if (t_per_year >= 1e6) return fmt::format("{:.2f} Mt/yr", t_per_year / 1e6);
  return fmt::format("{:.0f} kt/yr", t_per_year / 1e3);
}

nlohmann::json element_json(const capacity::Element& e) {
  return {{"kind", capacity::to_string(e.kind)},
          {"id", e.id},
          {"where", e.where},
          {"capacity_t_per_year", e.capacity_t_per_year},
          {"derivation", e.derivation}};
}

nlohmann::json bound_json(const capacity::Bound& b) {
  nlohmann::json binding = nlohmann::json::array();
  for (const auto& e : b.binding) binding.push_back(element_json(e));
  nlohmann::json elements = nlohmann::json::array();
  for (const auto& e : b.elements) elements.push_back(element_json(e));
  return {{"subject", b.subject},
          {"unbounded", b.unbounded},
          {"capacity_t_per_year",
           b.unbounded ? nlohmann::json() : nlohmann::json(b.capacity_t_per_year)},
          {"infrastructure_t_per_year", b.infrastructure_t_per_year},
          {"binding", std::move(binding)},
          {"elements", std::move(elements)},
          {"note", b.note}};
}

}  // namespace

void write_capacity_table(const std::vector<capacity::Bound>& bounds, std::ostream& out) {
  bool first = true;
  for (const auto& b : bounds) {
    if (!first) out << '\n';
    first = false;
    if (b.unbounded) {
      out << fmt::format("{}: no element on the way limits it{}\n", b.subject,
                         b.note.empty() ? "" : " (" + b.note + ")");
      continue;
    }
    if (b.binding.empty() && b.capacity_t_per_year <= 0 && !b.note.empty()) {
      out << fmt::format("{}: no bound computed: {}\n", b.subject, b.note);
      continue;
    }
    out << fmt::format("{}: at most {}", b.subject, mt(b.capacity_t_per_year));
    if (b.infrastructure_t_per_year > b.capacity_t_per_year * (1 + 1e-9)) {
      out << fmt::format(" (infrastructure alone {})", mt(b.infrastructure_t_per_year));
    }
    out << '\n';
    if (!b.note.empty()) out << "  note: " << b.note << '\n';
    if (!b.binding.empty()) out << "  binding elements (minimum cut):\n";
    for (const auto& e : b.binding) {
      out << fmt::format("    {:<14} {:<26} {:>14}  {}\n", capacity::to_string(e.kind),
                         e.id + (e.where.empty() ? "" : " " + e.where), mt(e.capacity_t_per_year),
                         e.derivation);
    }
  }
}

nlohmann::json capacity_to_json(const std::vector<capacity::Bound>& bounds) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : bounds) out.push_back(bound_json(b));
  return out;
}

void write_capacity_json(const std::vector<capacity::Bound>& bounds, std::ostream& out) {
  pretty_json_array(out,
                    {bounds.size(), [&bounds](std::size_t i) { return bound_json(bounds[i]); }});
}

}  // namespace corridor::report
