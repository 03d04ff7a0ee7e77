#include "corridor/bench/memory_latency.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <vector>

#include "../cli/cli_process.hpp"

using corridor::bench::kLineBytes;
using corridor::bench::memory_sizes;
using corridor::bench::MemoryOptions;
using corridor::bench::random_cycle;
using corridor::bench::run_memory_point;

namespace {

// How many lines one walk from line 0 visits before it comes back to line 0.
std::size_t cycle_length(const std::vector<std::uint32_t>& next) {
  std::size_t steps = 0;
  std::uint32_t at = 0;
  do {
    at = next.at(at);
    ++steps;
  } while (at != 0 && steps <= next.size());
  return steps;
}

}  // namespace

TEST_CASE("bench memory: the reads go through every line once per round") {
  for (std::uint32_t lines : {2u, 3u, 17u, 1000u, 65536u}) {
    const std::vector<std::uint32_t> next = random_cycle(lines, 1);
    // One cycle through all lines (a plain shuffle would almost surely give several shorter
    // ones): no line is left out of the working set, none is read twice in a round.
    CHECK(cycle_length(next) == lines);
    std::uint32_t fixed = 0;
    for (std::uint32_t i = 0; i < lines; ++i) fixed += next[i] == i;
    CHECK(fixed == 0);
  }
  // Random, not a stride the hardware could predict: far from all steps go to the next line.
  const std::vector<std::uint32_t> next = random_cycle(1000, 1);
  int to_neighbour = 0;
  for (std::uint32_t i = 0; i < 1000; ++i) to_neighbour += next[i] == (i + 1) % 1000;
  CHECK(to_neighbour < 10);
  // The seed picks the order.
  CHECK(random_cycle(1000, 1) == next);
  CHECK(random_cycle(1000, 2) != next);
}

TEST_CASE("bench memory: a point reads the working set's chain, as many times as asked") {
  const auto lines = 1000u;
  const std::vector<std::uint32_t> next = random_cycle(lines, 7);
  auto point = run_memory_point(lines * kLineBytes + 10, 1, 7);  // rounded down to lines
  CHECK(point.lines == lines);
  CHECK(point.bytes == lines * kLineBytes);
  CHECK(point.accesses == 1);
  CHECK(point.last == next[0]);
  point = run_memory_point(lines * kLineBytes, lines, 7);  // a whole round: back to the start
  CHECK(point.last == 0);
  point = run_memory_point(lines * kLineBytes, lines + 2, 7);
  CHECK(point.last == next[next[0]]);
  CHECK(point.ns_per_access > 0);
}

TEST_CASE("bench memory: the sizes double, with one half-way between") {
  const std::vector<std::uint64_t> sizes = memory_sizes(MemoryOptions{});
  const double mib = 1 << 20;
  REQUIRE(sizes.size() == 17);  // 0.25, 0.375, 0.5, ..., 48, 64
  CHECK(sizes.front() == 0.25 * mib);
  CHECK(sizes[1] == 0.375 * mib);
  CHECK(sizes[2] == 0.5 * mib);
  CHECK(sizes.back() == 64 * mib);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    CHECK(sizes[i] % kLineBytes == 0);
    if (i > 0) CHECK(sizes[i] > sizes[i - 1]);
  }
  MemoryOptions one;
  one.min_mib = 3;
  one.max_mib = 3;
  CHECK(memory_sizes(one) == std::vector<std::uint64_t>{3 * (1 << 20)});
  one.min_mib = 0;       // at least two lines
  one.max_mib = 0.0001;  // less than two lines
  CHECK(memory_sizes(one) == std::vector<std::uint64_t>{2 * kLineBytes});
}

TEST_CASE("bench memory: one line of key=value pairs per size") {
  using corridor::testing::run_corridor;
  const auto o = run_corridor({"bench", "memory", "--max-mib", "0.5", "--accesses", "1000"});
  CHECK(o.exit_code == 0);
  std::istringstream lines(o.out);
  std::string line;
  std::vector<std::string> got;
  while (std::getline(lines, line)) got.push_back(line);
  REQUIRE(got.size() == 3);
  CHECK(got[0].rfind("model=memory mib=0.25 lines=4096 accesses=1000 run_s=", 0) == 0);
  CHECK(got[2].rfind("model=memory mib=0.5 lines=8192 ", 0) == 0);
  CHECK(got[2].find(" ns_per_access=") != std::string::npos);
  const auto bad = run_corridor({"bench", "memory", "--max-mib", "-1"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--max-mib") != std::string::npos);
  const auto upside_down = run_corridor({"bench", "memory", "--min-mib", "8", "--max-mib", "4"});
  CHECK(upside_down.exit_code == 2);
  CHECK(upside_down.out.empty());
  CHECK(upside_down.err.find("--min-mib 8 is more than --max-mib 4") != std::string::npos);
}
