// Reading YAML into the raw scenario tree. This is the only file of corridor that includes
// yaml-cpp: it converts yaml-cpp's nodes into DocNode, keeping every value's line and column,
// and turns yaml-cpp's exceptions and our input limits into diagnostics.
#include "corridor/scenario/document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <streambuf>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "corridor/core/parallel.hpp"

namespace corridor::scenario {

const std::string* intern_file_name(std::string_view name) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> names;  // a set's elements never move
  const std::lock_guard<std::mutex> lock(mutex);
  auto found = names.find(name);
  if (found == names.end()) found = names.emplace(name).first;
  return &*found;
}

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

/// Builds the DocNode tree straight from yaml-cpp's parse events, so that yaml-cpp never holds a
/// whole document: memory stays bounded by our own limits (kMaxValues values, kMaxDepth levels),
/// which are checked as each value starts. Aliases are expanded here, by copying the anchored
/// value, and every copied value counts towards kMaxValues.
///
/// A piece of a larger text (parse_document splits large files) is built with the lines and
/// the levels before it counted in: its values get the locations and depths they have in the
/// whole text.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string* file, std::size_t text_size, const ParseProgress& progress,
              int lines_before = 0, int levels_above = 0)
      : file_(file),
        text_size_(text_size),
        progress_(progress),
        lines_before_(lines_before),
        levels_above_(levels_above) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skip(mark, false)) return;
    DocNode node = start(mark);
    node.kind = DocNode::Kind::kNull;
    finish(std::move(node), values_ - 1, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skip(mark, false)) return;
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {  // the anchored value is still open: it contains the alias
      throw LimitExceeded{
          {locate(mark, fallback()), "", "a YAML alias refers to the value that contains it"}};
    }
    const std::size_t first = values_;
    values_ += found->second.values;
    check_values(mark);
    finish(DocNode(found->second.node), first, YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    if (skip(mark, false)) return;
    DocNode node = start(mark);
    node.kind = DocNode::Kind::kScalar;
    node.text = value;
    finish(std::move(node), values_ - 1, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    if (skip(mark, true)) return;
    open(mark, DocNode::Kind::kList, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    if (skip(mark, true)) return;
    open(mark, DocNode::Kind::kMap, anchor);
  }
  void OnMapEnd() override { close(); }

  /// The finished document (kNull when the document held nothing).
  DocNode take_root() { return root_ ? std::move(*root_) : DocNode{}; }
  std::vector<Diagnostic>& problems() { return problems_; }
  /// Where the first value deeper than kMaxDepth starts, if any.
  [[nodiscard]] const std::optional<SourceLocation>& too_deep() const { return too_deep_; }
  /// Values read so far, aliases expanded (what kMaxValues limits).
  [[nodiscard]] std::size_t values() const { return values_; }

 private:
  /// A list or map being read. A map alternates key and value; `key` holds the pending key.
  struct Frame {
    DocNode node;
    std::size_t first_value = 0;  ///< values_ when the collection started
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::optional<DocNode> key;
    /// A large map's keys with their entries, so that telling a duplicate key takes the same
    /// time however many keys came before it (empty while the map is small).
    std::unordered_map<std::string, std::size_t> index;
  };
  struct Anchored {
    DocNode node;
    std::size_t values = 0;  ///< values in `node`, counted again for each alias
  };

  /// Where a value without a mark of its own is placed: at its key, list, or the file start.
  DocLocation fallback() const {
    if (stack_.empty()) return {file_, 1, 1};
    const Frame& top = stack_.back();
    return top.key ? top.key->where : top.node.where;
  }

  DocLocation locate(const YAML::Mark& mark, const DocLocation& otherwise) const {
    if (mark.is_null() || mark.line < 0) return otherwise;
    return {file_, lines_before_ + mark.line + 1, mark.column + 1};
  }

  /// True for values deeper than kMaxDepth and everything inside them: they are not kept, but
  /// parsing goes on, so that a YAML syntax error further on (say, brackets never closed) is
  /// what gets reported. `opens`: the value is a list or map, ended by close().
  bool skip(const YAML::Mark& mark, bool opens) {
    if (skipped_ == 0 && levels_above_ + static_cast<int>(stack_.size()) <= kMaxDepth) {
      return false;
    }
    if (!too_deep_) too_deep_ = locate(mark, fallback());
    if (opens) ++skipped_;
    return true;
  }

  void check_values(const YAML::Mark& mark) const {
    if (values_ > kMaxValues) {
      throw LimitExceeded{{locate(mark, fallback()), "",
                           fmt::format("document too large: more than {} values (after "
                                       "expanding YAML aliases)",
                                       kMaxValues)}};
    }
  }

  DocNode start(const YAML::Mark& mark) {
    ++values_;
    check_values(mark);
    if (progress_ && values_ % kValuesPerProgress == 0 && mark.pos >= 0 && text_size_ > 0) {
      progress_(std::min(1.0, static_cast<double>(mark.pos) / static_cast<double>(text_size_)));
    }
    DocNode node;
    node.where = locate(mark, fallback());
    return node;
  }

  void open(const YAML::Mark& mark, DocNode::Kind kind, YAML::anchor_t anchor) {
    Frame frame;
    frame.first_value = values_;
    frame.node = start(mark);
    frame.node.kind = kind;
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (skipped_ > 0) {
      --skipped_;
      return;
    }
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    // Growing by doubling leaves up to half of a list's or map's room unused; a large scenario
    // has hundreds of thousands of small maps, and keeps the tree until it is validated.
    frame.node.entries.shrink_to_fit();
    frame.node.items.shrink_to_fit();
    finish(std::move(frame.node), frame.first_value, frame.anchor);
  }

  /// Stores a complete value under its anchor and hands it to the enclosing list or map.
  void finish(DocNode node, std::size_t first_value, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      // The stored copy costs memory like the values it holds.
      const std::size_t count = values_ - first_value;
      values_ += count;
      check_values(YAML::Mark::null_mark());
      anchors_[anchor] = Anchored{node, count};
    }
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_list()) {
      top.node.items.push_back(std::move(node));
    } else if (!top.key) {
      top.key = std::move(node);
    } else {
      DocNode key = std::move(*top.key);
      top.key.reset();
      add_entry(top, key, std::move(node));
    }
  }

  /// The entry under `key` in the map of `frame`, or nullptr.
  static const DocEntry* find_key(Frame& frame, const std::string& key) {
    std::vector<DocEntry>& entries = frame.node.entries;
    if (entries.size() < kIndexedEntries) return frame.node.find_entry(key);
    if (frame.index.empty()) {
      for (std::size_t i = 0; i < entries.size(); ++i) frame.index.emplace(entries[i].key, i);
    }
    const auto found = frame.index.find(key);
    return found == frame.index.end() ? nullptr : &entries[found->second];
  }

  void add_entry(Frame& frame, const DocNode& key, DocNode value) {
    DocNode& map = frame.node;
    if (!key.is_scalar()) {
      problems_.push_back(
          {key.where, "",
           "keys must be plain words, not " + std::string(key.is_map()    ? "maps"
                                                          : key.is_list() ? "lists"
                                                                          : "empty")});
      return;
    }
    if (const DocEntry* first = find_key(frame, key.text)) {
      problems_.push_back({key.where, "",
                           fmt::format("duplicate key '{}' (first defined at {})", key.text,
                                       format_location(first->key_where))});
      return;
    }
    DocEntry entry;
    entry.key = key.text;
    entry.key_where = key.where;
    entry.value = std::move(value);
    map.entries.push_back(std::move(entry));
    if (!frame.index.empty()) frame.index.emplace(map.entries.back().key, map.entries.size() - 1);
  }

  static constexpr std::size_t kIndexedEntries = 32;

  static constexpr std::size_t kValuesPerProgress = 16384;

  const std::string* file_;  ///< interned: shared by the location of every value
  std::size_t text_size_;
  const ParseProgress& progress_;
  int lines_before_;  ///< lines of the whole text before this piece
  int levels_above_;  ///< lists and maps of the whole text that enclose this piece
  std::size_t values_ = 0;
  std::vector<Frame> stack_;
  std::optional<DocNode> root_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::vector<Diagnostic> problems_;
  int skipped_ = 0;  ///< lists and maps open beyond kMaxDepth
  std::optional<SourceLocation> too_deep_;
};

