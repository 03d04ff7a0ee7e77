// Spreading replications over the processes of an MPI job. Each process (rank) runs the
// replications dealt to it, then every rank receives every rank's results and summarises them
// exactly as one process would; only rank 0 writes output. Built without MPI (CORRIDOR_MPI off)
// or started without an MPI launcher, there is one rank and every call here is trivial.
#pragma once

#include <vector>

#include "corridor/pipeline/replication_codec.hpp"

namespace corridor::pipeline {

/// The MPI lifetime of the program: initialises MPI when the process was started by an MPI
/// launcher (mpirun, mpiexec, srun), finalises it on destruction. Where several ranks share a
/// machine, it sets core::default_threads() to each rank's share of its cores. Create one, in
/// main(), before anything else runs. A no-op without MPI.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  /// Ends the job with `status`. Status 0 finalises MPI normally; any other status aborts every
  /// rank, because a rank that stops on its own would leave the others waiting for it forever.
  void finish(int status);

 private:
  bool finished_ = false;
};

/// This process's rank and the number of ranks: {0, 1} outside an MPI job.
[[nodiscard]] int rank();
[[nodiscard]] int rank_count();
/// True on the rank that writes output (rank 0, or the only process).
[[nodiscard]] bool writes_output();

/// The replications among 0..count-1 that this rank runs. Dealing is round-robin and continues
/// from where the previous call stopped, so a sweep's points × replications spread evenly.
/// Every rank must make the same calls in the same order.
[[nodiscard]] std::vector<int> deal_replications(int count);

/// Gives every rank the merged batch of all ranks (see merge()). Collective: every rank calls it
/// once per deal_replications. Outside MPI, returns `local` merged.
[[nodiscard]] ReplicationBatch share_replications(ReplicationBatch local);

}  // namespace corridor::pipeline
