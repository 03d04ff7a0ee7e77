// The scheduler's calendar: a wheel of time buckets for the near future in front of a 4-ary heap
// (EventQueue) for the far future. It pops events in exactly the order EventQueue does (time,
// then priority, then insertion sequence), so results do not depend on which one a model uses;
// it is faster when many events are pending, because a push into a bucket ahead costs O(1) and
// only the bucket being drained is kept sorted. Measurements: docs/performance.md.
//
// Layout: bucket b covers the ticks [b·W, (b+1)·W) with W = 2^bucket_bits; the wheel holds the
// N buckets (bucket_count()) from the one being drained (`base_`) onwards, and every later event
// waits in the heap until the wheel reaches its bucket. A bucket is an unsorted list of nodes in
// one pool (so the wheel stays small and in cache); the bucket being drained is moved out into a
// sorted vector, first event at the back, and its new events that come after all of those wait
// in a second one, first event first, so that a crowd due at one tick costs no more per event
// than a few (docs/performance.md, "Thousands of events due at one tick").
//
// The wheel adapts to crowding: when the buckets drained lately held many events each (sorting
// them costs more per event), the width halves, and the number of buckets doubles where that
// is needed to keep nearly every pending event on the wheel (or, when even the present span
// does not hold them, the buckets double alone, and a later check narrows them). It never
// changes the order of events, only the speed.
#pragma once

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "corridor/core/event_queue.hpp"
#include "corridor/core/sim_time.hpp"

namespace corridor::core {

class EventCalendar {
 public:
  /// 2^16 ticks per bucket to start with: about a minute when a tick is a millisecond.
  static constexpr int kDefaultBucketBits = 16;
  static constexpr std::size_t kMinBuckets = 1024;      ///< buckets to start with
  static constexpr std::size_t kMaxBuckets = 1u << 16;  ///< the most the wheel grows to

