// Tests of the event heap, the bucketed calendar and the scheduler loop
// (corridor/core/event_queue.hpp, event_calendar.hpp, scheduler.hpp): the total deterministic
// order of events and the run_until contract that every model relies on.
#include "corridor/core/event_queue.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <tuple>
#include <vector>

#include "corridor/core/event_calendar.hpp"
#include "corridor/core/random.hpp"
#include "corridor/core/scheduler.hpp"

using corridor::core::Event;
using corridor::core::EventCalendar;
using corridor::core::EventQueue;
using corridor::core::RandomStream;
using corridor::core::Scheduler;
using corridor::core::Tick;

namespace {

Event make_event(Tick time, int priority, std::uint64_t sequence, std::uint32_t target) {
  Event e;
  e.time = time;
  e.order = (static_cast<std::uint64_t>(priority) << Event::kSequenceBits) | sequence;
  e.target = target;
  return e;
}

// A steady load on a calendar, mirrored in the heap: `pending` events, each due 0 to
// `max_delay` ticks ahead; every pop is checked against the heap and followed by a new event.
class SteadyLoad {
 public:
  SteadyLoad(EventCalendar& calendar, std::uint64_t seed, int pending, double max_delay)
      : calendar_(calendar), rng_(seed, 0, 2), max_delay_(max_delay) {
    for (int i = 0; i < pending; ++i) push(0);
  }

  void run(int rounds) {
    for (int round = 0; round < rounds; ++round) {
      const Event a = heap_.pop();
      const Event b = calendar_.pop();
      REQUIRE(std::tie(a.time, a.order, a.target) == std::tie(b.time, b.order, b.target));
      push(a.time);
    }
  }

  // Pops everything left, checking the order against the heap.
  void drain() {
    while (!heap_.empty()) REQUIRE(calendar_.pop().target == heap_.pop().target);
    CHECK(calendar_.empty());
  }

 private:
  void push(Tick now) {
    const Event e = make_event(now + static_cast<Tick>(rng_.uniform01() * max_delay_),
                               static_cast<int>(rng_.uniform01() * 3), sequence_,
                               static_cast<std::uint32_t>(sequence_));
    ++sequence_;
    heap_.push(e);
    calendar_.push(e);
  }

