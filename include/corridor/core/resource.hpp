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

#include "corridor/core/sim_time.hpp"

namespace corridor::core {

/// A FIFO ring buffer that grows by doubling (no allocation in steady state). Small (24 bytes),
/// because every service and port queue holds one.
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

/// Half a cache line (32 bytes, aligned): a large network has hundreds of thousands of
/// resources and a vehicle touches several at every step, so only what a request or a release
/// reads is kept here. The queue's storage and the closure record, which most resources never
/// need, share one heap block allocated when first needed.
class alignas(32) Resource {
 public:
  explicit Resource(int capacity = 1) : limit_(capacity) { assert(capacity >= 0); }

  [[nodiscard]] int capacity() const { return limit_ >= 0 ? limit_ : -1 - limit_; }
  [[nodiscard]] int in_use() const { return in_use_; }
  [[nodiscard]] std::size_t queue_length() const { return size_; }
  [[nodiscard]] bool open() const { return limit_ >= 0; }

  /// Asks for one unit. Returns true when granted at once; otherwise `who` joins the queue and
  /// will be returned by a later `release` or `reopen`.
  [[gnu::always_inline]] bool request(std::uint32_t who, Tick now) {
    // A closed resource's limit is negative, so one comparison covers "open" and "a unit free".
    if (in_use_ < limit_ && size_ == 0) {
      take_unit(now);
      return true;
    }
    enqueue(Grant{who, now});
    return false;
  }

  /// Returns one unit. When someone waits and the resource is open, the unit passes straight to
  /// the first in the queue, who is returned.
  std::optional<Grant> release(Tick now) {
    assert(in_use_ > 0);
    if (open() && size_ != 0) return dequeue();  // the unit stays in use
    --in_use_;
    busy_ += now;
    return std::nullopt;
  }

  /// Stops granting units (units in use stay in use until released).
  void close(Tick now) {
    assert(now >= 0);
    if (!open()) return;
    block(0)->closed_since = now;
    limit_ = -1 - limit_;
  }

  /// Resumes granting; calls `on_grant(Grant)` for each waiter that now gets a unit, in order.
  template <typename F>
  void reopen(Tick now, F&& on_grant) {
    if (open()) return;
    Header* h = header();
    h->closed_ticks += now - h->closed_since;
    limit_ = -1 - limit_;
    while (in_use_ < limit_ && size_ != 0) {
      take_unit(now);
      on_grant(dequeue());
    }
  }

  /// Unit-ticks spent in use up to `now`.
  [[nodiscard]] double busy_unit_ticks(Tick now) const {
    return static_cast<double>(busy_ + in_use_ * now);
  }
  /// Ticks spent closed up to `now`.
  [[nodiscard]] Tick closed_ticks(Tick now) const {
    if (!block_) return 0;
    const Header* h = header();
    return h->closed_ticks + (open() ? 0 : now - h->closed_since);
  }

  /// Starts the statistics afresh at `now` (end of warm-up); the state is kept.
  void reset_statistics(Tick now) {
    busy_ = -in_use_ * now;
    if (!block_) return;
    Header* h = header();
    h->closed_ticks = 0;
    if (!open()) h->closed_since = now;
  }

 private:
  /// The start of the heap block; the queue's slots follow it.
  struct Header {
    Tick closed_since = 0;  ///< when it closed; meaningful while closed
    Tick closed_ticks = 0;
    std::uint32_t slots = 0;  ///< a power of two, or 0
  };
  static constexpr std::size_t kSlotsOffset =
      (sizeof(Header) + alignof(Grant) - 1) / alignof(Grant) * alignof(Grant);

  Header* header() const { return std::launder(reinterpret_cast<Header*>(block_.get())); }
  Grant* slots() const {
    return std::launder(reinterpret_cast<Grant*>(block_.get() + kSlotsOffset));
  }

  // The heap block with room for at least `min_slots` waiters (allocated or grown as needed).
  Header* block(std::uint32_t min_slots) {
    if (block_ && header()->slots >= min_slots) return header();
    grow(min_slots);
    return header();
  }

  // Out of line, so that request() stays small enough to inline.
  [[gnu::noinline]] void enqueue(const Grant& g) {
    Header* h = block(size_ + 1);
    ::new (slots() + ((head_ + size_) & (h->slots - 1))) Grant(g);
    ++size_;
  }

  Grant dequeue() {
    assert(size_ > 0);
    const Grant g = slots()[head_];
    head_ = (head_ + 1) & (header()->slots - 1);
    --size_;
    return g;
  }

  [[gnu::noinline]] void grow(std::uint32_t min_slots) {
    std::uint32_t n = block_ ? header()->slots : 0;
    while (n < min_slots) n = n == 0 ? 8 : n * 2;
    auto bigger = std::make_unique<std::byte[]>(kSlotsOffset + n * sizeof(Grant));
    Header* h = ::new (bigger.get()) Header(block_ ? *header() : Header{});
    Grant* to = reinterpret_cast<Grant*>(bigger.get() + kSlotsOffset);
    for (std::uint32_t i = 0; i < size_; ++i) {
      ::new (to + i) Grant(slots()[(head_ + i) & (header()->slots - 1)]);
    }
    h->slots = n;
    block_ = std::move(bigger);
    head_ = 0;
  }

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
  std::unique_ptr<std::byte[]> block_;  ///< Header, then the queue's slots; null until needed
  std::uint32_t head_ = 0;              ///< the first waiter's slot
  std::uint32_t size_ = 0;              ///< waiters
  std::int32_t limit_;                  ///< the capacity while open, -1 - capacity while closed
  std::int32_t in_use_ = 0;
};
static_assert(sizeof(Resource) == 32);

}  // namespace corridor::core
