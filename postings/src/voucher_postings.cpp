#include "chansync/postings/voucher_postings.h"

#include "spa_ticket.h"

namespace chansync::postings {
namespace {

core::Status ValidateVoucher(const Voucher& voucher) {
  RETURN_IF_ERROR(core::ValidateId("voucher_id", voucher.voucher_id));
  RETURN_IF_ERROR(ValidateSpaAmount("price", voucher.price_minor_units));
  return ValidateSpaAmount("value", voucher.value_minor_units);
}

SpaTicket TicketOf(const Voucher& voucher) {
  return {voucher.property, voucher.spa_id, "voucher." + voucher.voucher_id, voucher.currency};
}

const std::string kVouchers(kVouchersCentre);
const std::string kRedemption(kVoucherRedemptionCentre);
const std::string kDifference(kVoucherDifferenceCentre);
const std::string kDiscount(kVoucherDiscountCentre);

std::vector<Posting> Redeemed(const Voucher& voucher, core::CivilDate date) {
  const SpaTicket ticket = TicketOf(voucher);
  const int64_t price = voucher.price_minor_units;
  const int64_t value = voucher.value_minor_units;
  const int line = VoucherLine::kRedeemed;
  return {ticket.Charge(line, -value, kRedemption, voucher.target, date),
          ticket.Charge(line + 1, price, kVouchers, voucher.target, date),
          ticket.Charge(line + 2, value - price, kDifference, voucher.target, date)};
}

std::vector<Posting> Served(const Voucher& voucher, const std::string& offer_centre,
                            core::CivilDate date) {
  const SpaTicket ticket = TicketOf(voucher);
  const int64_t price = voucher.price_minor_units;
  const int64_t value = voucher.value_minor_units;
  const int line = VoucherLine::kServed;
  const std::string& gap_centre = price < value ? kDiscount : kDifference;
  return {ticket.Charge(line, -price, kVouchers, voucher.target, date),
          ticket.Charge(line + 1, value, offer_centre, voucher.target, date),
          ticket.Charge(line + 2, price - value, gap_centre, voucher.target, date)};
}

}  // namespace

core::Result<std::vector<Posting>> PostingsOfVoucherSold(const Voucher& voucher,
                                                         core::CivilDate sold_on) {
  RETURN_IF_ERROR(ValidateVoucher(voucher));
  RETURN_IF_ERROR(ValidateSpaDate("sold_on", sold_on));
  const SpaTicket ticket = TicketOf(voucher);
  const int64_t price = voucher.price_minor_units;
  const int64_t value = voucher.value_minor_units;
  const int line = VoucherLine::kSold;
  return Checked({ticket.Charge(line, value, kVouchers, voucher.target, sold_on),
                  ticket.Charge(line + 1, price - value, kDifference, voucher.target, sold_on)});
}

core::Result<std::vector<Posting>> PostingsOfVoucherRedeemed(const Voucher& voucher,
                                                             core::CivilDate redeemed_on) {
  RETURN_IF_ERROR(ValidateVoucher(voucher));
  RETURN_IF_ERROR(ValidateSpaDate("redeemed_on", redeemed_on));
  return Checked(Redeemed(voucher, redeemed_on));
}

core::Result<std::vector<Posting>> PostingsOfVoucherServed(const Voucher& voucher,
                                                           const std::string& offer_centre,
                                                           core::CivilDate served_on) {
  RETURN_IF_ERROR(ValidateVoucher(voucher));
  RETURN_IF_ERROR(ValidateSpaDate("served_on", served_on));
  return Checked(Served(voucher, offer_centre, served_on));
}

core::Result<std::vector<Posting>> PostingsOfVoucherRefunded(
    const Voucher& voucher, const std::optional<std::string>& served_centre,
    core::CivilDate refunded_on) {
  RETURN_IF_ERROR(ValidateVoucher(voucher));
  RETURN_IF_ERROR(ValidateSpaDate("refunded_on", refunded_on));
  // Only the dates of the moments reversed change, and a refund re-dates them anyway.
  std::vector<Posting> made = Redeemed(voucher, refunded_on);
  if (served_centre) {
    for (Posting& posting : Served(voucher, *served_centre, refunded_on)) {
      made.push_back(std::move(posting));
    }
  }
  return Checked(NegativesOf(made, VoucherLine::kRefund, refunded_on));
}

}  // namespace chansync::postings
