#pragma once

#include <string>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/money.h"

namespace chansync::postings {

// Where a stay stands in the PMS. Only kCheckedIn stays are found by the till and chargeable.
enum class CheckInState { kExpected, kCheckedIn, kCheckedOut, kCancelled };

std::string_view CheckInStateName(CheckInState state);  // "expected" | "checked_in" | ...
core::Result<CheckInState> ParseCheckInState(std::string_view text);

// A stay as the PMS knows it while the guest is (or will be) in house.
struct InHouseStay {
  std::string id;  // the PMS reservation id
  std::string first_name;
  std::string last_name;
  std::string room;     // "214"; empty before a room is assigned
  std::string company;  // the company account the stay belongs to; may be empty
  CheckInState state = CheckInState::kExpected;
  // The PMS's per-stay "charge transfers" switch: off, the stay is hidden from the till and
  // refuses charges.
  bool charge_transfers_allowed = true;
  core::Stay dates;
  std::string folio_id;  // the guest folio charges and payments go to

  friend bool operator==(const InHouseStay&, const InHouseStay&) = default;
};

// Guest folios belong to a stay; internal (paymaster, "PF") accounts belong to the house and
// carry what is not a guest's: deposits taken ahead of a stay, their redemption, house charges.
enum class FolioKind { kGuest, kInternalAccount };

std::string_view FolioKindName(FolioKind kind);  // "guest" | "internal"
core::Result<FolioKind> ParseFolioKind(std::string_view text);

struct Folio {
  std::string id;
  FolioKind kind = FolioKind::kGuest;
  std::string name;     // the internal account's name ("Deposit"), the guest's name otherwise
  std::string stay_id;  // the stay of a guest folio; empty for an internal account
  // Charges minus payments, in the property's currency: what the folio owes.
  core::Money balance;

  friend bool operator==(const Folio&, const Folio&) = default;
};

// The internal accounts prepayments go through (SPEC §5): a prepayment is posted to "Deposit"
// when it is taken; at the order's check-out its negative goes to "Deposit Redemption".
inline constexpr std::string_view kDepositAccount = "Deposit";
inline constexpr std::string_view kDepositRedemptionAccount = "Deposit Redemption";

}  // namespace chansync::postings
