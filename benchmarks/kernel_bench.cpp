// Micro-benchmarks of the kernel's parts (Google Benchmark): the calendar against the plain
// heap it fronts, a FIFO resource, the random streams and the duration statistics. `corridor
// bench` measures whole models; these say which part a change to the kernel moved, and by how
// much, in a few seconds. Every benchmark checks what it computes (the calendar's order, the
// resource's grants, the quantiles) and stops with an error when it is wrong, so the test that
// runs them briefly fails too. How to run them: docs/performance.md, "Micro-benchmarks of the
// kernel's parts".
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "corridor/core/event_calendar.hpp"
#include "corridor/core/event_queue.hpp"
#include "corridor/core/process_memory.hpp"
#include "corridor/core/random.hpp"
#include "corridor/core/resource.hpp"
#include "corridor/core/sim_time.hpp"
#include "corridor/core/statistics.hpp"

namespace {

using corridor::core::Event;
using corridor::core::EventCalendar;
using corridor::core::EventQueue;
using corridor::core::RandomStream;
using corridor::core::Tick;

// Set when a benchmark finds a wrong result: the program then exits with 1, whatever the output
// format asked for.
std::atomic<bool> g_failed{false};

void fail(benchmark::State& state, const char* what) {
  g_failed = true;
  state.SkipWithError(what);
}

constexpr double kTicksPerUnit = 1e6;  // as `corridor bench`: delays of about one unit
constexpr int kBucketBits = 13;        // the engine models' starting width

// The delay to an event's next occurrence: Exp(mean 1) in ticks, or, with `whole_units`, rounded
// down to whole units, so that many events fall due at the same tick (as timetabled departures
// do), nearly two in three of them again at once (a delay of zero, as when a closed line reopens
// and every waiting train moves), and the calendar orders them by sequence alone.
Tick next_delay(RandomStream& rng, bool whole_units) {
  const double units = rng.exponential(1.0);
  if (whole_units) return static_cast<Tick>(units) * 1'000'000;
  return corridor::core::to_ticks(units, kTicksPerUnit);
}

// The hold model of priority-queue studies: `pending` events wait; each step takes the first
// and puts it back one delay later, so the number pending stays the same. One item is one pop
// and one push.
template <typename Queue>
void hold(benchmark::State& state, Queue& queue, bool whole_units) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  RandomStream rng(1, 0, 0);
  std::uint64_t sequence = 0;
  for (std::uint32_t i = 0; i < pending; ++i) {
    queue.push(Event{next_delay(rng, whole_units), sequence++, i, 0, 0});
  }
  Event last{};
  bool in_order = true;
  for (auto _ : state) {
    Event e = queue.pop();
    in_order &= !corridor::core::before(e, last);
    last = e;
    e.time += next_delay(rng, whole_units);
    e.order = sequence++;
    queue.push(e);
  }
  if (!in_order) fail(state, "events came out of order");
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(queue.size());
  if constexpr (requires { queue.bucket_bits(); }) {
    state.counters["bucket_bits"] = queue.bucket_bits();
    state.counters["buckets"] = static_cast<double>(queue.bucket_count());
  }
}

void BM_CalendarHold(benchmark::State& state) {
  EventCalendar calendar(kBucketBits);
  hold(state, calendar, false);
}
void BM_CalendarHoldTies(benchmark::State& state) {
  EventCalendar calendar(kBucketBits);
  hold(state, calendar, true);
}
void BM_HeapHold(benchmark::State& state) {
  EventQueue heap;
  hold(state, heap, false);
}
void BM_HeapHoldTies(benchmark::State& state) {
  EventQueue heap;
  hold(state, heap, true);
}
BENCHMARK(BM_CalendarHold)->Arg(1'000)->Arg(100'000);
BENCHMARK(BM_HeapHold)->Arg(1'000)->Arg(100'000);
BENCHMARK(BM_CalendarHoldTies)->Arg(1'000)->Arg(100'000);
BENCHMARK(BM_HeapHoldTies)->Arg(1'000)->Arg(100'000);

