// Tests of the did-you-mean hints used in scenario messages.
#include "corridor/scenario/suggest.hpp"

#include <catch2/catch.hpp>

using corridor::scenario::did_you_mean;
using corridor::scenario::edit_distance;

TEST_CASE("swapping two adjacent letters is one edit", "[scenario]") {
  CHECK(edit_distance("lenght", "length") == 1);
  CHECK(edit_distance("bolashk", "bolashak") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("a close candidate is suggested and a distant one is not", "[scenario]") {
  CHECK(did_you_mean("lenght", {"id", "length", "speed"}) == " (did you mean 'length'?)");
  CHECK(did_you_mean("colour", {"id", "length", "speed"}).empty());
}

TEST_CASE("long words tolerate more typos than short ones", "[scenario]") {
  CHECK(did_you_mean("payload_per_wagn_", {"payload_per_wagon"}) ==
        " (did you mean 'payload_per_wagon'?)");
  CHECK(did_you_mean("ab", {"xy"}).empty());
}
