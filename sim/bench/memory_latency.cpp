// Memory read latency by working-set size: a chain of dependent reads through cache lines
// in random order. Only the timed chain is measured; building the chain is not.
#include "corridor/bench/memory_latency.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <utility>

#include "corridor/core/random.hpp"

namespace corridor::bench {
namespace {

// One cache line; the first word names the next line to read.
struct alignas(kLineBytes) Line {
  std::uint32_t next = 0;
  std::uint32_t pad[kLineBytes / sizeof(std::uint32_t) - 1] = {};
};
static_assert(sizeof(Line) == kLineBytes);

// Uniform on [0, n) without the bias of a plain modulo (Lemire's multiply-shift with
// rejection).
std::uint32_t below(core::RandomStream& rng, std::uint32_t n) {
  for (;;) {
    const std::uint64_t m = (rng.next_u64() >> 32) * n;
    const auto low = static_cast<std::uint32_t>(m);
    if (low >= n || low >= (0u - n) % n) return static_cast<std::uint32_t>(m >> 32);
  }
}

}  // namespace

std::vector<std::uint64_t> memory_sizes(const MemoryOptions& options) {
  std::vector<std::uint64_t> sizes;
  const double lo = std::max(options.min_mib, 2.0 * kLineBytes / (1 << 20));  // two lines
  const double hi = std::max(options.max_mib, lo) * (1 + 1e-9);
  for (double mib = lo; mib <= hi; mib *= 2) {
    for (double s : {mib, mib * 1.5}) {
      if (s > hi) break;
      const auto lines = static_cast<std::uint64_t>(s * (1 << 20) / kLineBytes);
      if (sizes.empty() || lines * kLineBytes > sizes.back()) sizes.push_back(lines * kLineBytes);
    }
  }
  return sizes;
}

std::vector<std::uint32_t> random_cycle(std::uint32_t lines, std::uint64_t seed) {
  std::vector<std::uint32_t> next(lines);
  for (std::uint32_t i = 0; i < lines; ++i) next[i] = i;
  core::RandomStream rng(seed, 0, core::stream_key("bench/memory"));
  // Sattolo: swapping with a strictly earlier place leaves one cycle through every line.
  for (std::uint32_t i = lines; i-- > 1;) std::swap(next[i], next[below(rng, i)]);
  return next;
}

MemoryPoint run_memory_point(std::uint64_t bytes, std::uint64_t accesses, std::uint64_t seed) {
  MemoryPoint point;
  point.lines = std::max<std::uint64_t>(bytes / kLineBytes, 2);
  assert(point.lines <= UINT32_MAX);  // 256 GiB; the command allows 4 GiB
  point.bytes = point.lines * kLineBytes;
  point.accesses = accesses;
  const auto lines = static_cast<std::uint32_t>(point.lines);
  std::vector<Line> memory(lines);
  {
    const std::vector<std::uint32_t> next = random_cycle(lines, seed);
    for (std::uint32_t i = 0; i < lines; ++i) memory[i].next = next[i];
  }
  // One untimed round through every line, so that the timed reads start where they go on:
  // whatever of the block the caches can hold is in them.
  std::uint32_t at = 0;
  for (std::uint32_t i = 0; i < lines; ++i) at = memory[at].next;

  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < accesses; ++i) at = memory[at].next;
  point.run_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  point.last = at;
  point.ns_per_access = accesses > 0 ? point.run_s * 1e9 / static_cast<double>(accesses) : 0;
  return point;
}

std::string format_line(const MemoryPoint& p) {
  return fmt::format(
      "model=memory mib={:.4g} lines={} accesses={} run_s={:.4f} ns_per_access={:.1f}",
      static_cast<double>(p.bytes) / (1 << 20), p.lines, p.accesses, p.run_s, p.ns_per_access);
}

}  // namespace corridor::bench
