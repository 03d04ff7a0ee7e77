// Queueing theory checks of the kernel: small open networks of FIFO multi-server stations built
// from core::Scheduler and core::Resource exactly as the transport model builds its own, run for
// several replications, and compared with closed-form results through 95% confidence intervals.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/core/random.hpp"
#include "corridor/core/resource.hpp"
#include "corridor/core/scheduler.hpp"
#include "corridor/core/statistics.hpp"

namespace {

using corridor::core::Estimate;
using corridor::core::Event;
using corridor::core::RandomStream;
using corridor::core::Resource;
using corridor::core::Scheduler;
using corridor::core::Tally;
using corridor::core::Tick;
using corridor::core::TimeWeighted;

constexpr double kTicksPerUnit = 1e6;

struct Station {
  int servers = 1;
  double mean_service = 1;  ///< model time units, exponential
};

/// Poisson arrivals visit every station in order, each a FIFO queue with exponential service.
struct Network {
  std::string name;         ///< keys the random streams, so that no two tests share random numbers
  double arrival_rate = 1;  ///< per model time unit
  std::vector<Station> stations;
  double warmup = 0;  ///< model time units discarded at the start
  double horizon = 0;
};

/// What one replication observed after the warm-up.
struct Observed {
  std::vector<double> mean_wait;  ///< per station: time in queue, request to grant
  double mean_sojourn = 0;        ///< arrival to leaving the last station
  double mean_in_system = 0;      ///< time average of the number of customers present
  double arrival_rate = 0;        ///< arrivals per unit time
};

class NetworkModel {
 public:
  NetworkModel(const Network& net, std::uint64_t seed, std::uint64_t replication)
      : net_(net),
        arrivals_(seed, replication, corridor::core::stream_key(net.name + "/arrivals")),
        waits_(net.stations.size()) {
    for (std::size_t s = 0; s < net.stations.size(); ++s) {
      stations_.emplace_back(net.stations[s].servers);
      service_.emplace_back(seed, replication,
                            corridor::core::stream_key(net.name + "/service/" + std::to_string(s)));
    }
  }

  Observed run() {
    schedule_arrival();
    const auto handler = [this](const Event& e) {
      if (e.kind == kArrival) {
        arrive();
      } else {
        service_done(e.target, e.tag);
      }
    };
    const Tick warmup = ticks(net_.warmup);
    scheduler_.run_until(warmup, handler);
    scheduler_.advance_to(warmup);
    in_system_.reset(net_.warmup);
    scheduler_.run_until(ticks(net_.horizon), handler);

    Observed out;
    for (const Tally& w : waits_) out.mean_wait.push_back(w.mean());
    out.mean_sojourn = sojourn_.mean();
    out.mean_in_system = in_system_.average(net_.horizon);
    out.arrival_rate = static_cast<double>(counted_) / (net_.horizon - net_.warmup);
    return out;
  }

 private:
  static constexpr std::uint16_t kArrival = 0;
  static constexpr std::uint16_t kServiceDone = 1;

  static Tick ticks(double units) { return corridor::core::to_ticks(units, kTicksPerUnit); }
  double now_units() const { return static_cast<double>(scheduler_.now()) / kTicksPerUnit; }
  bool counted(std::uint32_t who) const { return arrived_at_[who] >= ticks(net_.warmup); }

  void schedule_arrival() {
    scheduler_.schedule(ticks(arrivals_.exponential(1 / net_.arrival_rate)), 0, kArrival);
  }

  void arrive() {
    const auto who = static_cast<std::uint32_t>(arrived_at_.size());
    arrived_at_.push_back(scheduler_.now());
    if (counted(who)) ++counted_;
    in_system_.set(now_units(), static_cast<double>(++present_));
    schedule_arrival();
    request(who, 0);
  }

  void request(std::uint32_t who, std::uint16_t station) {
    if (stations_[station].request(who, scheduler_.now())) start_service(who, station, 0);
  }

  void start_service(std::uint32_t who, std::uint16_t station, Tick waited) {
    if (counted(who)) waits_[station].add(static_cast<double>(waited) / kTicksPerUnit);
    const double service = service_[station].exponential(net_.stations[station].mean_service);
    scheduler_.schedule(ticks(service), who, kServiceDone, station);
  }

  void service_done(std::uint32_t who, std::uint16_t station) {
    const Tick now = scheduler_.now();
    if (auto next = stations_[station].release(now)) {
      start_service(next->who, station, now - next->requested_at);
    }
    if (station + 1u < stations_.size()) {
      request(who, static_cast<std::uint16_t>(station + 1));
      return;
    }
    if (counted(who)) sojourn_.add(static_cast<double>(now - arrived_at_[who]) / kTicksPerUnit);
    in_system_.set(now_units(), static_cast<double>(--present_));
  }

