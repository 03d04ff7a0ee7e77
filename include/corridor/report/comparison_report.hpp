// Writers for `corridor compare` and `corridor sweep`: a terminal table, JSON, CSV and Markdown
// of corridors side by side (described in docs/results-format.md). They only format.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "corridor/results/comparison.hpp"

namespace corridor::report {

/// Run facts, then per corridor one line per run: throughput, difference from the first run
/// with its paired 95% CI, capacity and binding element, its utilisation, transit, trade value.
void write_table(const results::Comparison& comparison, std::ostream& out);
/// As above, with the sweep's parameter values naming the runs.
void write_table(const results::SweepResults& sweep, std::ostream& out);

nlohmann::json to_json(const results::Comparison& comparison);
/// The comparison document plus `parameters` and per run its parameter `values`.
nlohmann::json to_json(const results::SweepResults& sweep);

/// compare.csv (or sweep.csv, with one column per parameter): one row per corridor and run.
std::map<std::string, std::string> to_csv(const results::Comparison& comparison);
std::map<std::string, std::string> to_csv(const results::SweepResults& sweep);

std::string to_markdown(const results::Comparison& comparison);
std::string to_markdown(const results::SweepResults& sweep);

/// Short label of a corridor's capacity: "2.10 Mt/yr", "unbounded", or "-" when not analysed.
std::string capacity_label(const results::CorridorFigures& figures);
/// The binding elements, "kti_border (single track)" joined by " + "; "-" when none.
std::string binding_label(const results::CorridorFigures& figures);

}  // namespace corridor::report
