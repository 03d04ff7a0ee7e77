// Quantities of the scenario format: a number followed by a unit ("146 km", "2.5 h",
// "10 Mt/yr"), converted once, on load, to the base unit named in model::Scenario's members.
// Failures come back as the message text; the validator adds file, line and key path.
#pragma once

#include <string>
#include <string_view>

#include "corridor/model/scenario.hpp"

namespace corridor::scenario {

/// What a quantity measures, and so which units are accepted and what it converts to.
enum class Dimension {
  kLength,        ///< m, km → km
  kSpeed,         ///< km/h, kn, m/s → km/h
  kDuration,      ///< s, min, h, d, wk, yr → s
  kMass,          ///< kg, t, kt, Mt → t
  kMassRate,      ///< t/yr, kt/yr, Mt/yr, t/d, t/h; gas m3/yr, mcm/yr, bcm/yr, mcm/d → t/yr
  kHandlingRate,  ///< wagons/d, wagons/h, containers/h, containers/d → seconds per unit
  kGauge,         ///< mm → mm
  kPricePerMass,  ///< USD/t → USD/t
};

/// Density used to turn gas volume rates into tonnes: 0.72 kg per cubic metre (natural gas at
/// standard conditions). A named assumption, documented in docs/scenario-format.md.
inline constexpr double kGasDensityTPerM3 = 0.72e-3;

/// The result of parsing one quantity. `error` is empty on success.
struct Quantity {
  double value = 0;      ///< in the base unit of the dimension
  double magnitude = 0;  ///< the number as written, for sign checks
  std::string error;     ///< e.g. "'146' has no unit; expected a length in m or km"
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// "a length in m or km": what the dimension expects, naming every accepted unit.
[[nodiscard]] std::string expected_units(Dimension dimension);

/// Parses "NUMBER UNIT" (the space is optional). A zero or negative number parses; the caller
/// decides whether it is allowed. NaN, infinities and numbers too large for a double (before or
/// after conversion) are errors. A handling rate of zero converts to 0 seconds per unit.
[[nodiscard]] Quantity parse_quantity(std::string_view text, Dimension dimension);

/// A fraction written as "50%" or as a plain number in [0, 1]; the result is in [0, 1].
struct Fraction {
  double value = 0;
  std::string error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};
[[nodiscard]] Fraction parse_fraction(std::string_view text);

/// Daily opening hours written as "HH:MM-HH:MM" ("22:00-06:00" runs overnight; "00:00-24:00"
/// is open all day).
struct Hours {
  model::OperatingHours value;
  std::string error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};
[[nodiscard]] Hours parse_hours(std::string_view text);

/// Reads a plain decimal number ("12", "-3.5", "1e3") into `out`; false for anything else,
/// including NaN, infinities and numbers too large for a double.
[[nodiscard]] bool parse_number(std::string_view text, double& out);

}  // namespace corridor::scenario
