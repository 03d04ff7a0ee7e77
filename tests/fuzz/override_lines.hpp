// How the override fuzz target and its regression test read an input: one `PATH=VALUE` per
// line, split at the first '=' (as `corridor run --set` splits it); a line with no '=' or an
// empty path is left out, since the command line refuses it before loading.
#pragma once

#include <string>
#include <vector>

#include "corridor/scenario/loader.hpp"

namespace corridor::fuzz {

/// The scenario every override input is applied to (CORRIDOR_SOURCE_DIR is set by the build).
inline const std::string kOverrideBase =
    std::string(CORRIDOR_SOURCE_DIR) + "/scenarios/caspian/base_2023.yaml";

inline std::vector<scenario::Override> override_lines(const std::string& text) {
  std::vector<scenario::Override> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    const std::size_t eq = line.find('=');
    if (eq != std::string::npos && eq > 0) out.push_back({line.substr(0, eq), line.substr(eq + 1)});
    begin = end + 1;
  }
  return out;
}

}  // namespace corridor::fuzz
