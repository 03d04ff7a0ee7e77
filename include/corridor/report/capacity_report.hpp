// Writers for `corridor capacity`: the analytic bound of each corridor or flow with the
// elements that bind it and how their capacities were derived.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "corridor/capacity/analysis.hpp"

namespace corridor::report {

void write_capacity_table(const std::vector<capacity::Bound>& bounds, std::ostream& out);
nlohmann::json capacity_to_json(const std::vector<capacity::Bound>& bounds);

}  // namespace corridor::report
