// The scenario stage's public entry (see corridor/scenario/loader.hpp): parse, resolve
// `extends`, apply overrides, validate, and freeze only a fully valid input.
#include "corridor/scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <tuple>
#include <utility>

#include "corridor/error.hpp"
#include "corridor/scenario/document.hpp"
#include "corridor/scenario/merge.hpp"
#include "corridor/scenario/overrides.hpp"
#include "corridor/scenario/validator.hpp"

namespace corridor::scenario {
namespace {

/// Orders diagnostics as a reader meets them: by file (in order of first mention), then line
/// and column. The validator finds them list by list, and references only at the end.
std::vector<Diagnostic> in_reading_order(std::vector<Diagnostic> diagnostics) {
  std::vector<std::string> files;
  for (const auto& d : diagnostics) {
    if (std::find(files.begin(), files.end(), d.where.file) == files.end()) {
      files.push_back(d.where.file);
    }
  }
  auto rank = [&](const Diagnostic& d) {
    return std::make_tuple(std::find(files.begin(), files.end(), d.where.file) - files.begin(),
                           d.where.line, d.where.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  return diagnostics;
}

/// "100000 nodes, 112498 links, 1 fleet, 10000 flows": the sizes of the merged document's lists.
std::string describe_sizes(const DocNode& document) {
  std::string out;
  for (const auto& [key, one, many] :
       {std::tuple<std::string_view, std::string_view, std::string_view>{"nodes", "node", "nodes"},
        {"links", "link", "links"},
        {"fleets", "fleet", "fleets"},
        {"demand", "flow", "flows"}}) {
    const DocNode* list = document.find(std::string(key));
    const std::size_t n = list != nullptr && list->is_list() ? list->items.size() : 0;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, n == 1 ? one : many);
  }
  return out;
}

/// Checks the parsed document and merges its `extends` bases; throws ScenarioError when either
/// fails. Diagnostics found on the way stay in `diagnostics`.
DocNode check_and_merge(std::optional<DocNode> document, const std::string& file,
                        const std::string& base_dir, std::vector<Diagnostic>& diagnostics,
                        const ExtendsOptions& options = {}) {
  if (!document || !check_top_level(*document, file, diagnostics)) {
    throw ScenarioError(std::move(diagnostics));
  }
  auto merged = resolve_extends(std::move(*document), file, base_dir, diagnostics, options);
  if (!merged) throw ScenarioError(std::move(diagnostics));
  return std::move(*merged);
}

/// Applies the overrides to the merged document and validates it.
model::Scenario finish(DocNode merged, const std::string& file,
                       const std::vector<Override>& overrides, std::vector<Diagnostic> diagnostics,
                       const LoadStage& stage) {
  apply_overrides(merged, overrides, diagnostics);
  if (stage) stage("checking " + describe_sizes(merged));
  model::Scenario scenario = validate(merged, file, diagnostics);
  if (!diagnostics.empty()) throw ScenarioError(in_reading_order(std::move(diagnostics)));
  return scenario;
}

/// Tells `stage` that the file at `path` is being parsed ("parsing 28.0 MB of YAML", with
/// `what` before the size when set) and returns the callback that adds the share parsed.
ParseProgress parse_stages(const std::string& path, const std::string& what,
                           const LoadStage& stage) {
  if (!stage) return {};
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  std::string parsing = "parsing " + what;
  if (!error) {
    parsing += fmt::format("{}{:.1f} MB of YAML", what.empty() ? "" : ", ",
                           static_cast<double>(bytes) / 1e6);
  } else if (what.empty()) {
    parsing += "the YAML";
  }
  stage(parsing);
  return [&stage, parsing, shown = 0](double share) mutable {
    const int percent = static_cast<int>(share * 100.0);
    if (percent <= shown) return;
    shown = percent;
    stage(fmt::format("{}: {}%", parsing, percent));
  };
}

/// How a load reads `extends` bases: through `cache` when set, with their parsing shown on
/// `stage` ("parsing base scenarios/g.yaml, 28.0 MB of YAML: 41%").
ExtendsOptions base_reading(const LoadStage& stage, BaseCache* cache) {
  ExtendsOptions options;
  options.cache = cache;
  if (stage) {
    options.reading = [&stage](const std::string& base) {
      return parse_stages(base, "base " + base, stage);
    };
  }
  return options;
}

std::string directory_of(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

}  // namespace

model::Scenario load_file(const std::string& path, const std::vector<Override>& overrides,
                          const LoadStage& stage, BaseCache* bases) {
  std::vector<Diagnostic> diagnostics;
  auto document = read_document(path, diagnostics, parse_stages(path, "", stage));
  DocNode merged = check_and_merge(std::move(document), path, directory_of(path), diagnostics,
                                   base_reading(stage, bases));
  return finish(std::move(merged), path, overrides, std::move(diagnostics), stage);
}

model::Scenario load_text(const std::string& text, const std::string& name,
                          const std::string& base_dir, const std::vector<Override>& overrides) {
  std::vector<Diagnostic> diagnostics;
  auto document = parse_document(text, name, diagnostics);
  DocNode merged = check_and_merge(std::move(document), name, base_dir, diagnostics);
  return finish(std::move(merged), name, overrides, std::move(diagnostics), {});
}

ScenarioSource::ScenarioSource(const std::string& path, const LoadStage& stage) : path_(path) {
  auto document = read_document(path, diagnostics_, parse_stages(path, "", stage));
  merged_ = check_and_merge(std::move(document), path, directory_of(path), diagnostics_,
                            base_reading(stage, nullptr));
}

model::Scenario ScenarioSource::with(const std::vector<Override>& overrides,
                                     const LoadStage& stage) const {
  return finish(merged_, path_, overrides, diagnostics_, stage);
}

}  // namespace corridor::scenario
