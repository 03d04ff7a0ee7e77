// Tests of the passive FIFO resource (corridor/core/resource.hpp): who is granted when, the
// utilisation and closure bookkeeping, and the ring buffer behind the queue.
#include "corridor/core/resource.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

using corridor::core::Grant;
using corridor::core::Resource;
using corridor::core::RingQueue;

TEST_CASE("a resource grants at once while a unit is free", "[core]") {
  Resource r(2);
  CHECK(r.request(1, 0));
  CHECK(r.request(2, 0));
  CHECK(r.in_use() == 2);
  CHECK_FALSE(r.request(3, 5));
  CHECK(r.queue_length() == 1);
}

TEST_CASE("released units pass to waiters in the order they asked", "[core]") {
  Resource r(1);
  REQUIRE(r.request(0, 0));
  for (std::uint32_t who = 1; who <= 5; ++who) CHECK_FALSE(r.request(who, 10 * who));
  for (std::uint32_t who = 1; who <= 5; ++who) {
    auto next = r.release(100 + who);
    REQUIRE(next.has_value());
    CHECK(next->who == who);
    CHECK(next->requested_at == 10 * static_cast<std::int64_t>(who));
    CHECK(r.in_use() == 1);  // the unit went straight to the waiter
  }
  CHECK_FALSE(r.release(200).has_value());
  CHECK(r.in_use() == 0);
  CHECK(r.queue_length() == 0);
}

TEST_CASE("a resource counts busy unit-ticks as units in use times time", "[core]") {
  Resource r(3);
  r.request(1, 0);   // 1 unit from 0
  r.request(2, 10);  // 2 units from 10
  r.release(20);     // 1 unit from 20
  CHECK(r.busy_unit_ticks(20) == Approx(10 + 20));
  CHECK(r.busy_unit_ticks(30) == Approx(10 + 20 + 10));
  r.release(40);  // idle from 40
  CHECK(r.busy_unit_ticks(100) == Approx(10 + 20 + 20));
  // Utilisation over [0, 100] is busy / (capacity * span).
  CHECK(r.busy_unit_ticks(100) / (3.0 * 100) == Approx(50.0 / 300));
}

TEST_CASE("statistics start afresh after a reset but the state is kept", "[core]") {
  Resource r(2);
  r.request(1, 0);
  r.request(2, 0);
  r.close(40);
  r.reset_statistics(50);
  CHECK(r.in_use() == 2);
  CHECK(r.busy_unit_ticks(50) == 0);
  CHECK(r.busy_unit_ticks(60) == Approx(20));
  CHECK(r.closed_ticks(60) == 10);  // closed since before the reset: counted from the reset on
}

TEST_CASE("a closed resource queues every request and grants nobody on release", "[core]") {
  Resource r(2);
  REQUIRE(r.request(1, 0));
  r.close(10);
  CHECK_FALSE(r.open());
  CHECK_FALSE(r.request(2, 11));  // a unit is free, but the resource is closed
  CHECK_FALSE(r.request(3, 12));
  CHECK_FALSE(r.release(15).has_value());  // the unit is returned, not passed on
  CHECK(r.in_use() == 0);
  CHECK(r.queue_length() == 2);
  CHECK(r.closed_ticks(20) == 10);
}

TEST_CASE("reopening grants waiters in order up to the capacity", "[core]") {
  Resource r(2);
  r.close(0);
  for (std::uint32_t who = 1; who <= 3; ++who) r.request(who, who);
  std::vector<Grant> granted;
  r.reopen(30, [&](const Grant& g) { granted.push_back(g); });
  REQUIRE(granted.size() == 2);
  CHECK(granted[0].who == 1);
  CHECK(granted[0].requested_at == 1);
  CHECK(granted[1].who == 2);
  CHECK(r.in_use() == 2);
  CHECK(r.queue_length() == 1);
  CHECK(r.closed_ticks(100) == 30);
  // The last waiter gets the next released unit.
  auto next = r.release(40);
  REQUIRE(next.has_value());
  CHECK(next->who == 3);
}

