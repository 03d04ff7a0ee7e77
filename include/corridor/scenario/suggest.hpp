// "Did you mean" hints for misspelt keys, ids and units in scenario files: the closest
// candidate by edit distance, when it is close enough to be a plausible typo.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::scenario {

/// Edit distance counting insertions, deletions, substitutions and swaps of two adjacent
/// characters (optimal string alignment), so `lenght` is one edit from `length`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if its distance is at most 2 or at most a third of the
/// word's length; ties go to the earliest candidate. Never suggests `word` itself.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for the closest match, or "" when nothing is close.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       const std::vector<std::string>& candidates);

}  // namespace corridor::scenario
