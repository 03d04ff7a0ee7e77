// Output files are written whole or not at all: content goes to a temporary file beside the
// target, which is then renamed over it. An interrupted run never leaves a truncated file.
#pragma once

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

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

}  // namespace corridor::report
