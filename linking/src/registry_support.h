#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::linking {

inline std::string Quote(std::string_view id) { return "\"" + std::string(id) + "\""; }

inline std::string DescribeChannelProduct(std::string_view channel, std::string_view product) {
  return "channel product " + Quote(product) + " of channel " + Quote(channel);
}

// The first invalid id as INVALID_ARGUMENT naming its field.
inline core::Status ValidateIds(
    std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  for (const auto& [field, value] : fields) {
    if (auto valid = core::ValidateId(field, value); !valid) return valid;
  }
  return core::Ok();
}

template <typename Item>
const Item* FindById(const std::vector<Item>& items, std::string_view id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

// Runs `attempt` (check rules on a fresh snapshot, then commit with compare-and-set) until it
// does not lose the race, at most `max_attempts` times. No rule fails CONFLICT, so CONFLICT can
// only come from the commit.
template <typename Attempt>
auto RetryOnConflict(std::string_view property, int max_attempts, Attempt attempt)
    -> decltype(attempt()) {
  for (int i = 0; i < max_attempts; ++i) {
    auto result = attempt();
    if (result || result.error().code != core::ErrorCode::kConflict) return result;
  }
  return core::Fail(core::ErrorCode::kConflict,
                    "links of property " + Quote(property) + " kept changing; try again");
}

}  // namespace chansync::linking
