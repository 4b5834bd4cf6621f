#include "chansync/postings/guest_search.h"

#include <algorithm>
#include <tuple>

#include "chansync/core/text.h"

namespace chansync::postings {

std::string NormalizeSearch(std::string_view text) {
  std::string normalized;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      normalized += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      normalized += c;
    }
  }
  return normalized;
}

core::Status ValidateSearch(std::string_view text) {
  RETURN_IF_ERROR(core::ValidateText("search", text, 64));
  if (NormalizeSearch(text).empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "search must hold at least one letter or digit");
  }
  return core::Ok();
}

bool MatchesSearch(const InHouseStay& stay, std::string_view text) {
  const std::string wanted = NormalizeSearch(text);
  if (wanted.empty()) return false;
  for (const std::string* field : {&stay.first_name, &stay.last_name, &stay.room, &stay.company}) {
    if (NormalizeSearch(*field).find(wanted) != std::string::npos) return true;
  }
  return false;
}

bool IsChargeable(const InHouseStay& stay) {
  return stay.state == CheckInState::kCheckedIn && stay.charge_transfers_allowed;
}

core::Status CheckChargeable(const InHouseStay& stay) {
  if (stay.state != CheckInState::kCheckedIn) {
    return core::Fail(core::ErrorCode::kStayNotChargeable,
                      "stay " + stay.id + " is " + std::string(CheckInStateName(stay.state)) +
                          ", not checked in");
  }
  if (!stay.charge_transfers_allowed) {
    return core::Fail(core::ErrorCode::kStayNotChargeable,
                      "stay " + stay.id + " does not allow charge transfers");
  }
  return core::Ok();
}

std::vector<InHouseStay> FindChargeableGuests(std::span<const InHouseStay> stays,
                                              std::string_view text) {
  std::vector<InHouseStay> found;
  for (const InHouseStay& stay : stays) {
    if (IsChargeable(stay) && MatchesSearch(stay, text)) found.push_back(stay);
  }
  std::sort(found.begin(), found.end(), [](const InHouseStay& a, const InHouseStay& b) {
    return std::tie(a.room, a.last_name, a.id) < std::tie(b.room, b.last_name, b.id);
  });
  return found;
}

}  // namespace chansync::postings