// A single-track section shared by `users` trains: each step the holder releases it, the unit
// passes to the first in the queue, and the holder asks again at the back. One item is one
// release and one request.
void BM_ResourceHandOver(benchmark::State& state) {
  const auto users = static_cast<std::uint32_t>(state.range(0));
  corridor::core::Resource section(1);
  for (std::uint32_t u = 0; u < users; ++u) section.request(u, 0);
  std::uint32_t holder = 0;
  Tick now = 0;
  bool fifo = true;
  for (auto _ : state) {
    ++now;
    const auto grant = section.release(now);
    const std::uint32_t next = (holder + 1) % users;
    fifo &= grant.has_value() && grant->who == next;
    section.request(holder, now);
    holder = next;
  }
  if (!fifo) fail(state, "the unit did not pass to the first in the queue");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResourceHandOver)->Arg(2)->Arg(64);

void BM_RandomUniform(benchmark::State& state) {
  RandomStream rng(1, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(rng.uniform01());
  state.SetItemsProcessed(state.iterations());
}
void BM_RandomExponential(benchmark::State& state) {
  RandomStream rng(1, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(rng.exponential(1.0));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomUniform);
BENCHMARK(BM_RandomExponential);

double ticks_to_hours(std::int64_t ticks) { return static_cast<double>(ticks) / 3.6e6; }

// What the report does with a flow's transit times at the end of a replication: n durations
// (a tenth of them zero) added, then their mean, median and 95th percentile. One item is one
// duration.
void BM_DurationQuantiles(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RandomStream rng(1, 0, 0);
  std::vector<std::int64_t> durations(n);
  for (auto& d : durations) {
    d = rng.uniform01() < 0.1 ? 0 : corridor::core::to_ticks(rng.exponential(3.6e6), 1.0);
  }
  std::vector<std::int64_t> sorted = durations;
  std::sort(sorted.begin(), sorted.end());
  for (auto _ : state) {
    corridor::core::DurationSamples samples;
    samples.reserve(n);
    for (const std::int64_t d : durations) samples.add(d);
    benchmark::DoNotOptimize(samples.mean(ticks_to_hours));
    const double median = samples.quantile(0.5, ticks_to_hours);
    const double p95 = samples.quantile(0.95, ticks_to_hours);
    if (median > p95 || p95 > ticks_to_hours(sorted.back()) || median < 0) {
      fail(state, "quantiles out of order");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_DurationQuantiles)->Arg(1'000)->Arg(1'000'000);

// The waits at every link of a network in one log, then handed out per link: n waits over
// `groups` links. One item is one wait.
void BM_GroupedDurations(benchmark::State& state) {
  const auto groups = static_cast<std::uint32_t>(state.range(0));
  constexpr std::size_t kWaits = 1'000'000;
  RandomStream rng(1, 0, 0);
  std::vector<std::uint32_t> group(kWaits);
  std::vector<std::int64_t> ticks(kWaits);
  for (std::size_t i = 0; i < kWaits; ++i) {
    group[i] = static_cast<std::uint32_t>(rng.next_u64() % groups);
    ticks[i] = static_cast<std::int64_t>(rng.next_u64() % 3'600'000);
  }
  for (auto _ : state) {
    corridor::core::GroupedDurations log(groups);
    for (std::size_t i = 0; i < kWaits; ++i) log.add(group[i], ticks[i]);
    const std::vector<corridor::core::DurationSamples> per_group = log.take();
    std::size_t total = 0;
    for (const auto& s : per_group) total += s.size();
    if (total != kWaits) {
      fail(state, "waits lost between the log and the groups");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kWaits));
}
BENCHMARK(BM_GroupedDurations)->Arg(1'000)->Arg(100'000);

}  // namespace

int main(int argc, char** argv) {
  // As the corridor program does: a benchmark that allocates and frees in every iteration then
  // measures the work, not page faults.
  corridor::core::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return g_failed ? 1 : 0;
}
