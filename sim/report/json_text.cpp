// Writes a pretty-printed JSON object or array whose large arrays come element by element (see
// corridor/report/json_text.hpp), in nlohmann::json's own layout so that the text is the same.
#include "corridor/report/json_text.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/core/parallel.hpp"

namespace corridor::report {
namespace {

constexpr int kIndent = 2;

/// Appends `value` printed with dump(2), as it appears nested `depth` levels deep: every line
/// after the first indented by `depth` more steps. A dumped value has no raw newline inside a
/// string (they are escaped), so each one starts a line.
void append_nested(std::string& out, const nlohmann::json& value, int depth) {
  const std::string text = value.dump(kIndent);
  const std::string_view pad = "                ";  // enough for the depths used here
  const auto width = static_cast<std::size_t>(depth * kIndent);
  if (width > pad.size()) throw std::logic_error("pretty_json: nested too deep");
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.append(text, from, nl + 1 - from);
    out.append(pad.substr(0, width));
    from = nl + 1;
  }
  out.append(text, from, std::string::npos);
}

/// Appends elements [from, to) of `a`, an array nested `depth` levels deep, each on its own
/// line as dump(2) lays out an array.
void append_elements(std::string& out, const ArrayOfElements& a, std::size_t from, std::size_t to,
                     int depth) {
  for (std::size_t i = from; i < to; ++i) {
    out.append(static_cast<std::size_t>(depth * kIndent), ' ');
    append_nested(out, a.element(i), depth);
    out += i + 1 < a.size ? ",\n" : "\n";
  }
}

/// Writes the elements of a large array to `stream`, built on all cores: each round, every
/// worker builds a block of kBlock elements into its own text, and the blocks are written in
/// order, so the text is the same as building them one by one.
void write_elements_on_threads(std::ostream& stream, const ArrayOfElements& a, unsigned threads,
                               int depth) {
  constexpr std::size_t kBlock = 256;
  std::vector<std::string> blocks(threads);
  for (std::size_t first = 0; first < a.size; first += kBlock * threads) {
    const std::size_t count =
        std::min<std::size_t>(threads, (a.size - first + kBlock - 1) / kBlock);
    core::parallel_for(count, threads, [&](std::size_t b, unsigned) {
      const std::size_t from = first + b * kBlock;
      append_elements(blocks[b], a, from, std::min(a.size, from + kBlock), depth);
    });
    for (std::size_t b = 0; b < count; ++b) {
      stream.write(blocks[b].data(), static_cast<std::streamsize>(blocks[b].size()));
      blocks[b].clear();
    }
  }
}

// Written in pieces of about this size, so that the text never exists whole either.
constexpr std::size_t kPiece = 1 << 16;
// Arrays this long are built on several threads (write_elements_on_threads).
constexpr std::size_t kElementsOnThreads = 4096;

/// Writes the elements of `a`, nested `depth` levels deep, after the text in `out` (which it
/// writes first, or leaves to be written with what follows).
void write_elements(std::ostream& stream, std::string& out, const ArrayOfElements& a,
                    unsigned threads, int depth) {
  if (threads > 1 && a.size >= kElementsOnThreads) {
    stream.write(out.data(), static_cast<std::streamsize>(out.size()));
    out.clear();
    write_elements_on_threads(stream, a, threads, depth);
    return;
  }
  for (std::size_t i = 0; i < a.size; ++i) {
    append_elements(out, a, i, i + 1, depth);
    if (out.size() >= kPiece) {
      stream.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
}

}  // namespace

void pretty_json_array(std::ostream& stream, const ArrayOfElements& array, unsigned threads) {
  if (array.size == 0) {
    stream << "[]\n";
    return;
  }
  if (threads == 0) threads = core::default_threads();
  std::string out = "[\n";
  write_elements(stream, out, array, threads, 1);
  out += "]\n";
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

void pretty_json(std::ostream& stream, const nlohmann::json& head,
                 const std::map<std::string, ArrayOfElements>& arrays, unsigned threads) {
  if (!head.is_object()) throw std::logic_error("pretty_json: the head must be an object");
  // The keys of both, in the order an object prints them (nlohmann::json keeps them sorted).
  struct Key {
    const std::string* name;
    const nlohmann::json* value;      // in `head`, or
    const ArrayOfElements* elements;  // in `arrays`
  };
  std::vector<Key> keys;
  auto array = arrays.begin();
  for (auto it = head.begin(); it != head.end(); ++it) {
    if (arrays.count(it.key()) != 0) throw std::logic_error("pretty_json: key given twice");
    for (; array != arrays.end() && array->first < it.key(); ++array) {
      keys.push_back({&array->first, nullptr, &array->second});
    }
    keys.push_back({&it.key(), &it.value(), nullptr});
  }
  for (; array != arrays.end(); ++array) keys.push_back({&array->first, nullptr, &array->second});

  if (keys.empty()) {
    stream << "{}\n";
    return;
  }
  if (threads == 0) threads = core::default_threads();
  std::string out = "{\n";
  for (std::size_t k = 0; k < keys.size(); ++k) {
    out += "  ";
    out += nlohmann::json(*keys[k].name).dump();  // the key, quoted and escaped
    out += ": ";
    if (keys[k].value != nullptr) {
      append_nested(out, *keys[k].value, 1);
    } else if (keys[k].elements->size == 0) {
      out += "[]";
    } else {
      out += "[\n";
      write_elements(stream, out, *keys[k].elements, threads, 2);
      out += "  ]";
    }
    out += k + 1 < keys.size() ? ",\n" : "\n";
  }
  out += "}\n";
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace corridor::report
