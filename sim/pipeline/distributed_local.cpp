// The distributed layer in a build without MPI: one process, which runs every replication and
// writes the output. See distributed.hpp; distributed.cpp is the MPI version.
#include <numeric>

#include "corridor/pipeline/distributed.hpp"

namespace corridor::pipeline {

MpiSession::MpiSession(int& /*argc*/, char**& /*argv*/) {}
MpiSession::~MpiSession() = default;
void MpiSession::finish(int /*status*/) { finished_ = true; }

int rank() { return 0; }
int rank_count() { return 1; }
bool writes_output() { return true; }

std::vector<int> deal_replications(int count) {
  std::vector<int> all(static_cast<std::size_t>(count > 0 ? count : 0));
  std::iota(all.begin(), all.end(), 0);
  return all;
}

ReplicationBatch share_replications(ReplicationBatch local) { return merge({std::move(local)}); }

}  // namespace corridor::pipeline
