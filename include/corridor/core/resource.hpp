// A resource with `capacity` identical units and a FIFO queue of waiting requesters, plus the
// bookkeeping for utilisation (busy unit-ticks) and availability (closures). Passive: it never
// schedules events; the model continues a requester when `request` or `release` grants it a unit.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "corridor/core/sim_time.hpp"

namespace corridor::core {

/// A FIFO ring buffer that grows by doubling (no allocation in steady state). Small (24 bytes),
/// because every resource holds one.
template <typename T>
class RingQueue {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const T& front() const { return items_[head_]; }

  void push_back(const T& x) {
    if (size_ == capacity_) grow();
    items_[(head_ + size_) & (capacity_ - 1)] = x;
    ++size_;
  }

  T pop_front() {
    assert(size_ > 0);
    T x = items_[head_];
    head_ = (head_ + 1) & (capacity_ - 1);
    --size_;
    return x;
  }

 private:
  [[gnu::noinline]] void grow() {
    const std::uint32_t bigger = capacity_ == 0 ? 8 : capacity_ * 2;
    auto items = std::make_unique<T[]>(bigger);
    for (std::uint32_t i = 0; i < size_; ++i) items[i] = items_[(head_ + i) & (capacity_ - 1)];
    items_ = std::move(items);
    capacity_ = bigger;
    head_ = 0;
  }

  std::unique_ptr<T[]> items_;
  std::uint32_t head_ = 0;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;  ///< a power of two, or 0
};

/// Who was granted a unit, and since when it had been waiting.
struct Grant {
  std::uint32_t who = 0;
  Tick requested_at = 0;
};

/// One cache line (64 bytes, aligned): a large network has hundreds of thousands of resources
/// and a vehicle touches several at every step.
class alignas(64) Resource {
 public:
  explicit Resource(int capacity = 1) : capacity_(capacity) { assert(capacity >= 0); }

  [[nodiscard]] int capacity() const { return capacity_; }
  [[nodiscard]] int in_use() const { return in_use_; }
  [[nodiscard]] std::size_t queue_length() const { return queue_.size(); }
  [[nodiscard]] bool open() const { return closed_since_ < 0; }

  /// Asks for one unit. Returns true when granted at once; otherwise `who` joins the queue and
  /// will be returned by a later `release` or `reopen`.
  [[gnu::always_inline]] bool request(std::uint32_t who, Tick now) {
    if (open() && in_use_ < capacity_ && queue_.empty()) {
      take_unit(now);
      return true;
    }
    enqueue(who, now);
    return false;
  }

  /// Returns one unit. When someone waits and the resource is open, the unit passes straight to
  /// the first in the queue, who is returned.
  std::optional<Grant> release(Tick now) {
    assert(in_use_ > 0);
    if (open() && !queue_.empty()) return queue_.pop_front();  // the unit stays in use
    --in_use_;
    busy_ += now;
    return std::nullopt;
  }

  /// Stops granting units (units in use stay in use until released).
  void close(Tick now) {
    assert(now >= 0);
    if (open()) closed_since_ = now;
  }

  /// Resumes granting; calls `on_grant(Grant)` for each waiter that now gets a unit, in order.
  template <typename F>
  void reopen(Tick now, F&& on_grant) {
    if (!open()) closed_ticks_ += now - closed_since_;
    closed_since_ = kOpen;
    while (in_use_ < capacity_ && !queue_.empty()) {
      take_unit(now);
      on_grant(queue_.pop_front());
    }
  }

  /// Unit-ticks spent in use up to `now`.
  [[nodiscard]] double busy_unit_ticks(Tick now) const {
    return static_cast<double>(busy_ + in_use_ * now);
  }
  /// Ticks spent closed up to `now`.
  [[nodiscard]] Tick closed_ticks(Tick now) const {
    return closed_ticks_ + (open() ? 0 : now - closed_since_);
  }

  /// Starts the statistics afresh at `now` (end of warm-up); the state is kept.
  void reset_statistics(Tick now) {
    busy_ = -in_use_ * now;
    closed_ticks_ = 0;
    if (!open()) closed_since_ = now;
  }

 private:
  // Out of line, so that the common case of request() stays small enough to inline.
  [[gnu::noinline]] void enqueue(std::uint32_t who, Tick now) { queue_.push_back(Grant{who, now}); }

  // A unit taken at `now` and given back at t adds t - now to the busy unit-ticks: -now here,
  // +t when it comes back (see busy_).
  void take_unit(Tick now) {
    ++in_use_;
    busy_ -= now;
  }

  static constexpr Tick kOpen = -1;

  /// Unit-ticks in use up to time t are busy_ + in_use_ · t: each unit taken subtracts the time
  /// it was taken, each unit given back adds the time it came back. Exact, in integers, and
  /// no more work than an addition when a unit changes hands.
  Tick busy_ = 0;
  Tick closed_ticks_ = 0;
  Tick closed_since_ = kOpen;  ///< when it closed; kOpen while open
  RingQueue<Grant> queue_;
  std::int32_t capacity_;
  std::int32_t in_use_ = 0;
};
static_assert(sizeof(Resource) == 64);

}  // namespace corridor::core
