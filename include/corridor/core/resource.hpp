// A resource with `capacity` identical units and a FIFO queue of waiting requesters, plus the
// bookkeeping for utilisation (busy unit-ticks) and availability (closures). Passive: it never
// schedules events; the model continues a requester when `request` or `release` grants it a unit.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>

#include "corridor/core/sim_time.hpp"

namespace corridor::core {

/// Nothing kept in front of a RingQueue's slots.
struct NoHeader {};

/// A FIFO ring buffer that grows by doubling (no allocation in steady state). Small (16 bytes),
/// because every resource and every service and port queue holds one: its capacity lives in
/// the heap block, in front of the slots, with an optional `Header` that the owner keeps there
/// (data it seldom needs; see Resource). T must be trivially copyable.
template <typename T, typename Header = NoHeader>
class RingQueue {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_copyable_v<Header>);

 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const T& front() const { return slots()[head_]; }

  void push_back(const T& x) {
    if (!block_ || size_ == block()->capacity) grow(size_ + 1);
    ::new (slots() + ((head_ + size_) & (block()->capacity - 1))) T(x);
    ++size_;
  }

  T pop_front() {
    assert(size_ > 0);
    const T x = slots()[head_];
    head_ = (head_ + 1) & (block()->capacity - 1);
    --size_;
    return x;
  }

  /// The header, allocating the block (with no slots yet) if there is none.
  Header& header() {
    if (!block_) grow(0);
    return block()->header;
  }
  /// The header, or null while nothing has been allocated.
  [[nodiscard]] const Header* header_if_any() const { return block_ ? &block()->header : nullptr; }

 private:
  struct Block {
    Header header{};
    std::uint32_t capacity = 0;  ///< slots: a power of two, or 0
  };
  static constexpr std::size_t kSlotsOffset =
      (sizeof(Block) + alignof(T) - 1) / alignof(T) * alignof(T);

  Block* block() const { return std::launder(reinterpret_cast<Block*>(block_.get())); }
  T* slots() const { return std::launder(reinterpret_cast<T*>(block_.get() + kSlotsOffset)); }

  // Moves to a block with at least `min_slots` slots (8, 16, ...; none for 0), keeping the
  // header and the order of the items.
  [[gnu::noinline]] void grow(std::uint32_t min_slots) {
    std::uint32_t n = block_ ? block()->capacity : 0;
    while (n < min_slots) n = n == 0 ? 8 : n * 2;
    auto bigger = std::make_unique<std::byte[]>(kSlotsOffset + n * sizeof(T));
    ::new (bigger.get()) Block{block_ ? block()->header : Header{}, n};
    T* to = reinterpret_cast<T*>(bigger.get() + kSlotsOffset);
    for (std::uint32_t i = 0; i < size_; ++i) {
      ::new (to + i) T(slots()[(head_ + i) & (block()->capacity - 1)]);
    }
    block_ = std::move(bigger);
    head_ = 0;
  }

  std::unique_ptr<std::byte[]> block_;  ///< Block, then the slots; null until first needed
  std::uint32_t head_ = 0;              ///< the first item's slot
  std::uint32_t size_ = 0;
};

/// Who was granted a unit, and since when it had been waiting.
struct Grant {
  std::uint32_t who = 0;
  Tick requested_at = 0;
};

/// Half a cache line (32 bytes, aligned): a large network has hundreds of thousands of
/// resources and a vehicle touches several at every step, so only what a request or a release
/// reads is kept here. The closure record, which most resources never need, sits in the
/// queue's heap block, allocated at the first waiter or closure.
class alignas(32) Resource {
 public:
  explicit Resource(int capacity = 1) : limit_(capacity) { assert(capacity >= 0); }

  [[nodiscard]] int capacity() const { return limit_ >= 0 ? limit_ : -1 - limit_; }
  [[nodiscard]] int in_use() const { return in_use_; }
  [[nodiscard]] std::size_t queue_length() const { return queue_.size(); }
  [[nodiscard]] bool open() const { return limit_ >= 0; }

  /// Asks for one unit. Returns true when granted at once; otherwise `who` joins the queue and
  /// will be returned by a later `release` or `reopen`.
  [[gnu::always_inline]] bool request(std::uint32_t who, Tick now) {
    // A closed resource's limit is negative, so one comparison covers "open" and "a unit free".
    if (in_use_ < limit_ && queue_.empty()) {
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
    if (!open()) return;
    queue_.header().closed_since = now;
    limit_ = -1 - limit_;
  }

  /// Resumes granting; calls `on_grant(Grant)` for each waiter that now gets a unit, in order.
  template <typename F>
  void reopen(Tick now, F&& on_grant) {
    if (open()) return;
    Closure& c = queue_.header();
    c.closed_ticks += now - c.closed_since;
    limit_ = -1 - limit_;
    while (in_use_ < limit_ && !queue_.empty()) {
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
    const Closure* c = queue_.header_if_any();
    if (c == nullptr) return 0;  // never closed
    return c->closed_ticks + (open() ? 0 : now - c->closed_since);
  }

  /// Starts the statistics afresh at `now` (end of warm-up); the state is kept.
  void reset_statistics(Tick now) {
    busy_ = -in_use_ * now;
    if (queue_.header_if_any() == nullptr) return;  // never closed: nothing to reset
    Closure& c = queue_.header();
    c.closed_ticks = 0;
    if (!open()) c.closed_since = now;
  }

 private:
  struct Closure {
    Tick closed_since = 0;  ///< when it closed; meaningful while closed
    Tick closed_ticks = 0;
  };

  // Out of line, so that the common case of request() stays small enough to inline.
  [[gnu::noinline]] void enqueue(std::uint32_t who, Tick now) { queue_.push_back(Grant{who, now}); }

  // A unit taken at `now` and given back at t adds t - now to the busy unit-ticks: -now here,
  // +t when it comes back (see busy_).
  void take_unit(Tick now) {
    ++in_use_;
    busy_ -= now;
  }

  /// Unit-ticks in use up to time t are busy_ + in_use_ · t: each unit taken subtracts the time
  /// it was taken, each unit given back adds the time it came back. Exact, in integers, and
  /// no more work than an addition when a unit changes hands.
  Tick busy_ = 0;
  RingQueue<Grant, Closure> queue_;
  std::int32_t limit_;  ///< the capacity while open, -1 - capacity while closed
  std::int32_t in_use_ = 0;
};
static_assert(sizeof(RingQueue<std::uint32_t>) == 16);
static_assert(sizeof(Resource) == 32);

}  // namespace corridor::core
