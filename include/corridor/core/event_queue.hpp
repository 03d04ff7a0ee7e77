// The event record and its total, deterministic order (time, then priority, then insertion
// sequence), and a 4-ary min-heap of such records: the scheduler's calendar (event_calendar.hpp)
// keeps the events beyond its wheel in one. No allocation per event once the heap has grown.
// Measurements behind the layout and the sift code: docs/performance.md.
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

/// The 128-bit sort key of an event: time (sign bit flipped, so that unsigned order is signed
/// order) above the order word. One unsigned comparison of two keys compiles to cmp/sbb and a
/// conditional move, with no data-dependent branch.
__extension__ typedef unsigned __int128 EventKey;  // NOLINT(modernize-use-using)

inline EventKey event_key(const Event& e) {
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  return (static_cast<EventKey>(static_cast<std::uint64_t>(e.time) ^ kSign) << 64) | e.order;
}

/// True when `a` must be processed before `b`: earlier time, then lower order key.
inline bool before(const Event& a, const Event& b) { return event_key(a) < event_key(b); }

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
    drop_top();
    return first;
  }

  /// Removes the first event without returning it. REQUIRES: !empty().
  void drop_top() {
    assert(!heap_.empty());
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
  }

 private:
  static constexpr std::size_t kArity = 4;

  void sift_up(std::size_t i) {
    Event* h = heap_.data();
    const Event e = h[i];
    const EventKey key = event_key(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (key >= event_key(h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = e;
  }

  // Places `e` in the hole at the root, moving smaller children up.
  void sift_down(const Event& e) {
    Event* h = heap_.data();
    const std::size_t n = heap_.size();
    const EventKey key = event_key(e);
    std::size_t i = 0;
    for (;;) {
      const std::size_t c = i * kArity + 1;
      std::size_t best;
      EventKey best_key;
      if (c + kArity <= n) {
        // All four children exist: a two-round tournament of branch-free selections.
        const EventKey k0 = event_key(h[c]);
        const EventKey k1 = event_key(h[c + 1]);
        const EventKey k2 = event_key(h[c + 2]);
        const EventKey k3 = event_key(h[c + 3]);
        const bool first_pair = k1 < k0;
        const bool second_pair = k3 < k2;
        const std::size_t a = c + first_pair;
        const std::size_t b = c + 2 + second_pair;
        const EventKey ka = first_pair ? k1 : k0;
        const EventKey kb = second_pair ? k3 : k2;
        const bool second = kb < ka;
        best = second ? b : a;
        best_key = second ? kb : ka;
      } else if (c < n) {
        best = c;
        best_key = event_key(h[c]);
        for (std::size_t j = c + 1; j < n; ++j) {
          const EventKey kj = event_key(h[j]);
          if (kj < best_key) {
            best = j;
            best_key = kj;
          }
        }
      } else {
        break;
      }
      if (key < best_key) break;
      h[i] = h[best];
      i = best;
    }
    h[i] = e;
  }

  std::vector<Event> heap_;
};

}  // namespace corridor::core
