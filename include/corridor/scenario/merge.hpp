// `extends`: a scenario file may build on a base file. The base document is loaded first
// (recursively), then the derived document is merged onto it, before validation. Every merged
// value keeps the file and position it was written at, so messages point into the right file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/scenario/document.hpp"

namespace corridor::scenario {

/// The top-level lists whose entries are merged by `id`, and what one entry is called in
/// messages: nodes → "node", demand → "flow", ... Empty for any other key.
[[nodiscard]] std::string_view entry_noun(std::string_view list_key);

/// Longest chain of `extends` followed before giving up.
inline constexpr int kMaxExtendsDepth = 16;

/// Merges `derived` onto `base` (both top-level documents):
/// - maps merge key by key, deeply; a value that is not a map replaces the base value;
///   distributions (maps with `dist`) and `{value:, source:}` pairs replace the base value whole;
/// - the top-level lists nodes, links, fleets, demand, disruptions and corridors merge by `id`:
///   an entry with a known id merges deeply into the base entry, a new id is appended, and
///   `{id: x, remove: true}` removes entry x;
/// - every other list replaces the base list whole.
/// The `extends` key itself is not copied. Problems (removing an id the base lacks) are
/// appended to `diagnostics`.
void merge_documents(DocNode& base, const DocNode& derived, std::vector<Diagnostic>& diagnostics);

/// A base file as read and merged with its own bases, kept for the next file that builds on it.
struct ResolvedBase {
  DocNode document;       ///< the base merged with its own bases
  std::size_t files = 1;  ///< the base and the files it extends, in one chain
};

/// Bases already read, by the path under which they were read. Shared by the loads of one
/// command (the scenarios of `corridor compare`, the files of `corridor validate`), it makes
/// files that extend the same base read, parse and merge that base once. Only bases read and
/// merged without a diagnostic are kept, so a loader with a cache gives the same document and
/// diagnostics as one without.
using BaseCache = std::map<std::string, ResolvedBase>;

/// How resolve_extends reads bases: `cache`, when set, keeps them for the next call;
/// `reading`, when set, is told the path of each base file about to be parsed and returns the
/// progress callback for that parse (or an empty one).
struct ExtendsOptions {
  BaseCache* cache = nullptr;
  std::function<ParseProgress(const std::string& base)> reading;
};

/// Follows the `extends` key of `document` (read from `file`; relative paths resolve against
/// `base_dir`), loading and merging base files recursively. Returns the merged document, or
/// nullopt after appending diagnostics for a missing or unreadable base, a cycle, or an
/// invalid base document.
[[nodiscard]] std::optional<DocNode> resolve_extends(DocNode document, const std::string& file,
                                                     const std::string& base_dir,
                                                     std::vector<Diagnostic>& diagnostics,
                                                     const ExtendsOptions& options = {});

}  // namespace corridor::scenario
