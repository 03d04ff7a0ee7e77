// Writers for `corridor capacity`: the analytic bound of each corridor or flow with the
// elements that bind it and how their capacities were derived.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "corridor/capacity/analysis.hpp"

namespace corridor::report {

void write_capacity_table(const std::vector<capacity::Bound>& bounds, std::ostream& out);
/// The bounds as one JSON array, built whole.
nlohmann::json capacity_to_json(const std::vector<capacity::Bound>& bounds);
/// The same array as `capacity_to_json(bounds).dump(2)` and a newline, written a bound at a
/// time: the report of 10^4 bounds on a large network is hundreds of megabytes of text.
void write_capacity_json(const std::vector<capacity::Bound>& bounds, std::ostream& out);

}  // namespace corridor::report
