// The test program's entry point (Catch2 2.13).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
