// Independent tasks on several threads. The library's parallel steps (parsing a large file in
// pieces, the capacity bounds, the blocks of a long JSON array) share this one loop, so that
// they take work, stop on a failure and report it the same way.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

namespace corridor::core {

/// How many threads a parallel step takes when it is given 0: the number last given to
/// set_default_threads(), or else one per core (at least 1).
[[nodiscard]] unsigned default_threads();

/// Sets what default_threads() returns; 0 means one per core again. Set before the work starts
/// (by the `corridor` program from --threads; by pipeline::MpiSession to a rank's share of the
/// cores), so that every step not told a number of threads (the replications, parsing a large
/// file, writing long JSON arrays) keeps to it.
void set_default_threads(unsigned threads);

/// Task `index` run by worker `worker` (0 to threads - 1): state a worker keeps between its
/// tasks (a solver, a buffer) can be indexed by it.
using ParallelTask = std::function<void(std::size_t index, unsigned worker)>;

/// Runs task(i, worker) for every i in [0, count) on up to `threads` threads. Indices are
/// taken in increasing order by whichever worker is free. An exception stops the taking of
/// further indices; once every worker has ended, the exception of the lowest index is thrown
/// again. With `while_waiting`, the calling thread takes no task but calls it every `interval`
/// until all workers have ended (to report progress); an exception it throws stops the
/// workers in the same way and is thrown after theirs. Without it, the calling thread is
/// worker 0. When no thread can be started, the calling thread does the work alone.
void parallel_for(std::size_t count, unsigned threads, const ParallelTask& task,
                  const std::function<void()>& while_waiting = {},
                  std::chrono::milliseconds interval = std::chrono::milliseconds(100));

}  // namespace corridor::core
