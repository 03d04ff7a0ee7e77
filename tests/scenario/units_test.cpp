// Tests of quantity parsing: units, conversions to base units and the messages for bad input.
#include "corridor/scenario/units.hpp"

#include <catch2/catch.hpp>

using corridor::scenario::Dimension;
using corridor::scenario::parse_fraction;
using corridor::scenario::parse_hours;
using corridor::scenario::parse_quantity;

TEST_CASE("lengths convert to kilometres", "[scenario]") {
  CHECK(parse_quantity("146 km", Dimension::kLength).value == Approx(146));
  CHECK(parse_quantity("1500 m", Dimension::kLength).value == Approx(1.5));
  CHECK(parse_quantity("2.5km", Dimension::kLength).value == Approx(2.5));
}

TEST_CASE("speeds convert to kilometres per hour", "[scenario]") {
  CHECK(parse_quantity("60 km/h", Dimension::kSpeed).value == Approx(60));
  CHECK(parse_quantity("10 kn", Dimension::kSpeed).value == Approx(18.52));
  CHECK(parse_quantity("10 m/s", Dimension::kSpeed).value == Approx(36));
}

TEST_CASE("durations convert to seconds, a year being 365 days", "[scenario]") {
  CHECK(parse_quantity("5 min", Dimension::kDuration).value == Approx(300));
  CHECK(parse_quantity("2 h", Dimension::kDuration).value == Approx(7200));
  CHECK(parse_quantity("1 wk", Dimension::kDuration).value == Approx(604800));
  CHECK(parse_quantity("1 yr", Dimension::kDuration).value == Approx(365 * 86400.0));
}

TEST_CASE("masses convert to tonnes and rates to tonnes per year", "[scenario]") {
  CHECK(parse_quantity("68 t", Dimension::kMass).value == Approx(68));
  CHECK(parse_quantity("2 Mt", Dimension::kMass).value == Approx(2e6));
  CHECK(parse_quantity("500 kg", Dimension::kMass).value == Approx(0.5));
  CHECK(parse_quantity("2.5 Mt/yr", Dimension::kMassRate).value == Approx(2.5e6));
  CHECK(parse_quantity("100 t/d", Dimension::kMassRate).value == Approx(36500));
}

TEST_CASE("gas volume rates convert to tonnes at 0.72 kg per cubic metre", "[scenario]") {
  CHECK(parse_quantity("1 bcm/yr", Dimension::kMassRate).value == Approx(720000));
  CHECK(parse_quantity("1 mcm/d", Dimension::kMassRate).value == Approx(720 * 365.0));
}

TEST_CASE("handling rates convert to seconds per unit", "[scenario]") {
  CHECK(parse_quantity("4 wagons/h", Dimension::kHandlingRate).value == Approx(900));
  CHECK(parse_quantity("96 wagons/d", Dimension::kHandlingRate).value == Approx(900));
  CHECK(parse_quantity("30 containers/h", Dimension::kHandlingRate).value == Approx(120));
}

TEST_CASE("a number without a unit names the accepted units", "[scenario]") {
  CHECK(parse_quantity("146", Dimension::kLength).error ==
        "'146' has no unit; expected a length in m or km");
  CHECK(parse_quantity("3", Dimension::kDuration).error ==
        "'3' has no unit; expected a duration in s, min, h, d, wk or yr");
}

TEST_CASE("an unknown unit is named with the closest accepted one", "[scenario]") {
  CHECK(parse_quantity("146 kms", Dimension::kLength).error ==
        "unknown unit 'kms' in '146 kms'; expected a length in m or km (did you mean 'km'?)");
  CHECK(parse_quantity("3 fortnights", Dimension::kDuration).error ==
        "unknown unit 'fortnights' in '3 fortnights'; expected a duration in s, min, h, d, wk or "
        "yr");
}

TEST_CASE("a unit of another dimension says what it measures", "[scenario]") {
  CHECK(parse_quantity("5 h", Dimension::kLength).error ==
        "'5 h' is a duration; expected a length in m or km");
}

TEST_CASE("text that is not a number is rejected", "[scenario]") {
  CHECK(parse_quantity("far km", Dimension::kLength).error ==
        "'far km' is not a number with a unit; expected a length in m or km");
}

TEST_CASE("nan, infinity and overflowing numbers are rejected", "[scenario]") {
  CHECK(parse_quantity("nan km", Dimension::kLength).error == "'nan km' is not a finite number");
  CHECK(parse_quantity("inf h", Dimension::kDuration).error == "'inf h' is not a finite number");
  CHECK(parse_quantity("1e999 km", Dimension::kLength).error == "'1e999 km' is too large");
  CHECK(parse_quantity("1e306 yr", Dimension::kDuration).error == "'1e306 yr' is too large");
}

TEST_CASE("negative quantities parse and keep their sign for the caller to judge", "[scenario]") {
  auto q = parse_quantity("-3 h", Dimension::kDuration);
  CHECK(q.ok());
  CHECK(q.magnitude == -3);
}

TEST_CASE("fractions are percentages or numbers from 0 to 1", "[scenario]") {
  CHECK(parse_fraction("25%").value == Approx(0.25));
  CHECK(parse_fraction("0.4").value == Approx(0.4));
  CHECK(parse_fraction("150%").error ==
        "'150%' is not a fraction; expected a percentage from 0% to 100% or a number from 0 to 1");
  CHECK_FALSE(parse_fraction("2").ok());
}

TEST_CASE("opening hours are a range of HH:MM, possibly overnight", "[scenario]") {
  auto day = parse_hours("08:00-20:00");
  CHECK(day.value.open_s == 8 * 3600);
  CHECK(day.value.close_s == 20 * 3600);
  auto night = parse_hours("22:00-06:30");
  CHECK(night.value.close_s == 6.5 * 3600);
  CHECK(parse_hours("00:00-24:00").value.always_open());
  CHECK(parse_hours("8-20").error ==
        "'8-20' is not a range of hours; expected \"HH:MM-HH:MM\", e.g. \"08:00-20:00\"");
  CHECK(parse_hours("25:00-26:00").error ==
        "'25:00-26:00' is not a range of hours; expected \"HH:MM-HH:MM\", e.g. \"08:00-20:00\"");
  CHECK(parse_hours("08:00-08:00").error ==
        "'08:00-08:00' opens and closes at the same time; write \"00:00-24:00\" for a facility "
        "open all day");
}
