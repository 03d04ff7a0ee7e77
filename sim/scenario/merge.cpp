// `extends` resolution and document merging of the scenario stage (see
// corridor/scenario/merge.hpp). Works on raw trees, before validation.
#include "corridor/scenario/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace corridor::scenario {

std::string_view entry_noun(std::string_view list_key) {
  if (list_key == "nodes") return "node";
  if (list_key == "links") return "link";
  if (list_key == "fleets") return "fleet";
  if (list_key == "demand") return "flow";
  if (list_key == "disruptions") return "disruption";
  if (list_key == "corridors") return "corridor";
  return {};
}

namespace {

/// Maps that stand for one value and so replace, never merge.
bool is_whole_value(const DocNode& node) {
  if (!node.is_map()) return true;
  if (node.find("dist") != nullptr) return true;
  if (node.find("value") == nullptr) return false;
  return std::all_of(node.entries.begin(), node.entries.end(),
                     [](const DocEntry& e) { return e.key == "value" || e.key == "source"; });
}

/// Maps up to this many entries are searched entry by entry; larger ones through an index.
constexpr std::size_t kSearchedMap = 32;

void merge_maps(DocNode& base, const DocNode& derived) {
  // A large base map gets an index of its keys, so that merging takes time in proportion to
  // the entries, not to their product. Its views point into the base's keys, which do not move:
  // the room for every entry the derived map could add is reserved first, and an entry's key
  // is never assigned. A key added from the derived map is not looked up again (a map's keys
  // are unique: the parser refuses a duplicate).
  std::unordered_map<std::string_view, std::size_t> index;
  if (base.entries.size() > kSearchedMap && !derived.entries.empty()) {
    base.entries.reserve(base.entries.size() + derived.entries.size());
    index.reserve(base.entries.size());
    for (std::size_t i = 0; i < base.entries.size(); ++i) index.emplace(base.entries[i].key, i);
  }
  const auto find = [&](const std::string& key) -> DocNode* {
    if (index.empty()) return base.find(key);
    const auto found = index.find(key);
    return found == index.end() ? nullptr : &base.entries[found->second].value;
  };
  for (const auto& entry : derived.entries) {
    DocNode* existing = find(entry.key);
    if (existing == nullptr) {
      base.entries.push_back(entry);
    } else if (existing->is_map() && !is_whole_value(*existing) && !is_whole_value(entry.value)) {
      merge_maps(*existing, entry.value);
    } else {
      *existing = entry.value;
    }
  }
}

const DocNode* id_of(const DocNode& entry) {
  const DocNode* id = entry.find("id");
  return id != nullptr && id->is_scalar() ? id : nullptr;
}

void merge_id_list(const std::string& key, DocNode& base, const DocNode& derived,
                   std::vector<Diagnostic>& diagnostics) {
  const std::string_view noun = entry_noun(key);
  // Where each id is in the base list, in list order, so that a derived item finds its match
  // at once instead of by a search of the whole list (a variant of a large network may touch
  // every node). A derived item matches the first base item with its id that is still there,
  // as a search from the front would; removed items are dropped at the end, in one pass.
  struct Positions {
    std::vector<std::size_t> at;  ///< base.items positions with this id, in order
    std::size_t next = 0;         ///< the first of them not removed
  };
  std::unordered_map<std::string, Positions> ids;
  ids.reserve(base.items.size());
  for (std::size_t p = 0; p < base.items.size(); ++p) {
    if (const DocNode* id = id_of(base.items[p])) ids[id->text].at.push_back(p);
  }
  std::vector<bool> removed(base.items.size(), false);
  for (std::size_t i = 0; i < derived.items.size(); ++i) {
    const DocNode& item = derived.items[i];
    const DocNode* id = id_of(item);
    if (id == nullptr) {  // the validator reports the missing id
      base.items.push_back(item);
      removed.push_back(false);
      continue;
    }
    Positions& same = ids[id->text];
    const bool found = same.next < same.at.size();
    const DocNode* remove = item.find("remove");
    const bool removing = remove != nullptr && remove->is_scalar() && remove->text == "true";
    if (removing) {
      if (!found) {
        diagnostics.push_back({remove->where, fmt::format("{}[{}].remove", key, i),
                               fmt::format("cannot remove {} '{}': the base scenario has no "
                                           "such {}",
                                           noun, id->text, noun)});
      } else {
        removed[same.at[same.next++]] = true;
      }
    } else if (!found) {
      same.at.push_back(base.items.size());
      base.items.push_back(item);
      removed.push_back(false);
    } else {
      merge_maps(base.items[same.at[same.next]], item);
    }
  }
  std::size_t kept = 0;
  for (std::size_t p = 0; p < base.items.size(); ++p) {
    if (removed[p]) continue;
    if (kept != p) base.items[kept] = std::move(base.items[p]);
    ++kept;
  }
  base.items.resize(kept);
}

struct Chain {
  std::vector<std::string> names;            ///< as shown in messages
  std::vector<std::filesystem::path> paths;  ///< canonical, for cycle detection
};

std::optional<DocNode> resolve(DocNode document, const std::string& base_dir, Chain& chain,
                               std::vector<Diagnostic>& diagnostics, const ExtendsOptions& options);

/// Reads the base file `base_path` (met at the end of `chain`) and merges it with its own bases,
/// or takes it from the cache; nullopt after appending diagnostics.
std::optional<DocNode> read_base(const std::filesystem::path& base_path,
                                 const std::filesystem::path& canonical, Chain& chain,
                                 std::vector<Diagnostic>& diagnostics,
                                 const ExtendsOptions& options) {
  const std::string base_name = base_path.string();
  const std::size_t depth = chain.names.size();
  if (options.cache != nullptr) {
    const auto hit = options.cache->find(base_name);
    // A chain that would grow too long is read again, so that it fails as it would uncached.
    if (hit != options.cache->end() &&
        depth + hit->second.files - 1 <= static_cast<std::size_t>(kMaxExtendsDepth)) {
      return hit->second.document;
    }
  }
  const std::size_t before = diagnostics.size();
  const ParseProgress progress = options.reading ? options.reading(base_name) : ParseProgress{};
  auto base = read_document(base_name, diagnostics, progress);
  if (!base || !check_top_level(*base, base_name, diagnostics)) return std::nullopt;
  chain.names.push_back(base_name);
  chain.paths.push_back(canonical);
  base = resolve(std::move(*base), base_path.parent_path().string(), chain, diagnostics, options);
  if (!base) return std::nullopt;
  if (options.cache != nullptr && diagnostics.size() == before) {
    (*options.cache)[base_name] = ResolvedBase{*base, chain.names.size() - depth};
  }
  return base;
}

std::optional<DocNode> resolve(DocNode document, const std::string& base_dir, Chain& chain,
                               std::vector<Diagnostic>& diagnostics,
                               const ExtendsOptions& options) {
  namespace fs = std::filesystem;
  const DocEntry* extends = document.find_entry("extends");
  if (extends == nullptr) return document;
  const DocNode& target = extends->value;
  if (!target.is_scalar() || target.text.empty()) {
    diagnostics.push_back({target.where, "extends",
                           "expected the path of a base scenario file, got " + describe(target)});
    return std::nullopt;
  }
  const fs::path base_path = (fs::path(base_dir) / target.text).lexically_normal();
  const std::string base_name = base_path.string();
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(base_path, ec);
  if (std::find(chain.paths.begin(), chain.paths.end(), canonical) != chain.paths.end()) {
    std::string cycle;
    for (const auto& name : chain.names) cycle += name + " -> ";
    diagnostics.push_back({target.where, "extends", "extends cycle: " + cycle + base_name});
    return std::nullopt;
  }
  if (static_cast<int>(chain.names.size()) > kMaxExtendsDepth) {
    diagnostics.push_back({target.where, "extends",
                           fmt::format("more than {} files extend one another", kMaxExtendsDepth)});
    return std::nullopt;
  }
  const fs::file_status status = fs::status(base_path, ec);
  if (ec || !fs::exists(status)) {
    diagnostics.push_back(
        {target.where, "extends",
         fmt::format("base scenario '{}' not found (looked for {})", target.text, base_name)});
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diagnostics.push_back({target.where, "extends",
                           fmt::format("base scenario '{}' is a directory, not a file ({})",
                                       target.text, base_name)});
    return std::nullopt;
  }
  auto base = read_base(base_path, canonical, chain, diagnostics, options);
  if (!base) return std::nullopt;
  const std::size_t before = diagnostics.size();
  merge_documents(*base, document, diagnostics);
  if (diagnostics.size() != before) return std::nullopt;
  return base;
}

}  // namespace

