// Byte encoding of replication results for gathering them across processes. The layout is a
// magic word, then each field in declaration order; result structs are copied as arrays of
// doubles, which the static_asserts below keep honest when a field is added.
#include "corridor/pipeline/replication_codec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "corridor/error.hpp"

namespace corridor::pipeline {
namespace {

constexpr std::uint32_t kMagic = 0x31525243;  // "CRR1"

// A new field in a result struct must be added to the encoding: these fail when one is.
static_assert(sizeof(transport::CorridorResult) == 3 * sizeof(double));
static_assert(sizeof(transport::LinkResult) == 6 * sizeof(double));
static_assert(sizeof(transport::NodeResult) == 6 * sizeof(double));
static_assert(sizeof(transport::FlowResult) == 9 * sizeof(double));
static_assert(std::is_trivially_copyable_v<transport::CorridorResult> &&
              std::is_trivially_copyable_v<transport::LinkResult> &&
              std::is_trivially_copyable_v<transport::NodeResult> &&
              std::is_trivially_copyable_v<transport::FlowResult>);

class Writer {
 public:
  explicit Writer(std::vector<std::byte>& out) : out_(out) {}

  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    raw(&v, sizeof(T));
  }
  void text(const std::string& s) {
    value<std::uint64_t>(s.size());
    raw(s.data(), s.size());
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    value<std::uint64_t>(v.size());
    raw(v.data(), v.size() * sizeof(T));
  }

 private:
  void raw(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::byte*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  std::vector<std::byte>& out_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::byte> in) : in_(in) {}

  template <typename T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    raw(&v, sizeof(T));
    return v;
  }
  std::string text() {
    const auto n = count(1);
    std::string s(n, '\0');
    raw(s.data(), n);
    return s;
  }
  template <typename T>
  std::vector<T> array() {
    const auto n = count(sizeof(T));
    std::vector<T> v(n);
    raw(v.data(), n * sizeof(T));
    return v;
  }
  [[nodiscard]] bool done() const { return pos_ == in_.size(); }

 private:
  std::size_t count(std::size_t element_size) {
    const auto n = value<std::uint64_t>();
    if (n > (in_.size() - pos_) / element_size) truncated();
    return static_cast<std::size_t>(n);
  }
  void raw(void* p, std::size_t n) {
    if (n > in_.size() - pos_) truncated();
    if (n > 0) std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  [[noreturn]] static void truncated() {
    throw Error("replication results from another process are truncated");
  }
  std::span<const std::byte> in_;
  std::size_t pos_ = 0;
};

}  // namespace

void ReplicationFailure::rethrow() const {
  if (simulation) {
    // SimulationError prefixes its message with time and entity; strip what it will add back.
    const std::string prefix = fmt::format("at t={:.0f} s ({}): ", sim_time_s, entity);
    const bool prefixed = what.compare(0, prefix.size(), prefix) == 0;
    throw SimulationError(prefixed ? what.substr(prefix.size()) : what, sim_time_s, entity);
  }
  throw Error(what);
}

void pack(const ReplicationBatch& batch, std::vector<std::byte>& out) {
  Writer w(out);
  w.value(kMagic);
  w.value<std::uint8_t>(batch.failure ? 1 : 0);
  if (batch.failure) {
    const auto& f = *batch.failure;
    w.value<std::int32_t>(f.replication);
    w.value<std::uint8_t>(f.simulation ? 1 : 0);
    w.text(f.what);
    w.value(f.sim_time_s);
    w.text(f.entity);
  }
  w.value<std::uint64_t>(batch.replications.size());
  for (const auto& r : batch.replications) {
    w.value<std::int32_t>(r.replication);
    w.value(r.window_s);
    w.value<std::uint64_t>(r.events);
    w.value<std::uint8_t>(r.stopped ? 1 : 0);
    w.array(r.corridors);
    w.array(r.links);
    w.array(r.nodes);
    w.array(r.flows);
  }
}

ReplicationBatch unpack(std::span<const std::byte> bytes) {
  Reader r(bytes);
  if (r.value<std::uint32_t>() != kMagic) {
    throw Error("replication results from another process are not in the expected format");
  }
  ReplicationBatch batch;
  if (r.value<std::uint8_t>() != 0) {
    ReplicationFailure f;
    f.replication = r.value<std::int32_t>();
    f.simulation = r.value<std::uint8_t>() != 0;
    f.what = r.text();
    f.sim_time_s = r.value<double>();
    f.entity = r.text();
    batch.failure = std::move(f);
  }
  const auto n = r.value<std::uint64_t>();
  for (std::uint64_t i = 0; i < n; ++i) {
    transport::ReplicationResult rep;
    rep.replication = r.value<std::int32_t>();
    rep.window_s = r.value<double>();
    rep.events = r.value<std::uint64_t>();
    rep.stopped = r.value<std::uint8_t>() != 0;
    rep.corridors = r.array<transport::CorridorResult>();
    rep.links = r.array<transport::LinkResult>();
    rep.nodes = r.array<transport::NodeResult>();
    rep.flows = r.array<transport::FlowResult>();
    batch.replications.push_back(std::move(rep));
  }
  if (!r.done()) {
    throw Error("replication results from another process have trailing bytes");
  }
  return batch;
}

ReplicationBatch merge(std::vector<ReplicationBatch> batches) {
  ReplicationBatch out;
  for (auto& b : batches) {
    for (auto& rep : b.replications) out.replications.push_back(std::move(rep));
    if (b.failure && (!out.failure || b.failure->replication < out.failure->replication)) {
      out.failure = std::move(b.failure);
    }
  }
  std::stable_sort(out.replications.begin(), out.replications.end(),
                   [](const auto& a, const auto& b) { return a.replication < b.replication; });
  return out;
}

}  // namespace corridor::pipeline
