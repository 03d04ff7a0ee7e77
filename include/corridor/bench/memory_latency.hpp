// How long one read takes when the data read is spread over a given amount of memory: the
// machine's side of the synthetic series in docs/performance.md. A large network's events
// touch their trains, resources and counters in an order close to random, so the time per
// event follows this curve once what the events touch outgrows the caches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace corridor::bench {

struct MemoryOptions {
  double min_mib = 0.25;             ///< smallest working set
  double max_mib = 64;               ///< largest working set
  std::uint64_t accesses = 1 << 24;  ///< timed reads per working set
  std::uint64_t seed = 1;
};

/// One working set: `lines` cache lines of 64 bytes, read one after another in a random
/// cyclic order where each read needs the one before (so reads cannot overlap).
struct MemoryPoint {
  std::uint64_t bytes = 0;
  std::uint64_t lines = 0;
  std::uint64_t accesses = 0;
  double run_s = 0;          ///< wall-clock seconds of the timed reads
  double ns_per_access = 0;  ///< run_s / accesses, in nanoseconds
  std::uint32_t last = 0;    ///< the line the reads ended on (keeps them from being elided)
};

inline constexpr std::uint64_t kLineBytes = 64;

/// The working sets measured: from min_mib to max_mib, doubling, with the size half-way
/// (×1.5) between each two (0.25, 0.375, 0.5, 0.75, 1, 1.5, ... MiB), each a whole number of
/// lines.
std::vector<std::uint64_t> memory_sizes(const MemoryOptions& options);

/// A random cyclic permutation of 0..lines-1 (Sattolo's algorithm): following next[i] from
/// any line visits every line once before coming back.
std::vector<std::uint32_t> random_cycle(std::uint32_t lines, std::uint64_t seed);

/// Measures one working set of `bytes` (rounded down to whole lines, at least 2).
MemoryPoint run_memory_point(std::uint64_t bytes, std::uint64_t accesses, std::uint64_t seed);

/// One line of `key=value` pairs, without a trailing newline.
std::string format_line(const MemoryPoint& point);

}  // namespace corridor::bench
