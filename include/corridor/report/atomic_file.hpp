// Output files are written whole or not at all: content goes to a temporary file beside the
// target, which is then renamed over it. An interrupted run never leaves a truncated file.
// Standard output, which cannot be renamed, gets a report once it is complete (BlockBuffer).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::report {

/// Writes `content` to `path` atomically. Throws corridor::Error naming the path on failure
/// (and removes the temporary file).
void write_atomically(const std::string& path, std::string_view content);

/// Writes what `write` puts into the stream to `path` atomically, for a file too large to
/// format whole in memory first. If `write` throws, or the stream fails, the temporary file is
/// removed, `path` is left as it was, and the exception (or a corridor::Error) propagates.
void write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Creates directory `dir` if needed; throws corridor::Error naming it on failure.
void make_directory(const std::string& dir);

/// Creates directory `dir` if needed and writes each (file name → content) into it atomically.
void write_files_atomically(const std::string& dir,
                            const std::map<std::string, std::string>& files);

/// An output buffer for a report that must be complete before any of it is written (to standard
/// output, say), kept in memory in blocks of `block_size` bytes: it takes the report's size
/// plus at most one block, where a std::string grown by doubling holds its old and its new
/// buffer at once when it grows, nearly three times the report's size.
///
///   BlockBuffer buffer;
///   std::ostream text(&buffer);
///   write_report(text);
///   if (text) buffer.write_to(std::cout);
class BlockBuffer final : public std::streambuf {
 public:
  /// REQUIRES: block_size > 0.
  explicit BlockBuffer(std::size_t block_size = std::size_t{1} << 20);
  /// The bytes written so far.
  [[nodiscard]] std::size_t size() const;
  /// Writes every byte written so far to `out`, in order.
  void write_to(std::ostream& out) const;

 protected:
  int_type overflow(int_type ch) override;

 private:
  std::size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;  ///< all full but the last
};

}  // namespace corridor::report
