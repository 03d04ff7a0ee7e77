// The raw scenario tree: maps, lists and scalars exactly as written, each remembering the file,
// line and column it came from. The loader builds it from YAML (sim/scenario/document.cpp is the
// only place that sees yaml-cpp), `extends` merges trees, and the validator turns one into a
// model::Scenario.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::scenario {

struct DocEntry;

/// The one copy of a file name that every location in it points to. Names are kept until the
/// process ends: there are as many as files read (a scenario and its `extends` bases), however
/// often they are read. Safe to call from several threads.
[[nodiscard]] const std::string* intern_file_name(std::string_view name);

/// Where a value of the document starts. It reads as a SourceLocation, but holds the file's name
/// as a pointer to its interned copy instead of a string of its own: a large scenario has
/// millions of values, and a copied name cost each of them a heap allocation (a shared one, a
/// reference count to update whenever a value was made, moved or freed).
class DocLocation {
 public:
  DocLocation() = default;
  DocLocation(const SourceLocation& where)  // NOLINT(google-explicit-constructor): reads as one
      : DocLocation(intern_file_name(where.file), where.line, where.column) {}
  /// REQUIRES: `file` is null or comes from intern_file_name().
  DocLocation(const std::string* file, int line, int column)
      : file_(file), line_(line), column_(column) {}

  operator SourceLocation() const {  // NOLINT(google-explicit-constructor)
    return {file_ != nullptr ? *file_ : std::string(), line_, column_};
  }
  /// The file's name, or null for a location made without one.
  [[nodiscard]] const std::string* file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }

 private:
  const std::string* file_ = nullptr;
  int line_ = 0;
  int column_ = 0;
};

/// One value of the document. Maps keep their keys in file order.
struct DocNode {
  enum class Kind { kNull, kScalar, kMap, kList };
  Kind kind = Kind::kNull;
  DocLocation where;              ///< where the value starts
  std::string text;               ///< the scalar's text (kScalar only)
  std::vector<DocEntry> entries;  ///< kMap only
  std::vector<DocNode> items;     ///< kList only

  [[nodiscard]] bool is_null() const { return kind == Kind::kNull; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::kScalar; }
  [[nodiscard]] bool is_map() const { return kind == Kind::kMap; }
  [[nodiscard]] bool is_list() const { return kind == Kind::kList; }

  /// The value under `key` of a map, or nullptr (also for non-maps).
  [[nodiscard]] const DocNode* find(const std::string& key) const;
  [[nodiscard]] DocNode* find(const std::string& key);
  /// The entry under `key` of a map, or nullptr.
  [[nodiscard]] const DocEntry* find_entry(const std::string& key) const;
};

/// A key of a map with its location and value.
struct DocEntry {
  std::string key;
  DocLocation key_where;
  DocNode value;
};

/// `FILE:LINE:COL` (or just `FILE` when the line is unknown), as used inside messages.
[[nodiscard]] std::string format_location(const SourceLocation& where);

/// What a value is, for messages: "a map", "a list", "an empty value" or "'text'".
[[nodiscard]] std::string describe(const DocNode& node);

/// Hard limits on input, so that a hostile or broken file fails with a message instead of
/// exhausting memory.
inline constexpr std::size_t kMaxFileBytes = 64u * 1024u * 1024u;
inline constexpr int kMaxDepth = 64;
inline constexpr std::size_t kMaxValues = 5'000'000;  ///< after expanding YAML aliases

/// Told, now and then while parsing, the share of the text read so far (0 to 1), for a progress
/// display of a large file.
using ParseProgress = std::function<void(double share)>;

/// How parse_document may read a large text on several threads: in pieces of at least
/// `piece_bytes` that parse on their own (whole top-level entries, or runs of items of a
/// top-level list), joined into the same tree as reading it whole. A text that does not cut
/// that way is read whole, as is any text under two pieces long.
struct ParseSplit {
  unsigned threads = 0;                ///< 0: core::default_threads(); 1: never split
  std::size_t piece_bytes = 1u << 20;  ///< the smallest piece
  std::size_t* pieces = nullptr;       ///< if set, gets the pieces read (1: the text whole)
};

/// Parses YAML text into a tree. `file` names the text in locations. Problems (syntax errors,
/// tabs in indentation, limits) are appended to `diagnostics` and nullopt returned. An empty
/// document yields a kNull node. The tree and the problems are the same however `split` is set.
[[nodiscard]] std::optional<DocNode> parse_document(const std::string& text,
                                                    const std::string& file,
                                                    std::vector<Diagnostic>& diagnostics,
                                                    const ParseProgress& progress = {},
                                                    const ParseSplit& split = {});

/// Checks that a parsed document can be a scenario: not empty, and a map at the top level.
/// Appends a diagnostic and returns false otherwise.
[[nodiscard]] bool check_top_level(const DocNode& document, const std::string& file,
                                   std::vector<Diagnostic>& diagnostics);

/// Reads and parses the file at `path` (named `path` in messages). A file that cannot be read,
/// is a directory or is too large becomes a diagnostic without a line.
[[nodiscard]] std::optional<DocNode> read_document(const std::string& path,
                                                   std::vector<Diagnostic>& diagnostics,
                                                   const ParseProgress& progress = {});

}  // namespace corridor::scenario