  EventCalendar& calendar_;
  EventQueue heap_;
  RandomStream rng_;
  double max_delay_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

TEST_CASE("events at the same time run in priority then insertion order", "[core]") {
  Scheduler s;
  s.schedule_at(10, 0, 0, 0, 200);
  s.schedule_at(10, 1, 0, 0, 5);
  s.schedule_at(10, 2, 0);
  s.schedule_at(10, 3, 0, 0, 5);
  s.schedule_at(10, 4, 0);
  std::vector<std::uint32_t> seen;
  s.run_until(100, [&](const Event& e) { seen.push_back(e.target); });
  CHECK(seen == std::vector<std::uint32_t>{1, 3, 2, 4, 0});
}

TEST_CASE("an earlier event runs first whatever its priority", "[core]") {
  Scheduler s;
  s.schedule_at(20, 0, 0, 0, 0);
  s.schedule_at(19, 1, 0, 0, 255);
  std::vector<std::uint32_t> seen;
  s.run_until(100, [&](const Event& e) { seen.push_back(e.target); });
  CHECK(seen == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("an event's priority is read back from its order key", "[core]") {
  CHECK(make_event(0, 0, 7, 0).priority() == 0);
  CHECK(make_event(0, 128, 7, 0).priority() == 128);
  CHECK(make_event(0, 255, (std::uint64_t{1} << 56) - 1, 0).priority() == 255);
}

TEST_CASE("the event queue pops a random mix of pushes in sorted order", "[core]") {
  RandomStream rng(7, 0, 1);
  EventQueue q;
  std::vector<Event> pushed;
  std::vector<Event> popped;
  std::uint64_t sequence = 0;
  Tick floor = 0;  // never push at or before the last popped time, so pops come out sorted
  for (int round = 0; round < 20000; ++round) {
    const bool push = q.empty() || rng.uniform01() < 0.55;
    if (push) {
      // Few distinct times and priorities, so that ties are common.
      const Event e = make_event(floor + 1 + static_cast<Tick>(rng.uniform01() * 8),
                                 static_cast<int>(rng.uniform01() * 3), sequence++,
                                 static_cast<std::uint32_t>(round));
      q.push(e);
      pushed.push_back(e);
    } else {
      popped.push_back(q.pop());
      floor = popped.back().time;
    }
  }
  while (!q.empty()) popped.push_back(q.pop());
  REQUIRE(popped.size() == pushed.size());
  CHECK(std::is_sorted(popped.begin(), popped.end(), corridor::core::before));
  std::sort(pushed.begin(), pushed.end(), corridor::core::before);
  for (std::size_t i = 0; i < pushed.size(); ++i) {
    REQUIRE(std::tie(popped[i].time, popped[i].order, popped[i].target) ==
            std::tie(pushed[i].time, pushed[i].order, pushed[i].target));
  }
}

TEST_CASE("the calendar pops exactly what the heap pops", "[core]") {
  // Delays from zero to far beyond the wheel (2^4 ticks per bucket here, so the wheel spans
  // 16,384 ticks), with ties, priorities and pushes for the bucket being drained.
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    RandomStream rng(seed, 0, 2);
    EventQueue heap;
    EventCalendar calendar(4);
    std::uint64_t sequence = 0;
    Tick now = 0;
    std::size_t popped = 0;
    for (int round = 0; round < 50000; ++round) {
      const double u = rng.uniform01();
      if (heap.empty() || u < 0.5) {
        const double scale = rng.uniform01() < 0.1 ? 200000.0 : rng.uniform01() < 0.3 ? 40.0 : 2.0;
        const Event e = make_event(now + static_cast<Tick>(rng.uniform01() * scale),
                                   static_cast<int>(rng.uniform01() * 3), sequence++,
                                   static_cast<std::uint32_t>(round));
        heap.push(e);
        calendar.push(e);
      } else {
        REQUIRE(calendar.top().target == heap.top().target);
        const Event a = heap.pop();
        const Event b = calendar.pop();
        REQUIRE(std::tie(a.time, a.order, a.target) == std::tie(b.time, b.order, b.target));
        now = a.time;
        ++popped;
      }
      REQUIRE(calendar.size() == heap.size());
    }
    while (!heap.empty()) REQUIRE(calendar.pop().target == heap.pop().target);
    CHECK(calendar.empty());
    CHECK(popped > 10000);
  }
}

TEST_CASE("a calendar with crowded buckets narrows them and pops what the heap pops", "[core]") {
  // About 500 events pending, each due 0 to 1,000 ticks ahead, in buckets of 2^12 ticks: some
  // 2,000 events to a bucket at first.
  EventCalendar calendar(12);
  SteadyLoad load(calendar, 9, 500, 1000);
  load.run(300000);
  CHECK(calendar.bucket_bits() < 10);
  load.drain();
}

TEST_CASE("a calendar crowded with events far ahead grows its wheel, then narrows", "[core]") {
  // 50,000 events pending, each due 0 to 8 million ticks ahead, in buckets of 2^12 ticks: about
  // 25 events to a bucket, and most of them beyond half of a 1,024-bucket wheel (4.2 million
  // ticks), so the width cannot halve until the wheel has grown to span them.
  EventCalendar calendar(12);
  SteadyLoad load(calendar, 11, 50000, 8e6);
  load.run(400000);
  CHECK(calendar.bucket_count() >= 4 * EventCalendar::kMinBuckets);
  CHECK(calendar.bucket_bits() < 12);
  load.drain();
}

TEST_CASE("thousands of events due at one tick, most scheduled again at once, pop as from the heap",
          "[core]") {
  // 20,000 events pending at a few ticks (whole multiples of 2^20 ticks, buckets of 2^12: the
  // wheel spans four of those ticks, the heap holds the others); after each pop, six times in
  // ten a new event at the tick being drained (after every event due then, or, with the higher
  // priority, before most of them), else one 1 to 5 multiples ahead.
  constexpr Tick kUnit = Tick{1} << 20;
  RandomStream rng(13, 0, 2);
  EventQueue heap;
  EventCalendar calendar(12);
  std::uint64_t sequence = 0;
  auto push = [&](Tick time) {
    const int priority = rng.uniform01() < 0.1 ? 0 : 1;
    const Event e = make_event(time, priority, sequence, static_cast<std::uint32_t>(sequence));
    ++sequence;
    heap.push(e);
    calendar.push(e);
  };
  for (int i = 0; i < 20000; ++i) push(kUnit * static_cast<Tick>(rng.uniform01() * 8));
  std::size_t again = 0;
  for (int round = 0; round < 200000; ++round) {
    REQUIRE(calendar.top().target == heap.top().target);
    const Event a = heap.pop();
    const Event b = calendar.pop();
    REQUIRE(std::tie(a.time, a.order, a.target) == std::tie(b.time, b.order, b.target));
    const bool now = rng.uniform01() < 0.6;
    again += now ? 1 : 0;
    push(a.time + (now ? 0 : kUnit * (1 + static_cast<Tick>(rng.uniform01() * 5))));
    REQUIRE(calendar.size() == heap.size());
  }
  CHECK(again > 100000);
  CHECK(heap.top().time > kUnit);  // the clock has moved through several of the crowded ticks
  while (!heap.empty()) REQUIRE(calendar.pop().target == heap.pop().target);
  CHECK(calendar.empty());
}

TEST_CASE("a calendar whose events are spread out keeps its bucket width", "[core]") {
  // One event pending at a time, 2^12 ticks apart on average: one event per bucket.
  RandomStream rng(5, 0, 2);
  EventCalendar calendar(12);
  Tick now = 0;
  for (std::uint64_t i = 0; i < 200000; ++i) {
    calendar.push(make_event(now + 1 + static_cast<Tick>(rng.uniform01() * 8192), 1, i, 0));
    now = calendar.pop().time;
  }
  CHECK(calendar.bucket_bits() == 12);
  CHECK(calendar.bucket_count() == EventCalendar::kMinBuckets);
}

TEST_CASE("the calendar takes an event earlier than the bucket it has moved on to", "[core]") {
  // top() moves the wheel to the first event's bucket; a later push may still be earlier (a
  // run that stopped at its horizon, then the model scheduled at its own clock).
  EventCalendar calendar(4);
  calendar.push(make_event(1000, 1, 0, 1));
  calendar.push(make_event(900000, 1, 1, 2));
  CHECK(calendar.top().target == 1);  // the wheel is now at tick 992
  calendar.push(make_event(5, 1, 2, 3));
  calendar.push(make_event(1000, 0, 3, 4));
  std::vector<std::uint32_t> order;
  while (!calendar.empty()) order.push_back(calendar.pop().target);
  CHECK(order == std::vector<std::uint32_t>{3, 4, 1, 2});
}

TEST_CASE("top shows the event that pop returns next", "[core]") {
  EventQueue q;
  q.push(make_event(5, 1, 0, 50));
  q.push(make_event(3, 1, 1, 30));
  q.push(make_event(3, 0, 2, 31));
  CHECK(q.size() == 3);
  CHECK(q.top().target == 31);
  CHECK(q.pop().target == 31);
  CHECK(q.top().target == 30);
  q.clear();
  CHECK(q.empty());
}

TEST_CASE("run_until stops before the horizon and leaves later events pending", "[core]") {
  Scheduler s;
  s.schedule(5, 0, 0);
  s.schedule(10, 1, 0);
  s.schedule(15, 2, 0);
  std::vector<Tick> times;
  const auto n = s.run_until(10, [&](const Event& e) { times.push_back(e.time); });
  CHECK(n == 1);
  CHECK(times == std::vector<Tick>{5});
  CHECK(s.now() == 5);  // the clock stays at the last event processed
  CHECK(s.pending() == 2);
  s.advance_to(10);
  CHECK(s.now() == 10);
  s.run_until(100, [&](const Event& e) { times.push_back(e.time); });
  CHECK(times == std::vector<Tick>{5, 10, 15});
  CHECK(s.events_processed() == 3);
  CHECK(s.pending() == 0);
}

TEST_CASE("an event scheduled for now runs after the events already due now", "[core]") {
  Scheduler s;
  s.schedule_at(1, 0, 0);
  s.schedule_at(1, 1, 0);
  std::vector<std::uint32_t> seen;
  s.run_until(10, [&](const Event& e) {
    seen.push_back(e.target);
    if (e.target == 0) s.schedule(0, 2, 0);
  });
  CHECK(seen == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("a handler that returns false stops the run after that event", "[core]") {
  Scheduler s;
  for (std::uint32_t i = 0; i < 5; ++i) s.schedule(i, i, 0);
  std::vector<std::uint32_t> seen;
  const auto n = s.run_until(100, [&](const Event& e) {
    seen.push_back(e.target);
    return e.target != 2;
  });
  CHECK(n == 3);
  CHECK(seen == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(s.pending() == 2);
}

TEST_CASE("a raised stop flag ends the run within 4096 events", "[core]") {
  Scheduler s;
  std::atomic<bool> stop{false};
  s.set_stop_flag(&stop);
  s.schedule(1, 0, 0);
  const auto n = s.run_until(1'000'000'000, [&](const Event& e) {
    if (s.now() == 100) stop = true;
    s.schedule(1, e.target, 0);
  });
  CHECK(n >= 100);
  CHECK(n <= 100 + 4096);
  CHECK(s.pending() == 1);
}

TEST_CASE("kind, tag and target reach the handler unchanged", "[core]") {
  Scheduler s;
  s.schedule(3, 4'000'000'000u, 65535, 4321);
  Event got;
  s.run_until(10, [&](const Event& e) { got = e; });
  CHECK(got.time == 3);
  CHECK(got.target == 4'000'000'000u);
  CHECK(got.kind == 65535);
  CHECK(got.tag == 4321);
  CHECK(got.priority() == Scheduler::kDefaultPriority);
}

TEST_CASE("two runs of the same model process the same events in the same order", "[core]") {
  auto trace = [] {
    Scheduler s;
    RandomStream rng(3, 1, corridor::core::stream_key("trace"));
    for (std::uint32_t p = 0; p < 50; ++p) s.schedule(static_cast<Tick>(rng.uniform01() * 4), p, 0);
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    s.run_until(2000, [&](const Event& e) {
      hash = (hash ^ static_cast<std::uint64_t>(e.time) ^ (std::uint64_t{e.target} << 40)) *
             0x100000001b3ULL;
      // Coarse delays make many exact ties, which the insertion order must break.
      s.schedule(static_cast<Tick>(rng.uniform01() * 4), e.target, 0, 0,
                 static_cast<int>(e.target % 3));
    });
    return hash;
  };
  CHECK(trace() == trace());
}
