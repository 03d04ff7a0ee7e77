// The event calendar: a 4-ary min-heap of plain event records with a total, deterministic order
// (time, then priority, then insertion sequence). No allocation per event once the heap has grown.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "corridor/core/sim_time.hpp"

namespace corridor::core {

/// One scheduled event. The kernel only orders events; `target`, `kind` and `tag` mean what the
/// model says they mean (typically: entity index, what happens, and an interrupt epoch).
struct Event {
  Tick time = 0;
  std::uint64_t order = 0;  ///< priority in the top 8 bits, insertion sequence below
  std::uint32_t target = 0;
  std::uint16_t kind = 0;
  std::uint16_t tag = 0;

  [[nodiscard]] int priority() const { return static_cast<int>(order >> kSequenceBits); }
  static constexpr int kSequenceBits = 56;
};

/// True when `a` must be processed before `b`.
inline bool before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

class EventQueue {
 public:
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  /// REQUIRES: !empty().
  [[nodiscard]] const Event& top() const {
    assert(!heap_.empty());
    return heap_.front();
  }

  void push(const Event& e) {
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
  }

  /// Removes and returns the first event. REQUIRES: !empty().
  Event pop() {
    assert(!heap_.empty());
    Event first = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return first;
  }

 private:
  static constexpr std::size_t kArity = 4;

  void sift_up(std::size_t i) {
    Event e = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / kArity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Places `e` (the former last element) starting from the root.
  void sift_down(const Event& e) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t first_child = i * kArity + 1;
      if (first_child >= n) break;
      std::size_t best = first_child;
      std::size_t end = first_child + kArity < n ? first_child + kArity : n;
      for (std::size_t c = first_child + 1; c < end; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
};

}  // namespace corridor::core
