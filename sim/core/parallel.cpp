// parallel_for: workers taking indices from one counter (see corridor/core/parallel.hpp).
#include "corridor/core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace corridor::core {

namespace {

std::atomic<unsigned> g_default_threads{0};  // 0: one per core

}  // namespace

unsigned default_threads() {
  const unsigned set = g_default_threads.load(std::memory_order_relaxed);
  return set != 0 ? set : std::max(1u, std::thread::hardware_concurrency());
}

void set_default_threads(unsigned threads) {
  g_default_threads.store(threads, std::memory_order_relaxed);
}

void parallel_for(std::size_t count, unsigned threads, const ParallelTask& task,
                  const std::function<void()>& while_waiting, std::chrono::milliseconds interval) {
  const auto workers = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), count));
  std::atomic<std::size_t> next{0};
  std::mutex mutex;  // guards `failed_at`, `failure` and `running`
  std::condition_variable ended;
  std::size_t failed_at = count;
  std::exception_ptr failure;
  unsigned running = 0;
  const auto work = [&](unsigned worker) {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        task(i, worker);
      } catch (...) {
        next = count;  // no worker takes a further index
        const std::lock_guard<std::mutex> lock(mutex);
        if (i < failed_at) {
          failed_at = i;
          failure = std::current_exception();
        }
      }
    }
  };
  const auto thread_body = [&](unsigned worker) {
    work(worker);
    const std::lock_guard<std::mutex> lock(mutex);
    --running;
    ended.notify_all();
  };

  // The calling thread is worker 0 unless it waits; the others get threads of their own.
  const unsigned first = while_waiting ? 0 : 1;
  std::vector<std::thread> pool;
  try {
    for (unsigned w = first; w < workers; ++w) {
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ++running;
      }
      try {
        pool.emplace_back(thread_body, w);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex);
        --running;
        throw;
      }
    }
  } catch (...) {  // no more threads (std::system_error): those started do the work
  }
  std::exception_ptr waiting_failure;
  if (first == 1 || pool.empty()) {
    work(0);
  } else {
    std::unique_lock<std::mutex> lock(mutex);
    while (!ended.wait_for(lock, interval, [&] { return running == 0; })) {
      if (waiting_failure) continue;
      lock.unlock();
      try {
        while_waiting();
      } catch (...) {
        waiting_failure = std::current_exception();
        next = count;
      }
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (waiting_failure) std::rethrow_exception(waiting_failure);
}

}  // namespace corridor::core
