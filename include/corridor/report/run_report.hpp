// Writers for the results of `corridor run`: a terminal table, a JSON document (described in
// docs/results-format.md), CSV tables and Markdown. They only format: no simulation happens here.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "corridor/results/summary.hpp"

namespace corridor::report {

/// The terminal summary: run facts, corridors, flows, and the busiest links and nodes.
void write_table(const results::RunResults& results, std::ostream& out);

/// The whole result set. `meta` holds what varies between identical runs.
nlohmann::json to_json(const results::RunResults& results);

/// Writes the text of results.json to `out`: `to_json(results).dump(2)` and a newline, built a
/// link, node or flow at a time, so that neither the document nor its text exists whole.
void write_json(const results::RunResults& results, std::ostream& out);

/// One CSV table per file name: corridors.csv, links.csv, nodes.csv, flows.csv.
std::map<std::string, std::string> to_csv(const results::RunResults& results);

/// Markdown tables (corridors, flows, busiest links and nodes) for pasting into documents.
std::string to_markdown(const results::RunResults& results);

/// An estimate as {"mean", "ci95_low", "ci95_high"}.
nlohmann::json to_json(const core::Estimate& e);

}  // namespace corridor::report
