// The scenario stage's public entry (see corridor/scenario/loader.hpp): parse, resolve
// `extends`, apply overrides, validate, and freeze only a fully valid input.
#include "corridor/scenario/loader.hpp"

#include <filesystem>
#include <utility>

#include "corridor/error.hpp"
#include "corridor/scenario/document.hpp"
#include "corridor/scenario/merge.hpp"
#include "corridor/scenario/overrides.hpp"
#include "corridor/scenario/validator.hpp"

namespace corridor::scenario {
namespace {

model::Scenario finish(std::optional<DocNode> document, const std::string& file,
                       const std::string& base_dir, const std::vector<Override>& overrides,
                       std::vector<Diagnostic> diagnostics) {
  if (!document || !check_top_level(*document, file, diagnostics)) {
    throw ScenarioError(std::move(diagnostics));
  }
  auto merged = resolve_extends(std::move(*document), file, base_dir, diagnostics);
  if (!merged) throw ScenarioError(std::move(diagnostics));
  apply_overrides(*merged, overrides, diagnostics);
  model::Scenario scenario = validate(*merged, file, diagnostics);
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  return scenario;
}

}  // namespace

model::Scenario load_file(const std::string& path, const std::vector<Override>& overrides) {
  std::vector<Diagnostic> diagnostics;
  auto document = read_document(path, diagnostics);
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  return finish(std::move(document), path, dir, overrides, std::move(diagnostics));
}

model::Scenario load_text(const std::string& text, const std::string& name,
                          const std::string& base_dir, const std::vector<Override>& overrides) {
  std::vector<Diagnostic> diagnostics;
  auto document = parse_document(text, name, diagnostics);
  return finish(std::move(document), name, base_dir, overrides, std::move(diagnostics));
}

}  // namespace corridor::scenario
