// The kernel benchmark models: plain event handlers on core::Scheduler and core::Resource, as
// the transport model uses them. Only the run loop is timed; set-up and formatting are not.
#include "corridor/bench/engine_models.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <vector>

#include "corridor/core/random.hpp"
#include "corridor/core/resource.hpp"
#include "corridor/core/scheduler.hpp"
#include "corridor/core/sim_time.hpp"

namespace corridor::bench {
namespace {

using core::Tick;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double per_second(std::uint64_t events, double seconds) {
  return seconds > 0 ? static_cast<double>(events) / seconds : 0.0;
}

// Calendar buckets of 2^13 ticks to start with, 1/122 of a time unit (the delays of both models
// are of the order of one unit): the fastest fixed width for the three benchmarks of
// docs/performance.md.
constexpr int kBucketBits = 13;

}  // namespace

TimeoutResult run_timeout(const TimeoutOptions& options) {
  core::Scheduler scheduler(kBucketBits);
  scheduler.reserve(options.processes);
  core::RandomStream rng(options.seed, 0, core::stream_key("bench/timeout"));
  auto next_delay = [&rng] { return core::to_ticks(rng.exponential(1.0), kTicksPerUnit); };
  for (std::uint32_t p = 0; p < options.processes; ++p) scheduler.schedule(next_delay(), p, 0);
  const Tick horizon = core::to_ticks(options.horizon, kTicksPerUnit);

  const auto start = Clock::now();
  const std::uint64_t events = scheduler.run_until(
      horizon, [&](const core::Event& e) { scheduler.schedule(next_delay(), e.target, 0); });
  TimeoutResult result;
  result.run_s = seconds_since(start);
  result.options = options;
  result.model_events = events;
  result.rate = per_second(events, result.run_s);
  const double process_units = static_cast<double>(options.processes) * options.horizon;
  result.events_per_process = process_units > 0 ? static_cast<double>(events) / process_units : 0;
  return result;
}

namespace {

// The corridor model's state. Resources 0..19 are the sections, 20 is the port.
class CorridorModel {
 public:
  static constexpr int kPort = kCorridorSections;
  static constexpr std::uint16_t kHoldDone = 1;

  explicit CorridorModel(std::uint64_t seed)
      : rng_(seed, 0, core::stream_key("bench/corridor")), at_(kCorridorTrains, 0) {
    for (int k = 0; k < kCorridorSections; ++k) resources_[k] = core::Resource(1);
    resources_[kPort] = core::Resource(kCorridorPortBerths);
    for (int k = 0; k < kCorridorSections; ++k) section_base_[k] = 0.5 + 0.05 * (k % 5);
    scheduler_.reserve(kCorridorSections + kCorridorPortBerths + 1);
  }

  // Every train makes its first request at time 0, in order of its index.
  void start() {
    for (std::uint32_t train = 0; train < kCorridorTrains; ++train) {
      request(train, static_cast<int>(train % kCorridorSections));
    }
  }

  std::uint64_t run(Tick horizon) {
    return scheduler_.run_until(horizon, [this](const core::Event& e) { hold_done(e.target); });
  }

  [[nodiscard]] std::uint64_t grants() const { return sec_grants_ + port_grants_; }
  [[nodiscard]] std::uint64_t port_grants() const { return port_grants_; }
  [[nodiscard]] double mean_port_wait() const { return mean_wait(port_wait_, port_grants_); }
  [[nodiscard]] double mean_sec_wait() const { return mean_wait(sec_wait_, sec_grants_); }

 private:
  static double mean_wait(Tick total, std::uint64_t count) {
    return count ? static_cast<double>(total) / kTicksPerUnit / static_cast<double>(count) : 0;
  }

  void request(std::uint32_t train, int where) {
    at_[train] = static_cast<std::uint8_t>(where);
    if (resources_[where].request(train, scheduler_.now())) granted(train, where, 0);
  }

  void granted(std::uint32_t train, int where, Tick waited) {
    double hold;
    if (where == kPort) {
      ++port_grants_;
      port_wait_ += waited;
      hold = rng_.exponential(4.0);
    } else {
      ++sec_grants_;
      sec_wait_ += waited;
      hold = section_base_[where] + rng_.exponential(0.5);
    }
    scheduler_.schedule(core::to_ticks(hold, kTicksPerUnit), train, kHoldDone);
  }

  // Release the resource (the unit may pass to the first waiter), then ask for the next one.
  void hold_done(std::uint32_t train) {
    const Tick now = scheduler_.now();
    const int where = at_[train];
    if (auto next = resources_[where].release(now)) {
      granted(next->who, where, now - next->requested_at);
    }
    request(train, where == kPort ? 0 : where + 1);
  }

  core::Scheduler scheduler_{kBucketBits};
  core::RandomStream rng_;
  std::array<core::Resource, kCorridorSections + 1> resources_;
  std::array<double, kCorridorSections> section_base_{};
  std::vector<std::uint8_t> at_;  ///< resource each train holds or waits for
  std::uint64_t sec_grants_ = 0;
  std::uint64_t port_grants_ = 0;
  Tick sec_wait_ = 0;
  Tick port_wait_ = 0;
};

}  // namespace

CorridorResult run_corridor(const CorridorOptions& options) {
  CorridorModel model(options.seed);
  model.start();
  const Tick horizon = core::to_ticks(options.horizon, kTicksPerUnit);
  // Grants made at time 0 by the initial requests count as model events but are not timed.
  const auto start = Clock::now();
  const std::uint64_t holds = model.run(horizon);
  CorridorResult result;
  result.run_s = seconds_since(start);
  result.options = options;
  result.holds = holds;
  result.grants = model.grants();
  result.port_visits = model.port_grants();
  result.model_events = result.grants + result.holds;
  result.rate = per_second(result.model_events, result.run_s);
  result.mean_port_wait = model.mean_port_wait();
  result.mean_sec_wait = model.mean_sec_wait();
  return result;
}

std::string format_line(const TimeoutResult& r) {
  return fmt::format(
      "model=timeout processes={} horizon={} seed={} model_events={} run_s={:.4f} "
      "rate={:.0f} events_per_process={:.4f}",
      r.options.processes, r.options.horizon, r.options.seed, r.model_events, r.run_s, r.rate,
      r.events_per_process);
}

std::string format_line(const CorridorResult& r) {
  return fmt::format(
      "model=corridor horizon={} seed={} model_events={} run_s={:.4f} rate={:.0f} "
      "grants={} holds={} port_visits={} mean_port_wait={:.4f} mean_sec_wait={:.4f}",
      r.options.horizon, r.options.seed, r.model_events, r.run_s, r.rate, r.grants, r.holds,
      r.port_visits, r.mean_port_wait, r.mean_sec_wait);
}

}  // namespace corridor::bench
