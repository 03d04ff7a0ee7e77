// JSON documents as text, written piece by piece: a report of a network of 10^5 nodes holds
// hundreds of thousands of entries, and building the whole document as one nlohmann::json
// before printing it cost more time and memory than writing it.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace corridor::report {

/// An array given one element at a time: `element(i)` for i in [0, size).
struct ArrayOfElements {
  std::size_t size = 0;
  std::function<nlohmann::json(std::size_t)> element;
};

/// Writes to `out` the object `head` with the arrays of `arrays` added under their keys, exactly
/// as `dump(2)` of the whole object would print it, and a final newline. Elements are built as
/// they are written: one at a time, or, in an array of 4,096 elements or more, a block of them
/// per thread at a time, so `element` must be safe to call from several threads at once (the
/// text is the same either way). `threads`: 0 for core::default_threads(). REQUIRES: `head` is an
/// object without any key of `arrays`.
void pretty_json(std::ostream& out, const nlohmann::json& head,
                 const std::map<std::string, ArrayOfElements>& arrays, unsigned threads = 0);

/// Writes to `out` the array of the elements of `array` exactly as `dump(2)` of the whole
/// array would print it, and a final newline; elements are built as pretty_json builds those
/// of its arrays.
void pretty_json_array(std::ostream& out, const ArrayOfElements& array, unsigned threads = 0);

}  // namespace corridor::report