  explicit EventCalendar(int bucket_bits = kDefaultBucketBits)
      : bits_(bucket_bits), heads_(kMinBuckets, kNone), occupied_(kMinBuckets / 64, 0) {
    assert(bucket_bits >= 0 && bucket_bits < 48);
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The current bucket width is 2^bucket_bits() ticks.
  [[nodiscard]] int bucket_bits() const { return bits_; }
  /// Buckets on the wheel now: a power of two from kMinBuckets to kMaxBuckets.
  [[nodiscard]] std::size_t bucket_count() const { return mask_ + 1; }
  void reserve(std::size_t n) { far_.reserve(n); }

  void push(const Event& e) {
    ++size_;
    const Tick ahead = bucket_of(e.time) - bucket_of(base_);  // buckets after the current one
    // The common case, a bucket ahead on the wheel, is kept apart from the others so that it
    // compiles to a short path.
    if (ahead > 0 && static_cast<std::uint64_t>(ahead) <= mask_) [[likely]] {
      link(e, static_cast<std::size_t>(bucket_of(e.time)) & mask_);
    } else {
      push_elsewhere(e, ahead);
    }
  }

  /// The first event. REQUIRES: !empty(). Moves the wheel on to the bucket that holds it (no
  /// event can be earlier than that bucket afterwards, or push rewinds).
  const Event& top() {
    assert(!empty());
    if (current_.empty()) {
      if (later_.empty()) {
        if (popped_ >= kTuneEvents) [[unlikely]]
          tune();
        if (near_ == 0) {
          // Nothing on the wheel: restart it at the heap's first event.
          base_ = bucket_of(far_.top().time) << bits_;
          cur_ = index_of(base_);
        } else {
          const std::size_t next = next_occupied(cur_);
          base_ += static_cast<Tick>((next - cur_) & mask_) << bits_;
          cur_ = next;
        }
        refill();
        take_current();
      } else {
        take_later();
      }
    }
    return current_.back();
  }

  /// Removes and returns the first event. REQUIRES: !empty().
  Event pop() {
    top();
    return pop_top();
  }

  /// pop() right after top(), which has already moved the wheel to the first event.
  /// REQUIRES: top() called since the last push or pop.
  Event pop_top() {
    assert(!current_.empty());
    const Event e = current_.back();
    current_.pop_back();
    --size_;
    ++popped_;
    return e;
  }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  struct Node {
    Event event;
    std::uint32_t next = kNone;
  };

  [[nodiscard]] Tick bucket_of(Tick t) const { return t >> bits_; }
  [[nodiscard]] std::size_t index_of(Tick t) const {
    return static_cast<std::size_t>(bucket_of(t)) & mask_;
  }

  // Events for the bucket being drained are usually due soon: search from the back. One after
  // every event there goes to later_ instead, which keeps such events first event first: many
  // events due at one tick and scheduled one after another (every train held at a closed line
  // moving on when it reopens) each go to the end of later_, where at the front of current_
  // each would move all the others.
  void insert_current(const Event& e) {
    if (current_.empty() ? !later_.empty() : before(current_.front(), e)) return insert_later(e);
    current_.push_back(e);
    Event* a = current_.data();
    std::size_t pos = current_.size() - 1;
    for (; pos > 0 && before(a[pos - 1], e); --pos) a[pos] = a[pos - 1];
    a[pos] = e;
  }

  // As insert_current, in later_ (first event first), where e is usually the last.
  void insert_later(const Event& e) {
    later_.push_back(e);
    Event* a = later_.data();
    std::size_t pos = later_.size() - 1;
    for (; pos > 0 && before(e, a[pos - 1]); --pos) a[pos] = a[pos - 1];
    a[pos] = e;
  }

  // current_ has run out: later_ becomes current_ (first event at the back).
  [[gnu::noinline]] void take_later() {
    current_.assign(later_.rbegin(), later_.rend());
    later_.clear();
  }

  void link(const Event& e, std::size_t i) {
    std::uint32_t n = free_;
    if (n != kNone) [[likely]] {
      free_ = nodes_[n].next;
    } else {
      n = new_node();
    }
    nodes_[n].event = e;
    nodes_[n].next = heads_[i];
    heads_[i] = n;
    occupied_[i / 64] |= std::uint64_t{1} << (i % 64);
    ++near_;
  }

  // A node at the end of the pool (out of line: the pool grows only until it holds the most
  // events ever pending).
  [[gnu::noinline]] std::uint32_t new_node() {
    nodes_.emplace_back();
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }

  // An event for the bucket being drained goes into current_, one beyond the wheel's span to
  // the heap; one before the bucket being drained rewinds the wheel.
  [[gnu::noinline]] void push_elsewhere(const Event& e, Tick ahead) {
    if (ahead == 0) return insert_current(e);
    if (e.time < base_) return rewind(e);
    far_.push(e);
  }

  // Moves bucket cur_ into the empty current_, sorted with its first event at the back. (While
  // a bucket is being drained, push() puts its new events straight into current_.)
  void take_current() {
    assert(current_.empty());
    ++drained_;
    const std::uint32_t first = heads_[cur_];
    if (first != kNone && nodes_[first].next == kNone) {
      // The common case: one event in the bucket.
      current_.push_back(nodes_[first].event);
      nodes_[first].next = free_;
      free_ = first;
      --near_;
      heads_[cur_] = kNone;
      occupied_[cur_ / 64] &= ~(std::uint64_t{1} << (cur_ % 64));
      return;
    }
    for (std::uint32_t n = first; n != kNone;) {
      current_.push_back(nodes_[n].event);
      const std::uint32_t next = nodes_[n].next;
      nodes_[n].next = free_;
      free_ = n;
      n = next;
      --near_;
    }
    heads_[cur_] = kNone;
    occupied_[cur_ / 64] &= ~(std::uint64_t{1} << (cur_ % 64));
    if (current_.size() > kInsertionSortMax) {
      std::sort(current_.begin(), current_.end(),
                [](const Event& x, const Event& y) { return before(y, x); });
    } else {
      insertion_sort_current();
    }
  }

  // The few events a bucket usually holds: a plain insertion sort, the same order as std::sort
  // (keys are unique) without its set-up.
  void insertion_sort_current() {
    Event* a = current_.data();
    const std::size_t n = current_.size();
    for (std::size_t i = 1; i < n; ++i) {
      const Event x = a[i];
      const EventKey key = event_key(x);
      std::size_t j = i;
      for (; j > 0 && event_key(a[j - 1]) < key; --j) a[j] = a[j - 1];
      a[j] = x;
    }
  }

  // Moves the heap's events that the wheel now spans onto the wheel, those of bucket cur_ too:
  // take_current() follows and sorts them with the rest of that bucket. (Inserting them into
  // current_ one by one would cost time quadratic in their number: they come out of the heap
  // first event first, and each would go to the front of current_.)
  // REQUIRES: current_ is empty, and take_current() is called next.
  void refill() {
    assert(current_.empty());
    const Tick end = bucket_of(base_) + static_cast<Tick>(mask_ + 1);
    while (!far_.empty() && bucket_of(far_.top().time) < end) {
      const Event e = far_.pop();
      link(e, index_of(e.time));
    }
  }

  // The first occupied bucket after `from`, going round the wheel. REQUIRES: near_ > 0.
  [[nodiscard]] std::size_t next_occupied(std::size_t from) const {
    const std::size_t words = occupied_.size();
    std::size_t w = from / 64;
    // Only the bits above `from` in its own word at first; the whole word when the search
    // comes round to it again.
    std::uint64_t bits = occupied_[w] & ~(~std::uint64_t{0} >> (63 - from % 64));
    for (std::size_t step = 0; step <= words; ++step) {
      if (bits != 0) return w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      w = (w + 1) % words;
      bits = occupied_[w];
    }
    assert(false && "next_occupied on an empty wheel");
    return from;
  }

  // Every kTuneEvents events popped (checked between two buckets, so current_ is empty), when
  // the buckets held more than kCrowded events each on average: halves the width if fewer than
  // one pending event in 16 lies half the wheel's span or further ahead (so that a wheel of half
  // the span still holds nearly all of them); else, if fewer than one in 16 lies beyond the
  // span, halves the width and doubles the number of buckets (the same span); else doubles the
  // number of buckets (twice the span). The events go to the heap and come back onto the new
  // wheel as it reaches their buckets; the order is the same.
  [[gnu::noinline, gnu::cold]] void tune() {
    const bool crowded = popped_ > kCrowded * drained_;
    drained_ = popped_ = 0;
    if (!crowded) return;
    std::size_t beyond = far_.size();
    const std::size_t n = mask_ + 1;
    for (std::size_t k = n / 2; k < n; ++k) {
      for (std::uint32_t i = heads_[(cur_ + k) & mask_]; i != kNone; i = nodes_[i].next) ++beyond;
    }
    int narrower = 1;      // halvings of the width
    std::size_t more = 1;  // factor on the number of buckets
    if (beyond * 16 >= size_) {
      if (2 * n > kMaxBuckets) return;
      more = 2;
      // The span holds nearly every event (twice the buckets, half as wide), or it does not
      // (twice the buckets, as wide: twice the span).
      if (far_.size() * 16 >= size_) narrower = 0;
    }
    if (narrower > bits_) narrower = bits_;
    if (narrower == 0 && more == 1) return;
    move_wheel_to_heap();
    bits_ -= narrower;
    if (more > 1) {
      mask_ = more * n - 1;
      heads_.assign(more * n, kNone);
      occupied_.assign(more * n / 64, 0);
    }
  }

  // Empties the buckets' lists into the heap (for a new width or a new start of the wheel).
  void move_wheel_to_heap() {
    for (std::size_t i = 0; i <= mask_; ++i) {
      for (std::uint32_t n = heads_[i]; n != kNone; n = nodes_[n].next) far_.push(nodes_[n].event);
      heads_[i] = kNone;
    }
    std::fill(occupied_.begin(), occupied_.end(), 0);
    nodes_.clear();
    free_ = kNone;
    near_ = 0;
  }

  // An event earlier than the bucket being drained: possible only when a run stopped after
  // top() had moved the wheel on and the model then scheduled before that point. Everything
  // goes back to the heap and the wheel restarts at the new event.
  void rewind(const Event& e) {
    for (const Event& x : current_) far_.push(x);
    for (const Event& x : later_) far_.push(x);
    current_.clear();
    later_.clear();
    move_wheel_to_heap();
    far_.push(e);
    base_ = bucket_of(e.time) << bits_;
    cur_ = index_of(base_);
    refill();
    take_current();
  }

  static constexpr std::size_t kInsertionSortMax = 16;  ///< larger buckets go to std::sort
  static constexpr std::uint64_t kTuneEvents = 65536;   ///< events popped between two checks
  static constexpr std::uint64_t kCrowded = 16;  ///< events per bucket that call for a change

  int bits_;
  std::size_t mask_ = kMinBuckets - 1;   ///< buckets on the wheel, less one
  std::uint64_t drained_ = 0;            ///< buckets drained since the last check
  std::uint64_t popped_ = 0;             ///< events popped since the last check
  std::vector<std::uint32_t> heads_;     ///< first node of each bucket's list, or kNone
  std::vector<std::uint64_t> occupied_;  ///< bit i: bucket i's list is not empty
  std::vector<Node> nodes_;              ///< list nodes; the unused ones on a free list
  std::uint32_t free_ = kNone;
  std::vector<Event> current_;  ///< the bucket being drained, sorted, first event at the back
  std::vector<Event> later_;    ///< more of it, all after current_'s events, first event first
  Tick base_ = 0;               ///< first tick of that bucket
  std::size_t cur_ = 0;         ///< its index on the wheel
  std::size_t near_ = 0;        ///< events in the buckets' lists
  std::size_t size_ = 0;        ///< all events: lists, current_ and the heap
  EventQueue far_;
};

}  // namespace corridor::core
