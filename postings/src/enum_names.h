#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "chansync/core/error.h"

namespace chansync::postings {

// The wire names of the folder's enums live in one table each; these two read them both ways.
// NameIn answers "unknown" for a value missing from the table, ParseIn INVALID_ARGUMENT naming
// `what` and the names it accepts.
template <typename Enum, size_t N>
std::string_view NameIn(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum, size_t N>
core::Result<Enum> ParseIn(const std::array<std::pair<Enum, std::string_view>, N>& names,
                           std::string_view what, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  std::string expected;
  for (const auto& entry : names) {
    expected += (expected.empty() ? "" : ", ") + std::string(entry.second);
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    std::string(what) + " \"" + std::string(text) + "\" is not one of " + expected);
}

}  // namespace chansync::postings
