// parallel_for: every index once, whatever the threads; failures and the waiting caller.
#include "corridor/core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using corridor::core::parallel_for;

TEST_CASE("parallel_for runs every index once, on the workers it was given", "[core][parallel]") {
  for (unsigned threads : {1u, 2u, 5u}) {
    INFO(threads << " threads");
    std::vector<std::atomic<int>> runs(1000);
    std::vector<std::atomic<int>> by_worker(threads);
    std::atomic<int> bad_worker{0};  // checked here: Catch's assertions are for one thread
    parallel_for(runs.size(), threads, [&](std::size_t i, unsigned worker) {
      ++runs[i];
      if (worker < threads) {
        ++by_worker[worker];
      } else {
        ++bad_worker;
      }
    });
    for (const auto& r : runs) CHECK(r == 1);
    CHECK(bad_worker == 0);
    int total = 0;
    for (const auto& w : by_worker) total += w;
    CHECK(total == 1000);
  }
  SECTION("one thread takes the indices in order, on the calling thread") {
    std::vector<std::size_t> order;
    const auto caller = std::this_thread::get_id();
    parallel_for(5, 1, [&](std::size_t i, unsigned worker) {
      CHECK(worker == 0);
      CHECK(std::this_thread::get_id() == caller);
      order.push_back(i);
    });
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4});
  }
  SECTION("nothing to do") {
    parallel_for(0, 3, [](std::size_t, unsigned) { FAIL("no task expected"); });
  }
}

TEST_CASE("parallel_for throws the failure of the lowest index once all workers end",
          "[core][parallel]") {
  for (unsigned threads : {1u, 3u}) {
    INFO(threads << " threads");
    std::atomic<int> after{0};
    // Index 9 may fail first, but 7 was handed out before it, so it runs and fails too.
    const auto task = [&](std::size_t i, unsigned) {
      if (i == 7) throw std::runtime_error("seven");
      if (i == 9) throw std::runtime_error("nine");
      if (i > 40) ++after;
    };
    CHECK_THROWS_WITH(parallel_for(100, threads, task), "seven");
    // A failed task stops the taking of indices: far fewer than all ran after it.
    CHECK(after < 50);
  }
}

TEST_CASE("parallel_for with a waiting caller calls it while the workers run", "[core][parallel]") {
  std::atomic<int> calls{0};
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  parallel_for(
      4, 2,
      [&](std::size_t, unsigned) {
        if (std::this_thread::get_id() == caller) on_caller = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
      },
      [&] {
        CHECK(std::this_thread::get_id() == caller);
        ++calls;
      },
      std::chrono::milliseconds(5));
  CHECK_FALSE(on_caller);
  CHECK(calls > 0);

  SECTION("a failure of the waiting caller stops the workers and is thrown") {
    std::atomic<int> done{0};
    CHECK_THROWS_WITH(
        parallel_for(
            1000, 2,
            [&](std::size_t, unsigned) {
              std::this_thread::sleep_for(std::chrono::milliseconds(2));
              ++done;
            },
            [] { throw std::runtime_error("report failed"); }, std::chrono::milliseconds(5)),
        "report failed");
    CHECK(done < 1000);
  }
}

TEST_CASE("the default number of threads is one per core until the program sets one",
          "[core][parallel]") {
  struct Restore {
    ~Restore() { corridor::core::set_default_threads(0); }
  } restore;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(corridor::core::default_threads() == cores);
  corridor::core::set_default_threads(3);
  CHECK(corridor::core::default_threads() == 3);
  corridor::core::set_default_threads(0);
  CHECK(corridor::core::default_threads() == cores);
}
