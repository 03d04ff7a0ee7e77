// Command-line overrides of the scenario stage (see corridor/scenario/overrides.hpp).
#include "corridor/scenario/overrides.hpp"

#include <fmt/format.h>

#include "corridor/scenario/merge.hpp"
#include "corridor/scenario/suggest.hpp"

namespace corridor::scenario {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> steps;
  std::string step;
  for (char c : path) {
    if (c == '.') {
      steps.push_back(step);
      step.clear();
    } else {
      step += c;
    }
  }
  steps.push_back(step);
  return steps;
}

/// Override values have no line in any file; their location names the override.
void relocate(DocNode& node, const SourceLocation& where) {
  node.where = where;
  for (auto& e : node.entries) {
    e.key_where = where;
    relocate(e.value, where);
  }
  for (auto& item : node.items) relocate(item, where);
}

void apply_one(DocNode& document, const Override& override_, std::vector<Diagnostic>& diagnostics) {
  const SourceLocation where{"--set " + override_.path, 0, 0};
  auto fail = [&](std::string message) { diagnostics.push_back({where, "", std::move(message)}); };
  const std::vector<std::string> steps = split_path(override_.path);
  for (const auto& step : steps) {
    if (step.empty()) {
      fail("expected a path of dot-separated keys such as 'fleets.ferry.count'");
      return;
    }
  }
  std::vector<Diagnostic> value_problems;
  auto value = parse_document(override_.value, where.file, value_problems);
  if (!value) {
    fail(fmt::format("cannot read value '{}': {}", override_.value,
                     value_problems.empty() ? "invalid YAML" : value_problems.front().message));
    return;
  }
  relocate(*value, where);

  DocNode* at = &document;
  std::string list_key;  // the top-level list being walked, for nouns in messages
  std::string walked;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string& step = steps[i];
    const bool last = i + 1 == steps.size();
    if (at->is_list()) {
      std::vector<std::string> ids;
      DocNode* found = nullptr;
      for (auto& item : at->items) {
        const DocNode* id = item.find("id");
        if (id == nullptr || !id->is_scalar()) continue;
        ids.push_back(id->text);
        if (id->text == step) found = &item;
      }
      if (found == nullptr) {
        std::string_view noun = entry_noun(list_key);
        fail(fmt::format("unknown {} '{}'{}", noun.empty() ? "entry" : noun, step,
                         did_you_mean(step, ids)));
        return;
      }
      if (last) {
        fail(fmt::format("cannot replace the whole {} '{}'; set one of its keys, e.g. '{}.{}.id'",
                         entry_noun(list_key), step, walked, step));
        return;
      }
      at = found;
    } else {
      if (at->is_null()) {
        at->kind = DocNode::Kind::kMap;
        at->where = where;
      }
      if (!at->is_map()) {
        fail(fmt::format("cannot set '{}' inside '{}', which is {}", step, walked, describe(*at)));
        return;
      }
      if (i == 0) list_key = step;
      DocNode* next = at->find(step);
      if (next == nullptr) {
        at->entries.push_back({step, where, DocNode{DocNode::Kind::kNull, where, {}, {}, {}}});
        next = &at->entries.back().value;
      }
      if (last) {
        *next = *value;
        return;
      }
      at = next;
    }
    walked += (walked.empty() ? "" : ".") + step;
  }
}

}  // namespace

void apply_overrides(DocNode& document, const std::vector<Override>& overrides,
                     std::vector<Diagnostic>& diagnostics) {
  for (const auto& o : overrides) apply_one(document, o, diagnostics);
}

}  // namespace corridor::scenario
