// Quantity parsing of the scenario stage (see corridor/scenario/units.hpp): one table of
// units, each with its dimension and factor to the base unit.
#include "corridor/scenario/units.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>
#include <vector>

#include "corridor/scenario/suggest.hpp"

namespace corridor::scenario {
namespace {

constexpr double kPerDay = 1.0 / model::kSecondsPerDay;
constexpr double kPerHour = 1.0 / model::kSecondsPerHour;
constexpr double kTonnesPerMcm = 1e6 * kGasDensityTPerM3;

struct Unit {
  std::string_view name;
  Dimension dimension;
  /// Base units per written unit. Handling rates: units per second (inverted afterwards).
  double factor;
};

constexpr std::array kUnits = {
    Unit{"m", Dimension::kLength, 1e-3},
    Unit{"km", Dimension::kLength, 1},
    Unit{"km/h", Dimension::kSpeed, 1},
    Unit{"kn", Dimension::kSpeed, 1.852},
    Unit{"m/s", Dimension::kSpeed, 3.6},
    Unit{"s", Dimension::kDuration, 1},
    Unit{"min", Dimension::kDuration, 60},
    Unit{"h", Dimension::kDuration, model::kSecondsPerHour},
    Unit{"d", Dimension::kDuration, model::kSecondsPerDay},
    Unit{"wk", Dimension::kDuration, 7 * model::kSecondsPerDay},
    Unit{"yr", Dimension::kDuration, model::kSecondsPerYear},
    Unit{"kg", Dimension::kMass, 1e-3},
    Unit{"t", Dimension::kMass, 1},
    Unit{"kt", Dimension::kMass, 1e3},
    Unit{"Mt", Dimension::kMass, 1e6},
    Unit{"t/yr", Dimension::kMassRate, 1},
    Unit{"kt/yr", Dimension::kMassRate, 1e3},
    Unit{"Mt/yr", Dimension::kMassRate, 1e6},
    Unit{"t/d", Dimension::kMassRate, model::kDaysPerYear},
    Unit{"t/h", Dimension::kMassRate, model::kDaysPerYear * 24},
    Unit{"m3/yr", Dimension::kMassRate, kGasDensityTPerM3},
    Unit{"mcm/yr", Dimension::kMassRate, kTonnesPerMcm},
    Unit{"bcm/yr", Dimension::kMassRate, 1e3 * kTonnesPerMcm},
    Unit{"mcm/d", Dimension::kMassRate, kTonnesPerMcm* model::kDaysPerYear},
    Unit{"wagons/d", Dimension::kHandlingRate, kPerDay},
    Unit{"wagons/h", Dimension::kHandlingRate, kPerHour},
    Unit{"containers/h", Dimension::kHandlingRate, kPerHour},
    Unit{"containers/d", Dimension::kHandlingRate, kPerDay},
    Unit{"mm", Dimension::kGauge, 1},
    Unit{"USD/t", Dimension::kPricePerMass, 1},
};

const char* noun(Dimension dimension) {
  switch (dimension) {
    case Dimension::kLength:
      return "a length";
    case Dimension::kSpeed:
      return "a speed";
    case Dimension::kDuration:
      return "a duration";
    case Dimension::kMass:
      return "a mass";
    case Dimension::kMassRate:
      return "a mass rate";
    case Dimension::kHandlingRate:
      return "a handling rate";
    case Dimension::kGauge:
      return "a gauge";
    case Dimension::kPricePerMass:
      return "a price per tonne";
  }
  return "a quantity";
}

std::vector<std::string> unit_names(Dimension dimension) {
  std::vector<std::string> names;
  for (const auto& u : kUnits) {
    if (u.dimension == dimension) names.emplace_back(u.name);
  }
  return names;
}

/// "m or km", "s, min, h, d, wk or yr".
std::string list_or(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

enum class NumberStatus { kOk, kNotANumber, kNotFinite, kTooLarge };

/// Reads a leading decimal number; `rest` receives what follows it.
NumberStatus read_number(std::string_view text, double& out, std::string_view& rest) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // from_chars also reads "inf" and "nan"; only digits or '.' may start a number here.
  if (s.empty() || !((s.front() >= '0' && s.front() <= '9') || s.front() == '.')) {
    std::string_view word = s.substr(0, 3);
    if (word == "inf" || word == "nan" || word == "Inf" || word == "NaN" || word == "INF" ||
        word == "NAN" || s.substr(0, 4) == ".inf" || s.substr(0, 4) == ".nan") {
      return NumberStatus::kNotFinite;
    }
    return NumberStatus::kNotANumber;
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return NumberStatus::kTooLarge;
  if (ec != std::errc()) return NumberStatus::kNotANumber;
  if (!std::isfinite(value)) return NumberStatus::kNotFinite;
  out = negative ? -value : value;
  rest = s.substr(static_cast<std::size_t>(ptr - s.data()));
  return NumberStatus::kOk;
}

}  // namespace

std::string expected_units(Dimension dimension) {
  if (dimension == Dimension::kMassRate) {
    return "a mass rate in t/yr, kt/yr, Mt/yr, t/d or t/h, or a gas rate in m3/yr, mcm/yr, "
           "bcm/yr or mcm/d";
  }
  return std::string(noun(dimension)) + " in " + list_or(unit_names(dimension));
}

bool parse_number(std::string_view text, double& out) {
  std::string_view rest;
  double value = 0;
  if (read_number(trim(text), value, rest) != NumberStatus::kOk || !rest.empty()) return false;
  out = value;
  return true;
}

Quantity parse_quantity(std::string_view text, Dimension dimension) {
  Quantity q;
  const std::string quoted = fmt::format("'{}'", text);
  const std::string_view s = trim(text);
  double number = 0;
  std::string_view rest;
  switch (read_number(s, number, rest)) {
    case NumberStatus::kOk:
      break;
    case NumberStatus::kNotANumber:
      q.error = fmt::format("{} is not a number with a unit; expected {}", quoted,
                            expected_units(dimension));
      return q;
    case NumberStatus::kNotFinite:
      q.error = fmt::format("{} is not a finite number", quoted);
      return q;
    case NumberStatus::kTooLarge:
      q.error = fmt::format("{} is too large", quoted);
      return q;
  }
  const std::string_view unit = trim(rest);
  if (unit.empty()) {
    q.error = fmt::format("{} has no unit; expected {}", quoted, expected_units(dimension));
    return q;
  }
  const Unit* found = nullptr;
  for (const auto& u : kUnits) {
    if (u.name == unit) found = &u;
  }
  if (found == nullptr) {
    q.error = fmt::format("unknown unit '{}' in {}; expected {}{}", unit, quoted,
                          expected_units(dimension), did_you_mean(unit, unit_names(dimension)));
    return q;
  }
  if (found->dimension != dimension) {
    q.error = fmt::format("{} is {}; expected {}", quoted, noun(found->dimension),
                          expected_units(dimension));
    return q;
  }
  q.magnitude = number;
  if (dimension == Dimension::kHandlingRate) {
    q.value = number == 0 ? 0 : 1.0 / (number * found->factor);
  } else {
    q.value = number * found->factor;
  }
  if (!std::isfinite(q.value)) {
    q.value = 0;
    q.error = fmt::format("{} is too large", quoted);
  }
  return q;
}

Fraction parse_fraction(std::string_view text) {
  Fraction f;
  const std::string_view s = trim(text);
  double number = 0;
  std::string_view rest;
  const bool is_number = read_number(s, number, rest) == NumberStatus::kOk;
  if (is_number && rest == "%" && number >= 0 && number <= 100) {
    f.value = number / 100;
  } else if (is_number && rest.empty() && number >= 0 && number <= 1) {
    f.value = number;
  } else {
    f.error = fmt::format(
        "'{}' is not a fraction; expected a percentage from 0% to 100% or a number from 0 to 1",
        text);
  }
  return f;
}

Hours parse_hours(std::string_view text) {
  Hours h;
  const std::string_view s = trim(text);
  // HH:MM-HH:MM, exactly.
  auto time_at = [&](std::size_t at, bool closing, double& seconds) {
    if (s.size() < at + 5 || s[at + 2] != ':') return false;
    for (std::size_t i : {at, at + 1, at + 3, at + 4}) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    const int hh = (s[at] - '0') * 10 + (s[at + 1] - '0');
    const int mm = (s[at + 3] - '0') * 10 + (s[at + 4] - '0');
    if (mm > 59 || hh > 24 || (hh == 24 && (mm != 0 || !closing))) return false;
    seconds = hh * model::kSecondsPerHour + mm * 60.0;
    return true;
  };
  double open_s = 0;
  double close_s = 0;
  if (s.size() != 11 || s[5] != '-' || !time_at(0, false, open_s) || !time_at(6, true, close_s)) {
    h.error = fmt::format(
        "'{}' is not a range of hours; expected \"HH:MM-HH:MM\", e.g. \"08:00-20:00\"", text);
    return h;
  }
  if (open_s == close_s) {
    h.error = fmt::format(
        "'{}' opens and closes at the same time; write \"00:00-24:00\" for a "
        "facility open all day",
        text);
    return h;
  }
  h.value.open_s = open_s;
  h.value.close_s = close_s;
  return h;
}

}  // namespace corridor::scenario
