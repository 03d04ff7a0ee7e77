// MPI implementation of the distributed layer (compiled only with CORRIDOR_HAVE_MPI; the
// single-process versions are in distributed_local.cpp). Only this file includes <mpi.h>; MPI
// is called from the main thread alone (MPI_THREAD_FUNNELED).
#include "corridor/pipeline/distributed.hpp"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <thread>

#include "corridor/core/parallel.hpp"
#include "corridor/error.hpp"

namespace corridor::pipeline {
namespace {

bool g_active = false;
int g_rank = 0;
int g_size = 1;
long long g_dealt = 0;  // replications dealt so far, over every call

/// Set by the launchers we know of: Open MPI's mpirun, PMIx (Open MPI 4+, Slurm srun
/// --mpi=pmix), PMI (MPICH's Hydra, Slurm srun --mpi=pmi2).
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  g_active = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  MPI_Comm host;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &host);
  int host_ranks = 1;
  MPI_Comm_size(host, &host_ranks);
  MPI_Comm_free(&host);
  // Ranks that share a machine share its cores, in every parallel step that is not told a
  // number of threads (replications, reading a large file, writing long reports).
  if (host_ranks > 1) {
    core::set_default_threads(
        std::max(1u, std::thread::hardware_concurrency() / static_cast<unsigned>(host_ranks)));
  }
}

MpiSession::~MpiSession() { finish(0); }

void MpiSession::finish(int status) {
  if (finished_ || !g_active) return;
  finished_ = true;
  if (status != 0 && g_size > 1) MPI_Abort(MPI_COMM_WORLD, status);
  MPI_Finalize();
  g_active = false;
}

int rank() { return g_rank; }
int rank_count() { return g_size; }
bool writes_output() { return g_rank == 0; }

std::vector<int> deal_replications(int count) {
  std::vector<int> mine;
  for (int i = 0; i < count; ++i) {
    if ((g_dealt + i) % g_size == g_rank) mine.push_back(i);
  }
  g_dealt += count;
  return mine;
}

ReplicationBatch share_replications(ReplicationBatch local) {
  if (g_size == 1) return merge({std::move(local)});
  std::vector<std::byte> mine;
  pack(local, mine);
  // Sizes first, then the bytes; MPI counts are int, so a gather beyond 2 GiB is refused.
  const auto my_size = static_cast<long long>(mine.size());
  std::vector<long long> sizes(static_cast<std::size_t>(g_size));
  MPI_Allgather(&my_size, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD);
  const long long total = std::accumulate(sizes.begin(), sizes.end(), 0LL);
  if (total > INT_MAX) {
    throw Error(
        "replication results exceed 2 GiB and cannot be gathered in one message; run fewer "
        "replications per call or fewer ranks");
  }
  std::vector<int> counts(sizes.begin(), sizes.end());
  std::vector<int> offsets(counts.size(), 0);
  std::partial_sum(counts.begin(), counts.end() - 1, offsets.begin() + 1);
  std::vector<std::byte> all(static_cast<std::size_t>(total));
  MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_BYTE, all.data(), counts.data(),
                 offsets.data(), MPI_BYTE, MPI_COMM_WORLD);
  std::vector<ReplicationBatch> batches;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    batches.push_back(unpack(std::span<const std::byte>(all).subspan(
        static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r]))));
  }
  return merge(std::move(batches));
}

}  // namespace corridor::pipeline
