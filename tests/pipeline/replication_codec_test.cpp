// Replication results survive the byte encoding used to gather them from MPI ranks bit for bit,
// merge in index order, and carry failures; tested without MPI.
#include "corridor/pipeline/replication_codec.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "corridor/error.hpp"
#include "corridor/graph/network.hpp"
#include "corridor/pipeline/run.hpp"
#include "corridor/report/run_report.hpp"
#include "corridor/results/summary.hpp"
#include "corridor/scenario/loader.hpp"
#include "corridor/transport/model.hpp"

namespace {

using corridor::pipeline::ReplicationBatch;
using corridor::transport::ReplicationResult;

ReplicationResult sample(int index) {
  ReplicationResult r;
  r.replication = index;
  r.window_s = 335.0 * 86400.0;
  r.events = 123'456'789'012ULL + static_cast<std::uint64_t>(index);
  r.stopped = index % 2 == 1;
  r.corridors = {{1.5e6 + index, 12.25, 3.0e8}};
  r.links = {{1.0, 2.0, 0.1 * index, 3.5, 7.25, 0.0}, {4.0, 5.0, 0.5, 6.0, 1.0 / 3.0, 86400.0}};
  r.nodes = {{0.1, 0.2, 0.3, 0.4, 0.5, std::numeric_limits<double>::denorm_min()}};
  r.flows = {{1, 2, 3, 4, 5, 6, 7, 8, -0.0}};
  return r;
}

std::vector<std::byte> packed(const ReplicationBatch& b) {
  std::vector<std::byte> bytes;
  corridor::pipeline::pack(b, bytes);
  return bytes;
}

}  // namespace

TEST_CASE("a packed batch unpacks to identical replication results", "[pipeline]") {
  ReplicationBatch batch;
  batch.replications = {sample(3), sample(0), ReplicationResult{}};
  const auto back = corridor::pipeline::unpack(packed(batch));
  REQUIRE(back.replications.size() == 3);
  CHECK_FALSE(back.failure);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& a = batch.replications[i];
    const auto& b = back.replications[i];
    CHECK(a.replication == b.replication);
    CHECK(a.window_s == b.window_s);
    CHECK(a.events == b.events);
    CHECK(a.stopped == b.stopped);
    REQUIRE(a.links.size() == b.links.size());
    REQUIRE(a.nodes.size() == b.nodes.size());
    REQUIRE(a.flows.size() == b.flows.size());
    REQUIRE(a.corridors.size() == b.corridors.size());
  }
  // Bit for bit, including a denormal and a negative zero.
  CHECK(packed(back) == packed(batch));
  CHECK(std::signbit(back.replications[0].flows[0].value_usd));
}

TEST_CASE("summaries of unpacked replications equal those of the originals", "[pipeline]") {
  const auto sc = corridor::scenario::load_file(std::string(CORRIDOR_SOURCE_DIR) +
                                                "/scenarios/examples/single_track.yaml");
  const corridor::graph::Network network(sc);
  const corridor::transport::Model model(network);
  ReplicationBatch batch;
  for (int i = 0; i < 3; ++i) batch.replications.push_back(model.run(i, 5));
  const auto back = corridor::pipeline::unpack(packed(batch));
  const std::vector<std::string> routes(sc.flows.size(), "r");
  const std::vector<double> km(sc.flows.size(), 1.0);
  auto a = corridor::report::to_json(
      corridor::results::summarise(sc, batch.replications, 5, routes, km));
  auto b =
      corridor::report::to_json(corridor::results::summarise(sc, back.replications, 5, routes, km));
  CHECK(a.dump() == b.dump());
}

TEST_CASE("merging batches orders replications by index and keeps the lowest failure",
          "[pipeline]") {
  ReplicationBatch even;
  even.replications = {sample(0), sample(2), sample(4)};
  even.failure = corridor::pipeline::ReplicationFailure{6, false, "late failure", 0, ""};
  ReplicationBatch odd;
  odd.replications = {sample(1), sample(3)};
  odd.failure = corridor::pipeline::ReplicationFailure{5, false, "early failure", 0, ""};
  const auto merged = corridor::pipeline::merge(
      {corridor::pipeline::unpack(packed(even)), corridor::pipeline::unpack(packed(odd))});
  REQUIRE(merged.replications.size() == 5);
  for (int i = 0; i < 5; ++i)
    CHECK(merged.replications[static_cast<std::size_t>(i)].replication == i);
  REQUIRE(merged.failure);
  CHECK(merged.failure->replication == 5);
  CHECK(merged.failure->what == "early failure");
}

TEST_CASE("a simulation failure from another process is rethrown with the same text",
          "[pipeline]") {
  const corridor::SimulationError original("too many events", 86400.0, "replication 2");
  corridor::pipeline::ReplicationFailure f{2, true, original.what(), original.sim_time_s(),
                                           original.entity()};
  ReplicationBatch batch;
  batch.failure = f;
  const auto back = corridor::pipeline::unpack(packed(batch));
  REQUIRE(back.failure);
  try {
    back.failure->rethrow();
    FAIL("no exception");
  } catch (const corridor::SimulationError& e) {
    CHECK(std::string(e.what()) == original.what());
    CHECK(e.entity() == "replication 2");
    CHECK(e.sim_time_s() == 86400.0);
  }
}

TEST_CASE("truncated or foreign bytes are refused", "[pipeline]") {
  ReplicationBatch batch;
  batch.replications = {sample(1)};
  auto bytes = packed(batch);
  bytes.pop_back();
  CHECK_THROWS_WITH(corridor::pipeline::unpack(bytes),
                    "replication results from another process are truncated");
  std::vector<std::byte> foreign(16, std::byte{0x41});
  CHECK_THROWS_WITH(corridor::pipeline::unpack(foreign),
                    "replication results from another process are not in the expected format");
}
