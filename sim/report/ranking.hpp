// Which links and nodes a report lists as bottlenecks: those that carried something or were
// busy, highest mean utilisation first (ties keep scenario order). Private to sim/report.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace corridor::report {

/// Pointers into `items` (LinkSummary or NodeSummary), busiest first, at most `limit`.
template <typename T>
std::vector<const T*> busiest(const std::vector<T>& items, std::size_t limit) {
  std::vector<const T*> order;
  for (const auto& x : items) {
    if (x.utilisation.mean > 0 || x.tonnes_per_year.mean > 0) order.push_back(&x);
  }
  std::stable_sort(order.begin(), order.end(), [](const T* a, const T* b) {
    return a->utilisation.mean > b->utilisation.mean;
  });
  if (order.size() > limit) order.resize(limit);
  return order;
}

}  // namespace corridor::report