/// Reads documents after the first without keeping anything, noting where the second starts.
class ExtraDocuments : public YAML::EventHandler {
 public:
  explicit ExtraDocuments(std::string file) : where_{std::move(file), 0, 0} {}
  [[nodiscard]] const SourceLocation& where() const { return where_; }

  /// Where the last document read started (yaml-cpp's position in the text).
  [[nodiscard]] const YAML::Mark& start() const { return start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& mark) {
    if (where_.line == 0 && !mark.is_null()) where_ = {where_.file, mark.line + 1, mark.column + 1};
  }
  SourceLocation where_;
  YAML::Mark start_ = YAML::Mark::null_mark();
};

/// Reports the first character of `text` that a YAML file cannot contain: bytes that are not
/// UTF-8, and control characters other than tab, line feed and carriage return (binary files).
/// Columns count characters. Returns false when there is one.
bool check_encoding(const std::string& text, const std::string& file,
                    std::vector<Diagnostic>& diagnostics) {
  if (text.size() >= 2 &&
      ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff'))) {
    diagnostics.push_back({{file, 1, 1}, "", "the file is UTF-16 text; save it as UTF-8"});
    return false;
  }
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (c >= 0x80) {
      // Lead byte: the sequence length, and the smallest code point it may encode.
      char32_t code = 0;
      char32_t least = 0;
      if (c >= 0xc2 && c <= 0xdf) {
        length = 2, code = c & 0x1fu, least = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        length = 3, code = c & 0x0fu, least = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4, code = c & 0x07u, least = 0x10000;
      } else {
        length = 0;
      }
      for (std::size_t k = 1; length != 0 && k < length; ++k) {
        const auto next = i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
        if ((next & 0xc0u) != 0x80u) {
          length = 0;
        } else {
          code = (code << 6) | (next & 0x3fu);
        }
      }
      if (length == 0 || code < least || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        diagnostics.push_back({{file, line, column},
                               "",
                               fmt::format("invalid UTF-8 byte 0x{:02x}; a scenario must be "
                                           "UTF-8 text",
                                           c)});
        return false;
      }
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      diagnostics.push_back({{file, line, column},
                             "",
                             fmt::format("control character 0x{:02x}; a scenario must be YAML "
                                         "text, not a binary file",
                                         c)});
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return true;
}

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

/// strerror's text in lower case, as messages are.
std::string reason(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string too_deep() { return fmt::format("values nested deeper than {} levels", kMaxDepth); }

std::string too_large(std::uintmax_t bytes) {
  return fmt::format("file is too large ({} bytes; the limit is {} MiB)", bytes,
                     kMaxFileBytes / (1024 * 1024));
}

}  // namespace

namespace {

/// yaml-cpp reads from a stream: this one reads a range of a string in place, then `tail`.
class RangeBuffer : public std::streambuf {
 public:
  RangeBuffer(const char* begin, const char* end, const std::string& tail) : tail_(tail) {
    show(begin, end);
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (in_tail_ || tail_.empty()) return traits_type::eof();
    in_tail_ = true;
    show(tail_.data(), tail_.data() + tail_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  void show(const char* begin, const char* end) {
    // Read only: the get area never writes.
    char* b = const_cast<char*>(begin);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    setg(b, b, b + (end - begin));
  }
  const std::string& tail_;
  bool in_tail_ = false;
};

/// One YAML document from text[begin, end) followed by `tail`: the whole text, or a piece of it
/// (see Piece) read with the lines before it and the levels enclosing it counted in. Problems
/// go to `diagnostics`; `values` gets the values read.
std::optional<DocNode> parse_range(const std::string& text, std::size_t begin, std::size_t end,
                                   const std::string& tail, const std::string* file,
                                   int lines_before, int levels_above,
                                   std::vector<Diagnostic>& diagnostics,
                                   const ParseProgress& progress, std::size_t& values) {
  TreeBuilder builder(file, end - begin, progress, lines_before, levels_above);
  const auto at = [&](const YAML::Mark& mark) {
    return SourceLocation{*file, lines_before + mark.line + 1, mark.column + 1};
  };
  try {
    RangeBuffer buffer(text.data() + begin, text.data() + end, tail);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      return DocNode{DocNode::Kind::kNull, SourceLocation{*file, 0, 0}, {}, {}, {}};
    }
    values = builder.values();
    if (builder.too_deep()) {
      diagnostics.push_back({*builder.too_deep(), "", too_deep()});
      return std::nullopt;
    }
    // Further documents are only counted, and the first one located; nothing is kept.
    ExtraDocuments extra(*file);
    int documents = 1;
    int previous = -1;
    while (parser.HandleNextDocument(extra)) {
      // yaml-cpp 0.7 returns empty documents forever, without moving on, at a token it cannot
      // start a document with (a ',' at the start of a line, say): that is a syntax error.
      const YAML::Mark& start = extra.start();
      if (start.pos == previous) {
        const std::size_t pos = begin + static_cast<std::size_t>(std::max(start.pos, 0));
        std::string message = "invalid YAML: unexpected text";
        if (pos < end && text[pos] > ' ' && text[pos] < 0x7f) {
          message = fmt::format("invalid YAML: unexpected '{}'", text[pos]);
        }
        diagnostics.push_back({at(start), "", message});
        return std::nullopt;
      }
      previous = start.pos;
      ++documents;
    }
    if (documents > 1) {
      SourceLocation where = extra.where();
      if (where.line > 0) where.line += lines_before;
      diagnostics.push_back({where, "",
                             fmt::format("expected one YAML document, found {}; remove the extra "
                                         "'---' separators",
                                         documents)});
      return std::nullopt;
    }
  } catch (const LimitExceeded& e) {
    diagnostics.push_back(e.diagnostic);
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard against recursion: by then our limit has been passed already.
    SourceLocation where{*file, 0, 0};
    if (!e.mark.is_null()) where = at(e.mark);
    diagnostics.push_back({builder.too_deep().value_or(where), "", too_deep()});
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    SourceLocation where{*file, 0, 0};
    if (!e.mark.is_null()) where = at(e.mark);
    diagnostics.push_back({where, "", "invalid YAML: " + e.msg});
    return std::nullopt;
  }
  if (!builder.problems().empty()) {
    diagnostics.insert(diagnostics.end(), builder.problems().begin(), builder.problems().end());
    return std::nullopt;
  }
  DocNode root = builder.take_root();
  if (root.is_null()) root.where = SourceLocation{*file, 0, 0};
  return root;
}

/// A piece of a large text that parses on its own: one or more whole entries of the top-level
/// map (the first piece also holds what comes before them), or, with `items`, items of the
/// list under the last key of the piece before.
struct Piece {
  std::size_t begin = 0;
  std::size_t end = 0;
  int lines_before = 0;
  bool items = false;
  std::size_t indent = 0;  ///< with `items`: the indentation of the items' "- "
};

/// The value that marks the end of a piece, as a top-level key or as the last item of a list.
constexpr const char* kEndMark = "__corridor_end_of_piece__";

/// Cuts `text` into pieces of at least `piece_bytes` where a new top-level key starts (a line
/// beginning with a letter or '_') or, inside a top-level list written one item per line, where
/// a new item starts (a "- " at the list's indentation). Nothing here reads YAML: a cut that
/// is not a boundary of the document (inside a quoted text running over several lines, say)
/// leaves a piece that does not parse on its own, and parse_document then reads the whole
/// text in one piece instead.
std::vector<Piece> cut_pieces(const std::string& text, std::size_t piece_bytes) {
  constexpr std::size_t kNoList = std::string::npos;
  std::vector<Piece> pieces(1);
  std::size_t list_indent = kNoList;  // indentation of the items of the current key's list
  bool after_key = false;  // after a key with nothing behind its ':' (a list or map may follow)
  int line = 0;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    const std::size_t newline = text.find('\n', pos);
    const std::size_t next = newline == std::string::npos ? text.size() : newline + 1;
    const char first = text[pos];
    bool cut = false;
    bool items = false;
    if (std::isalpha(static_cast<unsigned char>(first)) != 0 || first == '_') {
      const std::size_t colon = text.find(':', pos);
      std::size_t rest = colon == std::string::npos || colon >= next ? next : colon + 1;
      while (rest < next && text[rest] == ' ') ++rest;
      after_key = rest < next && (text[rest] == '\n' || text[rest] == '\r' || text[rest] == '#');
      list_indent = kNoList;
      cut = true;
    } else if (first == ' ' || first == '-') {
      std::size_t indent = 0;
      while (pos + indent < next && text[pos + indent] == ' ') ++indent;
      const std::size_t at = pos + indent;
      const bool blank = at >= next || text[at] == '\n' || text[at] == '\r' || text[at] == '#';
      const bool dash =
          at < next && text[at] == '-' &&
          (at + 1 >= next || text[at + 1] == ' ' || text[at + 1] == '\n' || text[at + 1] == '\r');
      if (after_key && !blank) {
        after_key = false;
        if (dash) list_indent = indent;  // the first item: it stays with its key
      } else if (dash && indent == list_indent) {
        cut = items = true;
      }
    }
    // A run of items ends where the next top-level key starts, whatever its size.
    if (cut && (pos - pieces.back().begin >= piece_bytes || (!items && pieces.back().items))) {
      pieces.back().end = pos;
      pieces.push_back({pos, 0, line, items, items ? list_indent : 0});
    }
    pos = next;
  }
  pieces.back().end = text.size();
  return pieces;
}

/// The line parse_pieces adds after piece `k` (not the last): the end mark as an item of the
/// list that goes on in the next piece or that this piece continues, else as a top-level key.
std::string end_line(const std::vector<Piece>& pieces, std::size_t k) {
  const Piece& next = pieces[k + 1];
  if (next.items) return fmt::format("{}- {}\n", std::string(next.indent, ' '), kEndMark);
  if (pieces[k].items) return fmt::format("{}- {}\n", std::string(pieces[k].indent, ' '), kEndMark);
  return fmt::format("{}: 0\n", kEndMark);
}

/// Takes the end mark off piece `k`'s tree. False when it is not the last value where
/// end_line() put it: the piece then ended inside a value (a quoted text or a bracket running
/// over lines, which yaml-cpp closes at the end of its input without a word), so the cut was
/// not a boundary of the document.
bool take_end_mark(DocNode& root, const std::vector<Piece>& pieces, std::size_t k) {
  const bool item = pieces[k + 1].items || pieces[k].items;
  if (!item) {
    if (!root.is_map() || root.entries.empty()) return false;
    const DocEntry& last = root.entries.back();
    if (last.key != kEndMark || !last.value.is_scalar() || last.value.text != "0") return false;
    root.entries.pop_back();
    return true;
  }
  DocNode* list = &root;
  if (!pieces[k].items) {
    if (!root.is_map() || root.entries.empty()) return false;
    list = &root.entries.back().value;
  }
  if (!list->is_list() || list->items.empty()) return false;
  const DocNode& last = list->items.back();
  if (!last.is_scalar() || last.text != kEndMark) return false;
  list->items.pop_back();
  return true;
}

/// Parses the pieces on `threads` threads and joins them into one tree, or returns nullopt when
/// a piece does not parse on its own, or the pieces do not join as the whole text would read
/// (a key in two pieces, more values than kMaxValues together). Progress is reported from the
/// calling thread.
std::optional<DocNode> parse_pieces(const std::string& text, const std::vector<Piece>& pieces,
                                    const std::string* file, unsigned threads,
                                    const ParseProgress& progress) {
  const std::size_t n = pieces.size();
  std::vector<std::optional<DocNode>> roots(n);
  std::vector<std::size_t> values(n, 0);
  std::vector<std::atomic<std::size_t>> read(n);  // bytes of each piece read so far
  std::atomic<bool> failed{false};
  const auto parse_piece = [&](std::size_t k, unsigned) {
    if (failed) return;  // the whole text is read again anyway
    const Piece& p = pieces[k];
    const ParseProgress note = [&read, k, size = p.end - p.begin](double share) {
      read[k] = static_cast<std::size_t>(share * static_cast<double>(size));
    };
    std::vector<Diagnostic> problems;
    try {
      const std::string tail = k + 1 < n ? end_line(pieces, k) : std::string();
      roots[k] = parse_range(text, p.begin, p.end, tail, file, p.lines_before, p.items ? 1 : 0,
                             problems, note, values[k]);
      if (roots[k] && k + 1 < n && !take_end_mark(*roots[k], pieces, k)) roots[k].reset();
    } catch (...) {  // out of memory, say: the whole text in one piece says what it is
      roots[k].reset();
    }
    read[k] = p.end - p.begin;
    if (!roots[k] || !problems.empty()) failed = true;
  };
  // The calling thread reports the share read while the pieces are parsed.
  const auto report = [&] {
    std::size_t done = 0;
    for (const auto& r : read) done += r;
    progress(static_cast<double>(done) / static_cast<double>(text.size()));
  };
  core::parallel_for(n, threads, parse_piece, progress ? std::function<void()>(report) : nullptr);
  if (failed) return std::nullopt;

  std::size_t total = 0;
  for (std::size_t v : values) total += v;
  if (total > kMaxValues || !roots[0]->is_map()) return std::nullopt;
  DocNode root = std::move(*roots[0]);
  // The top-level keys so far, so that joining a map of many keys does not search it once per
  // key. They are views of the root's own keys, which stay where they are: the room for every
  // piece's entries is reserved before the first view is taken.
  std::size_t top_keys = root.entries.size();
  for (std::size_t k = 1; k < n; ++k) {
    if (!pieces[k].items && roots[k]->is_map()) top_keys += roots[k]->entries.size();
  }
  root.entries.reserve(top_keys);
  std::unordered_set<std::string_view> keys;
  keys.reserve(top_keys);
  for (const DocEntry& e : root.entries) keys.insert(e.key);
  for (std::size_t k = 1; k < n; ++k) {
    DocNode& piece = *roots[k];
    if (pieces[k].items) {
      if (!piece.is_list() || root.entries.empty() || !root.entries.back().value.is_list()) {
        return std::nullopt;
      }
      auto& items = root.entries.back().value.items;
      items.insert(items.end(), std::make_move_iterator(piece.items.begin()),
                   std::make_move_iterator(piece.items.end()));
    } else {
      if (!piece.is_map()) return std::nullopt;
      for (DocEntry& e : piece.entries) {
        if (keys.count(e.key) != 0) return std::nullopt;
        root.entries.push_back(std::move(e));
        keys.insert(root.entries.back().key);
      }
    }
  }
  return root;
}

}  // namespace

std::optional<DocNode> parse_document(const std::string& text, const std::string& file,
                                      std::vector<Diagnostic>& diagnostics,
                                      const ParseProgress& progress, const ParseSplit& split) {
  if (text.size() > kMaxFileBytes) {
    diagnostics.push_back({{file, 0, 0}, "", too_large(text.size())});
    return std::nullopt;
  }
  if (!check_encoding(text, file, diagnostics)) return std::nullopt;
  if (!check_tabs(text, file, diagnostics)) return std::nullopt;
  const std::string* name = intern_file_name(file);
  const unsigned threads = split.threads != 0 ? split.threads : core::default_threads();
  if (threads > 1 && text.size() >= 2 * split.piece_bytes) {
    // About four pieces per thread, so that the threads finish at about the same time.
    const std::size_t piece_bytes = std::max(split.piece_bytes, text.size() / (4 * threads));
    const std::vector<Piece> pieces = cut_pieces(text, piece_bytes);
    if (pieces.size() > 1) {
      if (auto root = parse_pieces(text, pieces, name, threads, progress)) {
        if (split.pieces != nullptr) *split.pieces = pieces.size();
        return root;
      }
    }
  }
  if (split.pieces != nullptr) *split.pieces = 1;
  std::size_t values = 0;
  return parse_range(text, 0, text.size(), {}, name, 0, 0, diagnostics, progress, values);
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

std::optional<DocNode> read_document(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                     const ParseProgress& progress) {
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
    diagnostics.push_back({{path, 0, 0}, "", too_large(size)});
    return std::nullopt;
  }
  // Read at most one byte past the limit: a device or pipe (/dev/zero) may never end.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!in) {
    diagnostics.push_back({{path, 0, 0}, "", "cannot read scenario file: " + reason(errno)});
    return std::nullopt;
  }
  std::string content;
  char buffer[65536];
  while (content.size() <= kMaxFileBytes) {
    const std::size_t got = std::fread(buffer, 1, sizeof(buffer), in.get());
    content.append(buffer, got);
    if (got < sizeof(buffer)) break;
  }
  if (std::ferror(in.get()) != 0) {
    diagnostics.push_back({{path, 0, 0}, "", "cannot read scenario file: " + reason(errno)});
    return std::nullopt;
  }
  if (content.size() > kMaxFileBytes) {
    diagnostics.push_back(
        {{path, 0, 0},
         "",
         fmt::format("file is too large (more than {} MiB)", kMaxFileBytes / (1024 * 1024))});
    return std::nullopt;
  }
  return parse_document(content, path, diagnostics, progress);
}

}  // namespace corridor::scenario