  const Network& net_;
  Scheduler scheduler_;
  RandomStream arrivals_;
  std::vector<RandomStream> service_;
  std::vector<Resource> stations_;
  std::vector<Tick> arrived_at_;  ///< by customer number
  std::vector<Tally> waits_;
  Tally sojourn_;
  TimeWeighted in_system_;
  std::uint64_t counted_ = 0;
  int present_ = 0;
};

// Fixed, so the outcome is reproducible. Each test case has its own streams; with about nine
// 95% intervals checked, roughly one seed in four would show an interval that misses, which is
// what 95% means, not a defect.
constexpr std::uint64_t kSeed = 20261122;

std::vector<Observed> replicate(const Network& net, int replications) {
  std::vector<Observed> runs;
  for (int r = 0; r < replications; ++r) runs.push_back(NetworkModel(net, kSeed, r).run());
  return runs;
}

template <typename Field>
Estimate estimate_of(const std::vector<Observed>& runs, Field field) {
  std::vector<double> values;
  for (const Observed& o : runs) values.push_back(field(o));
  return corridor::core::estimate(values);
}

/// Erlang's C formula: the probability that an arrival to an M/M/c queue has to wait, with
/// offered load a = lambda / mu (a < c).
double erlang_c(int c, double a) {
  double term = 1;  // a^k / k!
  double below = 0;
  for (int k = 0; k < c; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  const double at_c = term * c / (c - a);
  return at_c / (below + at_c);
}

// The interval must hold the theory value and be narrow enough for that to mean something.
void check_estimate(const Estimate& e, double theory, double max_relative_half_width) {
  INFO("mean " << e.mean << ", 95% CI [" << e.ci95_low << ", " << e.ci95_high << "], theory "
               << theory);
  CHECK(e.ci95_low <= theory);
  CHECK(theory <= e.ci95_high);
  CHECK(e.half_width() <= max_relative_half_width * theory);
}

}  // namespace

TEST_CASE("erlang's C formula gives the hand-computed waiting probability", "[core]") {
  // c = 3, a = 2: (8/6 * 3) / (1 + 2 + 2 + 4) = 4/9.
  CHECK(erlang_c(3, 2.0) == Approx(4.0 / 9));
  // One server: the probability of waiting is the utilisation.
  CHECK(erlang_c(1, 0.7) == Approx(0.7));
  // c = 2, a = 1.2: 1.8 / (1 + 1.2 + 1.8).
  CHECK(erlang_c(2, 1.2) == Approx(0.45));
}

TEST_CASE("an M/M/1 queue waits rho/(mu - lambda) on average", "[core][queueing]") {
  const double lambda = 0.6;
  const double mu = 1.0;
  const Network net{"mm1", lambda, {{1, 1 / mu}}, 1000, 41000};
  const auto runs = replicate(net, 30);
  const double rho = lambda / mu;
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_wait[0]; }),
                 rho / (mu - lambda), 0.035);
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_sojourn; }),
                 1 / (mu - lambda), 0.025);
}

TEST_CASE("an M/M/3 queue waits as Erlang's C formula predicts", "[core][queueing]") {
  const double lambda = 2.0;
  const double mu = 1.0;
  const int c = 3;
  const Network net{"mm3", lambda, {{c, 1 / mu}}, 1000, 21000};
  const auto runs = replicate(net, 30);
  const double wq = erlang_c(c, lambda / mu) / (c * mu - lambda);  // 4/9
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_wait[0]; }), wq, 0.035);
}

TEST_CASE("two M/M/1 queues in tandem take the sum of their sojourn times", "[core][queueing]") {
  const double lambda = 0.5;
  const double mu1 = 1.0;
  const double mu2 = 0.8;
  const Network net{"tandem", lambda, {{1, 1 / mu1}, {1, 1 / mu2}}, 1000, 41000};
  const auto runs = replicate(net, 30);
  // Jackson: each station behaves as an M/M/1 queue fed by a Poisson stream of rate lambda.
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_wait[0]; }),
                 (lambda / mu1) / (mu1 - lambda), 0.04);
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_wait[1]; }),
                 (lambda / mu2) / (mu2 - lambda), 0.04);
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_sojourn; }),
                 1 / (mu1 - lambda) + 1 / (mu2 - lambda), 0.025);
}

TEST_CASE("little's law holds: time-average number in system equals lambda times sojourn",
          "[core][queueing]") {
  // An M/M/2 queue: lambda = 1.2, mu = 1, so C(2, 1.2) = 0.45, Wq = 0.5625, W = 1.5625.
  const double lambda = 1.2;
  const double mu = 1.0;
  const Network net{"mm2", lambda, {{2, 1 / mu}}, 1000, 31000};
  const auto runs = replicate(net, 30);
  // Along every path: L = (observed arrival rate) x (mean sojourn), up to the customers
  // present at the ends of the observation window.
  for (const Observed& o : runs) {
    CHECK(o.mean_in_system == Approx(o.arrival_rate * o.mean_sojourn).epsilon(0.01));
  }
  // And across replications both sides agree with the theory value L = lambda (Wq + 1/mu).
  const double l_theory = lambda * (erlang_c(2, lambda / mu) / (2 * mu - lambda) + 1 / mu);
  CHECK(l_theory == Approx(1.875));
  check_estimate(estimate_of(runs, [](const Observed& o) { return o.mean_in_system; }), l_theory,
                 0.03);
  check_estimate(estimate_of(runs, [lambda](const Observed& o) { return lambda * o.mean_sojourn; }),
                 l_theory, 0.03);
}
