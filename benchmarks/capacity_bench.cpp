// Micro-benchmarks of the capacity bounds' maximum flow (Google Benchmark): bounds between two
// nearby vertices of a square grid, as `corridor capacity` bounds flow after flow on one large
// network. Whether the narrowest arc lies at the origin or at the destination decides how much
// of the grid the last search covers (docs/decisions/0002-local-maximum-flow.md), and so how a
// bound's time grows with the grid. Every bound is checked (value and cut), and the program
// exits with 1 when one is wrong. How to run them: docs/performance.md, "Micro-benchmarks of the
// capacity bounds".
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "corridor/capacity/max_flow.hpp"

namespace {

using corridor::capacity::Arc;
using corridor::capacity::MaxFlowGraph;

// Set when a bound comes out wrong: the program then exits with 1, whatever the output format.
std::atomic<bool> g_failed{false};

constexpr std::size_t kSource = 0;  // numbered as the capacity analysis numbers them
constexpr std::size_t kSink = 1;
constexpr std::int64_t kWide = 1'000;
constexpr std::int64_t kNarrow = 1;
constexpr std::size_t kApart = 8;  // columns between a bound's two ends

std::size_t at(std::size_t side, std::size_t x, std::size_t y) { return 2 + y * side + x; }

/// A side × side grid with an arc of kWide each way between neighbours.
std::vector<Arc> grid(std::size_t side) {
  std::vector<Arc> arcs;
  for (std::size_t y = 0; y < side; ++y) {
    for (std::size_t x = 0; x < side; ++x) {
      if (x + 1 < side) {
        arcs.push_back({at(side, x, y), at(side, x + 1, y), kWide});
        arcs.push_back({at(side, x + 1, y), at(side, x, y), kWide});
      }
      if (y + 1 < side) {
        arcs.push_back({at(side, x, y), at(side, x, y + 1), kWide});
        arcs.push_back({at(side, x, y + 1), at(side, x, y), kWide});
      }
    }
  }
  return arcs;
}

/// One item is one bound between two vertices kApart columns apart, taken in turn from the
/// whole grid. The source's arc to the origin, or the destination's arc to the sink, is the
/// narrow one, and so the minimum cut.
void bounds(benchmark::State& state, bool narrow_at_destination) {
  const auto side = static_cast<std::size_t>(state.range(0));
  const std::vector<Arc> arcs = grid(side);
  MaxFlowGraph graph(2 + side * side, arcs);
  const std::size_t cut_arc = arcs.size() + (narrow_at_destination ? 1 : 0);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::size_t x = next % (side - kApart);
    const std::size_t y = (next / (side - kApart)) % side;
    ++next;
    const std::vector<Arc> ends = {
        {kSource, at(side, x, y), narrow_at_destination ? kWide : kNarrow},
        {at(side, x + kApart, y), kSink, narrow_at_destination ? kNarrow : kWide}};
    const auto flow = graph.solve(ends, kSource, kSink);
    if (flow.value != kNarrow || flow.cut != std::vector<std::size_t>{cut_arc}) {
      g_failed = true;
      state.SkipWithError("wrong bound or cut");
      break;
    }
    benchmark::DoNotOptimize(flow);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["vertices"] = static_cast<double>(2 + side * side);
}

void BM_BoundCutAtOrigin(benchmark::State& state) { bounds(state, false); }
void BM_BoundCutAtDestination(benchmark::State& state) { bounds(state, true); }

// Grids of about 10^4 and 9 × 10^4 vertices (the capacity graph of a generated network of 10^4
// nodes has 58,392).
BENCHMARK(BM_BoundCutAtOrigin)->Arg(100)->Arg(300);
BENCHMARK(BM_BoundCutAtDestination)->Arg(100)->Arg(300);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return g_failed ? 1 : 0;
}