TEST_CASE("closing twice keeps the first closing time and reopening twice is harmless", "[core]") {
  Resource r(1);
  r.close(10);
  r.close(20);
  CHECK(r.closed_ticks(30) == 20);
  int grants = 0;
  r.reopen(30, [&](const Grant&) { ++grants; });
  r.reopen(50, [&](const Grant&) { ++grants; });
  CHECK(grants == 0);
  CHECK(r.closed_ticks(100) == 20);
  r.close(100);
  r.reopen(105, [&](const Grant&) { ++grants; });
  CHECK(r.closed_ticks(200) == 25);
}

TEST_CASE("a new request does not overtake waiters after a reopening", "[core]") {
  Resource r(1);
  REQUIRE(r.request(1, 0));
  r.close(1);
  r.request(2, 2);
  r.release(3);  // closed: the unit stays free, 2 keeps waiting
  std::vector<std::uint32_t> granted;
  r.reopen(4, [&](const Grant& g) { granted.push_back(g.who); });
  CHECK(granted == std::vector<std::uint32_t>{2});
  CHECK_FALSE(r.request(3, 5));
}

TEST_CASE("a resource's queue keeps FIFO order while it wraps and grows", "[core]") {
  Resource r(1);
  REQUIRE(r.request(0, 0));
  std::uint32_t next_in = 1;
  std::uint32_t next_out = 1;
  // Waiters join and leave in uneven rounds, so the queue wraps before each growth.
  for (int round = 0; round < 60; ++round) {
    for (int i = 0; i < 3 + round % 7; ++i) {
      CHECK_FALSE(r.request(next_in, next_in));
      ++next_in;
    }
    for (int i = 0; i < 2 + round % 5 && r.queue_length() > 0; ++i) {
      auto g = r.release(1000);
      REQUIRE(g.has_value());
      REQUIRE(g->who == next_out);
      REQUIRE(g->requested_at == static_cast<std::int64_t>(next_out));
      ++next_out;
    }
    REQUIRE(r.queue_length() == next_in - next_out);
  }
  CHECK(r.in_use() == 1);
  CHECK(r.closed_ticks(2000) == 0);
}

TEST_CASE("a closure before anyone waits keeps its record once the queue grows", "[core]") {
  Resource r(1);
  r.close(10);  // the first use of the block behind the queue
  for (std::uint32_t who = 1; who <= 20; ++who) CHECK_FALSE(r.request(who, 10 + who));
  CHECK(r.closed_ticks(50) == 40);
  std::vector<std::uint32_t> granted;
  r.reopen(60, [&](const Grant& g) { granted.push_back(g.who); });
  CHECK(granted == std::vector<std::uint32_t>{1});
  CHECK(r.capacity() == 1);
  CHECK(r.queue_length() == 19);
  CHECK(r.closed_ticks(100) == 50);
}

TEST_CASE("a resource of capacity zero only queues", "[core]") {
  Resource r(0);
  CHECK_FALSE(r.request(1, 0));
  CHECK(r.queue_length() == 1);
  CHECK(r.busy_unit_ticks(10) == 0);
}

TEST_CASE("the ring queue keeps FIFO order while it wraps and grows", "[core]") {
  RingQueue<int> q;
  int next_in = 0;
  int next_out = 0;
  // Interleave pushes and pops so the head wraps round before each growth.
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < 3 + round % 7; ++i) q.push_back(next_in++);
    for (int i = 0; i < 2 + round % 5 && !q.empty(); ++i) {
      REQUIRE(q.front() == next_out);
      REQUIRE(q.pop_front() == next_out++);
    }
    REQUIRE(q.size() == static_cast<std::size_t>(next_in - next_out));
  }
  while (!q.empty()) REQUIRE(q.pop_front() == next_out++);
  CHECK(next_out == next_in);
}
