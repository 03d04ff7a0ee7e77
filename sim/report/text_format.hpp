// Number and text formatting shared by the report writers (terminal, Markdown, CSV, HTML):
// grouped thousands, estimates with their CI half-width, and escaping for CSV, Markdown, HTML.
// Private to sim/report.
#pragma once

#include <string>
#include <string_view>

#include "corridor/core/statistics.hpp"

namespace corridor::report::text {

/// 1234567.8 → "1,234,568"; "-" for NaN or infinity.
std::string grouped(double v);
/// "1,234 ± 56": mean and CI half-width.
std::string with_ci(const core::Estimate& e);
/// Signed difference with CI half-width: "+1,234 ± 56" ("-" when n = 0).
std::string signed_with_ci(const core::Estimate& e);
/// Fixed decimals.
std::string fixed(double v, int decimals = 1);
/// 0.834 → "83%".
std::string percent(double v);
/// Tonnes per year in a short form: "1.30 Mt", "640 kt", "900 t".
std::string short_tonnes(double t);
/// A number for CSV and JSON-like text: up to 6 significant digits.
std::string num(double v);
/// `s` cut or padded to `width` display characters (UTF-8 aware).
std::string fit(std::string_view s, std::size_t width);

/// A CSV field, quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view s);
/// Text safe inside a Markdown table cell (pipes escaped, line breaks to spaces).
std::string md_cell(std::string_view s);
/// Text safe in HTML element content and attribute values.
std::string html(std::string_view s);

}  // namespace corridor::report::text
