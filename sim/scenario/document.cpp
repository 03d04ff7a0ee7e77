// Reading YAML into the raw scenario tree. This is the only file of corridor that includes
// yaml-cpp: it converts yaml-cpp's nodes into DocNode, keeping every value's line and column,
// and turns yaml-cpp's exceptions and our input limits into diagnostics.
#include "corridor/scenario/document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace corridor::scenario {

const DocEntry* DocNode::find_entry(const std::string& key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const DocNode* DocNode::find(const std::string& key) const {
  const DocEntry* e = find_entry(key);
  return e == nullptr ? nullptr : &e->value;
}

DocNode* DocNode::find(const std::string& key) {
  return const_cast<DocNode*>(static_cast<const DocNode*>(this)->find(key));
}

std::string format_location(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}:{}", where.line, where.column);
  return out;
}

std::string describe(const DocNode& node) {
  switch (node.kind) {
    case DocNode::Kind::kNull:
      return "an empty value";
    case DocNode::Kind::kMap:
      return "a map";
    case DocNode::Kind::kList:
      return "a list";
    case DocNode::Kind::kScalar:
      return "'" + node.text + "'";
  }
  return "a value";
}

namespace {

/// Stops the conversion of one document at the first limit exceeded.
struct LimitExceeded {
  Diagnostic diagnostic;
};

class Converter {
 public:
  explicit Converter(std::string file) : file_(std::move(file)) {}

  DocNode convert(const YAML::Node& yaml, const SourceLocation& fallback, int depth) {
    DocNode out;
    out.where = locate(yaml.Mark(), fallback);
    if (++values_ > kMaxValues) {
      throw LimitExceeded{{out.where, "",
                           fmt::format("document too large: more than {} values (after "
                                       "expanding YAML aliases)",
                                       kMaxValues)}};
    }
    if (depth > kMaxDepth) {
      throw LimitExceeded{
          {out.where, "", fmt::format("values nested deeper than {} levels", kMaxDepth)}};
    }
    switch (yaml.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = DocNode::Kind::kNull;
        break;
      case YAML::NodeType::Scalar:
        out.kind = DocNode::Kind::kScalar;
        out.text = yaml.Scalar();
        break;
      case YAML::NodeType::Sequence:
        out.kind = DocNode::Kind::kList;
        for (const auto& item : yaml) out.items.push_back(convert(item, out.where, depth + 1));
        break;
      case YAML::NodeType::Map:
        out.kind = DocNode::Kind::kMap;
        for (const auto& kv : yaml) convert_entry(kv.first, kv.second, out, depth);
        break;
    }
    return out;
  }

  std::vector<Diagnostic>& problems() { return problems_; }

 private:
  void convert_entry(const YAML::Node& key, const YAML::Node& value, DocNode& map, int depth) {
    SourceLocation key_where = locate(key.Mark(), map.where);
    if (!key.IsScalar()) {
      problems_.push_back(
          {key_where, "",
           "keys must be plain words, not " + std::string(key.IsMap()        ? "maps"
                                                          : key.IsSequence() ? "lists"
                                                                             : "empty")});
      return;
    }
    const std::string name = key.Scalar();
    if (const DocEntry* first = map.find_entry(name)) {
      problems_.push_back({key_where, "",
                           fmt::format("duplicate key '{}' (first defined at {})", name,
                                       format_location(first->key_where))});
      return;
    }
    DocEntry entry;
    entry.key = name;
    entry.key_where = key_where;
    entry.value = convert(value, key_where, depth + 1);
    map.entries.push_back(std::move(entry));
  }

  SourceLocation locate(const YAML::Mark& mark, const SourceLocation& fallback) const {
    if (mark.is_null() || mark.line < 0) return fallback;
    return {file_, mark.line + 1, mark.column + 1};
  }

  std::string file_;
  std::size_t values_ = 0;
  std::vector<Diagnostic> problems_;
};

/// YAML forbids tabs in indentation; yaml-cpp's own message for them is obscure.
bool check_tabs(const std::string& text, const std::string& file,
                std::vector<Diagnostic>& diagnostics) {
  int line = 1;
  int column = 1;
  bool in_indent = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
      in_indent = true;
      continue;
    }
    if (in_indent && c == '\t') {
      diagnostics.push_back(
          {{file, line, column}, "", "tab character in indentation; indent with spaces"});
      return false;
    }
    if (c != ' ' && c != '-') in_indent = false;
    ++column;
  }
  return true;
}

}  // namespace

std::optional<DocNode> parse_document(const std::string& text, const std::string& file,
                                      std::vector<Diagnostic>& diagnostics) {
  if (text.size() > kMaxFileBytes) {
    diagnostics.push_back({{file, 0, 0},
                           "",
                           fmt::format("file is too large ({} bytes; the limit is {} MiB)",
                                       text.size(), kMaxFileBytes / (1024 * 1024))});
    return std::nullopt;
  }
  if (!check_tabs(text, file, diagnostics)) return std::nullopt;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    SourceLocation where{file, 0, 0};
    if (!e.mark.is_null()) where = {file, e.mark.line + 1, e.mark.column + 1};
    diagnostics.push_back({where, "", "invalid YAML: " + e.msg});
    return std::nullopt;
  }
  if (documents.empty()) return DocNode{DocNode::Kind::kNull, {file, 0, 0}, {}, {}, {}};
  Converter converter(file);
  try {
    if (documents.size() > 1) {
      SourceLocation where{file, 0, 0};
      const YAML::Mark mark = documents[1].Mark();
      if (!mark.is_null()) where = {file, mark.line + 1, mark.column + 1};
      diagnostics.push_back({where, "",
                             fmt::format("expected one YAML document, found {}; remove the "
                                         "extra '---' separators",
                                         documents.size())});
      return std::nullopt;
    }
    DocNode root = converter.convert(documents.front(), {file, 1, 1}, 0);
    if (!converter.problems().empty()) {
      diagnostics.insert(diagnostics.end(), converter.problems().begin(),
                         converter.problems().end());
      return std::nullopt;
    }
    return root;
  } catch (const LimitExceeded& e) {
    diagnostics.push_back(e.diagnostic);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({{file, 0, 0}, "", "invalid YAML: " + e.msg});
    return std::nullopt;
  }
}

bool check_top_level(const DocNode& document, const std::string& file,
                     std::vector<Diagnostic>& diagnostics) {
  if (document.is_null()) {
    diagnostics.push_back(
        {{file, 0, 0}, "", "empty scenario file; expected a map with at least 'name' and 'nodes'"});
    return false;
  }
  if (!document.is_map()) {
    diagnostics.push_back({document.where, "",
                           "expected a map with at least 'name' and 'nodes' at the top level, "
                           "got " +
                               describe(document)});
    return false;
  }
  return true;
}

std::optional<DocNode> read_document(const std::string& path,
                                     std::vector<Diagnostic>& diagnostics) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diagnostics.push_back({{path, 0, 0}, "", "cannot read scenario file: no such file"});
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diagnostics.push_back(
        {{path, 0, 0}, "", "cannot read scenario file: it is a directory, not a file"});
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    diagnostics.push_back({{path, 0, 0},
                           "",
                           fmt::format("file is too large ({} bytes; the limit is {} MiB)", size,
                                       kMaxFileBytes / (1024 * 1024))});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) {
    diagnostics.push_back(
        {{path, 0, 0}, "", "cannot read scenario file: permission denied or I/O error"});
    return std::nullopt;
  }
  return parse_document(content, path, diagnostics);
}

}  // namespace corridor::scenario
