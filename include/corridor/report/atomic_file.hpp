// Output files are written whole or not at all: content goes to a temporary file beside the
// target, which is then renamed over it. An interrupted run never leaves a truncated file.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace corridor::report {

/// Writes `content` to `path` atomically. Throws corridor::Error naming the path on failure
/// (and removes the temporary file).
void write_atomically(const std::string& path, std::string_view content);

/// Creates directory `dir` if needed and writes each (file name → content) into it atomically.
void write_files_atomically(const std::string& dir,
                            const std::map<std::string, std::string>& files);

}  // namespace corridor::report
