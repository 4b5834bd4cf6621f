#include "chansync/postings/folio.h"

#include <array>
#include <utility>

#include "enum_names.h"

namespace chansync::postings {
namespace {

constexpr std::array<std::pair<CheckInState, std::string_view>, 4> kStateNames = {{
    {CheckInState::kExpected, "expected"},
    {CheckInState::kCheckedIn, "checked_in"},
    {CheckInState::kCheckedOut, "checked_out"},
    {CheckInState::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<FolioKind, std::string_view>, 2> kFolioKindNames = {{
    {FolioKind::kGuest, "guest"},
    {FolioKind::kInternalAccount, "internal"},
}};

}  // namespace

std::string_view CheckInStateName(CheckInState state) { return NameIn(kStateNames, state); }

core::Result<CheckInState> ParseCheckInState(std::string_view text) {
  return ParseIn(kStateNames, "check-in state", text);
}

std::string_view FolioKindName(FolioKind kind) { return NameIn(kFolioKindNames, kind); }

core::Result<FolioKind> ParseFolioKind(std::string_view text) {
  return ParseIn(kFolioKindNames, "folio kind", text);
}

}  // namespace chansync::postings
