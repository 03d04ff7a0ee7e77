// Formatting of diagnostics and construction of the error types.
#include "corridor/error.hpp"

#include <fmt/format.h>

#include <utility>

namespace corridor {

std::string Diagnostic::format() const {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) {
    out += fmt::format(":{}", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
  }
  out += ": error: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.format();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : Error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

SimulationError::SimulationError(const std::string& message, double sim_time_s, std::string entity)
    : Error(fmt::format("at t={:.0f} s ({}): {}", sim_time_s, entity, message)),
      sim_time_s_(sim_time_s),
      entity_(std::move(entity)) {}

}  // namespace corridor
