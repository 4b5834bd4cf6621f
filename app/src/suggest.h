#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chansync::app {

// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to a mistyped `word`, when it is close enough to be what was meant:
// at most one edit for words of up to 4 characters, two up to 8, three beyond. Ties go to the
// earlier candidate. nullopt when nothing is that close.
std::optional<std::string> ClosestName(std::string_view word,
                                       const std::vector<std::string>& candidates);

}  // namespace chansync::app
