// The simulation clock and calendar. Models are event handlers: `run_until` pops events in order
// and calls `handler(event)` directly (a template parameter, so no type-erased callback in the hot
// path). Processes, interrupts and resources are built from events; see docs/decisions/.
#pragma once

#include <atomic>
#include <cassert>
#include <cstdint>
#include <type_traits>

#include "corridor/core/event_calendar.hpp"
#include "corridor/core/sim_time.hpp"

namespace corridor::core {

class Scheduler {
 public:
  static constexpr int kDefaultPriority = 128;

  /// `bucket_bits`: the calendar's buckets start 2^bucket_bits ticks wide and narrow (the wheel
  /// growing where needed) when they are crowded (see event_calendar.hpp); this changes only
  /// the speed, never the order of events.
  explicit Scheduler(int bucket_bits = EventCalendar::kDefaultBucketBits) : queue_(bucket_bits) {}

  [[nodiscard]] Tick now() const { return now_; }
  [[nodiscard]] std::uint64_t events_processed() const { return processed_; }
  [[nodiscard]] std::size_t pending() const { return queue_.size(); }
  void reserve(std::size_t n) { queue_.reserve(n); }

  /// Schedules an event `delay` ticks from now. REQUIRES: delay >= 0, 0 <= priority < 256.
  void schedule(Tick delay, std::uint32_t target, std::uint16_t kind, std::uint16_t tag = 0,
                int priority = kDefaultPriority) {
    assert(delay >= 0);
    schedule_at(now_ + delay, target, kind, tag, priority);
  }

  /// Schedules an event at absolute time `time`. REQUIRES: time >= now().
  void schedule_at(Tick time, std::uint32_t target, std::uint16_t kind, std::uint16_t tag = 0,
                   int priority = kDefaultPriority) {
    assert(time >= now_);
    assert(priority >= 0 && priority < 256);
    Event e;
    e.time = time;
    e.order = (static_cast<std::uint64_t>(priority) << Event::kSequenceBits) | sequence_++;
    e.target = target;
    e.kind = kind;
    e.tag = tag;
    queue_.push(e);
  }

  /// Processes events whose time is before `horizon`, in order; the clock ends at the time of
  /// the last event processed (or stays). Stops early when `handler` returns false or when
  /// the stop flag turns true (checked every 4096 events, when the clock is also published).
  /// Returns the events processed.
  template <typename Handler>
  std::uint64_t run_until(Tick horizon, Handler&& handler) {
    std::uint64_t count = 0;
    while (!queue_.empty() && queue_.top().time < horizon) {
      const Event e = queue_.pop_top();
      now_ = e.time;
      ++count;
      if constexpr (std::is_same_v<decltype(handler(e)), bool>) {
        if (!handler(e)) break;
      } else {
        handler(e);
      }
      if ((count & 4095) == 0) [[unlikely]] {
        if (clock_out_ != nullptr) clock_out_->store(now_, std::memory_order_relaxed);
        if (stop_flag_ != nullptr && stop_flag_->load(std::memory_order_relaxed)) break;
      }
    }
    processed_ += count;
    return count;
  }

  /// Advances the clock to `t` without processing events. REQUIRES: t >= now().
  void advance_to(Tick t) {
    assert(t >= now_);
    now_ = t;
  }

  /// A flag polled by run_until (for example set from a signal handler); may be null.
  void set_stop_flag(const std::atomic<bool>* flag) { stop_flag_ = flag; }

  /// Where run_until publishes the clock every 4096 events, for another thread to show how far
  /// a long run has got; may be null. Reading it never changes the run.
  void set_clock_out(std::atomic<Tick>* clock) { clock_out_ = clock; }

 private:
  EventCalendar queue_;
  Tick now_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t processed_ = 0;
  const std::atomic<bool>* stop_flag_ = nullptr;
  std::atomic<Tick>* clock_out_ = nullptr;
};

}  // namespace corridor::core
