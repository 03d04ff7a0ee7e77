// `extends` resolution and document merging of the scenario stage (see
// corridor/scenario/merge.hpp). Works on raw trees, before validation.
#include "corridor/scenario/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

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

void merge_maps(DocNode& base, const DocNode& derived) {
  for (const auto& entry : derived.entries) {
    DocNode* existing = base.find(entry.key);
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
  for (std::size_t i = 0; i < derived.items.size(); ++i) {
    const DocNode& item = derived.items[i];
    const DocNode* id = id_of(item);
    if (id == nullptr) {  // the validator reports the missing id
      base.items.push_back(item);
      continue;
    }
    auto match = std::find_if(base.items.begin(), base.items.end(), [&](const DocNode& b) {
      const DocNode* base_id = id_of(b);
      return base_id != nullptr && base_id->text == id->text;
    });
    const DocNode* remove = item.find("remove");
    const bool removing = remove != nullptr && remove->is_scalar() && remove->text == "true";
    if (removing) {
      if (match == base.items.end()) {
        diagnostics.push_back({remove->where, fmt::format("{}[{}].remove", key, i),
                               fmt::format("cannot remove {} '{}': the base scenario has no "
                                           "such {}",
                                           noun, id->text, noun)});
      } else {
        base.items.erase(match);
      }
    } else if (match == base.items.end()) {
      base.items.push_back(item);
    } else {
      merge_maps(*match, item);
    }
  }
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
