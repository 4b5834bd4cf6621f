#pragma once

#include <optional>
#include <string>
#include <variant>

#include "chansync/core/civil_date.h"
#include "chansync/core/ids.h"
#include "chansync/postings/spa_order.h"
#include "chansync/postings/voucher_postings.h"

namespace chansync::postings {

// The events a spa system (Trybe) sends, each with what SpaPostings needs to post it, as the
// front ends (HTTP, gRPC) decode them.

struct SpaPaymentTaken {
  SpaOrder order;
  SpaPayment payment;
};

struct SpaOrderCheckedOut {
  SpaOrder order;
  core::CivilDate checked_out_on;
};

struct SpaOrderRefunded {
  SpaOrder order;
  std::optional<core::CivilDate> checked_out_on;  // nullopt: refunded before its check-out
  core::CivilDate refunded_on;
};

struct VoucherSale {
  Voucher voucher;
  core::CivilDate sold_on;
};

struct VoucherRedemption {
  Voucher voucher;
  core::CivilDate redeemed_on;
};

struct VoucherService {
  Voucher voucher;
  std::string offer_centre;  // the revenue centre of the offer the voucher paid for
  core::CivilDate served_on;
};

struct VoucherRefund {
  Voucher voucher;
  std::optional<std::string> served_centre;  // the offer's centre once served; nullopt before
  core::CivilDate refunded_on;
};

using SpaEvent =
    std::variant<SpaPaymentTaken, SpaOrderCheckedOut, SpaOrderRefunded, OfflineMembershipPayment,
                 VoucherSale, VoucherRedemption, VoucherService, VoucherRefund>;

// The property an event is for.
const core::PropertyId& PropertyOf(const SpaEvent& event);

}  // namespace chansync::postings
