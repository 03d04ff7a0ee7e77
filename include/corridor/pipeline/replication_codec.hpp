// Flat byte encoding of finished replications, so that replications run in other processes (MPI
// ranks) can be gathered and summarised exactly as if they had run here: doubles are copied bit
// for bit, so a decoded batch summarises to identical bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "corridor/transport/results.hpp"

namespace corridor::pipeline {

/// Why a replication failed, in a form that can travel between processes.
struct ReplicationFailure {
  int replication = 0;
  bool simulation = false;  ///< a SimulationError (else any other error)
  std::string what;         ///< the error's full text, as what() gave it
  double sim_time_s = 0;    ///< SimulationError only
  std::string entity;       ///< SimulationError only

  /// Throws the error again: SimulationError with the same text, or corridor::Error.
  [[noreturn]] void rethrow() const;
};

/// What one process contributes: its finished replications (any order) and the failure of its
/// lowest-numbered failed replication, if any.
struct ReplicationBatch {
  std::vector<transport::ReplicationResult> replications;
  std::optional<ReplicationFailure> failure;
};

/// Encodes a batch as bytes (host byte order: meant for processes of one job on one kind of
/// machine). Appends to `out`.
void pack(const ReplicationBatch& batch, std::vector<std::byte>& out);

/// Decodes one batch written by `pack`. Throws corridor::Error when the bytes are truncated or
/// not a batch.
[[nodiscard]] ReplicationBatch unpack(std::span<const std::byte> bytes);

/// Joins batches: replications sorted by index, failure of the lowest-numbered replication.
[[nodiscard]] ReplicationBatch merge(std::vector<ReplicationBatch> batches);

}  // namespace corridor::pipeline