void merge_documents(DocNode& base, const DocNode& derived, std::vector<Diagnostic>& diagnostics) {
  for (const auto& entry : derived.entries) {
    if (entry.key == "extends") continue;
    DocNode* existing = base.find(entry.key);
    if (existing == nullptr) {
      base.entries.push_back(entry);
    } else if (!entry_noun(entry.key).empty() && existing->is_list() && entry.value.is_list()) {
      merge_id_list(entry.key, *existing, entry.value, diagnostics);
    } else if (existing->is_map() && entry.value.is_map()) {
      merge_maps(*existing, entry.value);
    } else {
      *existing = entry.value;
    }
  }
  base.entries.erase(std::remove_if(base.entries.begin(), base.entries.end(),
                                    [](const DocEntry& e) { return e.key == "extends"; }),
                     base.entries.end());
}

std::optional<DocNode> resolve_extends(DocNode document, const std::string& file,
                                       const std::string& base_dir,
                                       std::vector<Diagnostic>& diagnostics,
                                       const ExtendsOptions& options) {
  namespace fs = std::filesystem;
  Chain chain;
  chain.names.push_back(file);
  std::error_code ec;
  const fs::path self = fs::weakly_canonical(fs::path(file), ec);
  chain.paths.push_back(ec ? fs::path(file) : self);
  return resolve(std::move(document), base_dir, chain, diagnostics, options);
}

}  // namespace corridor::scenario
