#include "chansync/postings/spa_order.h"

#include "chansync/postings/folio.h"
#include "spa_ticket.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;
using core::Fail;

SpaTicket TicketOf(const SpaOrder& order) {
  return {order.property, order.spa_id, order.order_id, order.currency};
}

PostingTarget Account(std::string_view name) {
  return {PostingTarget::Kind::kAccount, std::string(name)};
}

core::Status ValidateRank(const std::string& field, int rank) {
  if (rank < 1 || rank > SpaLine::kMaxRank) {
    return Fail(ErrorCode::kInvalidArgument, field + " must be 1..99, got " + std::to_string(rank));
  }
  return core::Ok();
}

core::Status ValidatePayment(const SpaPayment& payment) {
  RETURN_IF_ERROR(ValidateRank("payment.number", payment.number));
  RETURN_IF_ERROR(ValidateSpaAmount("payment.amount", payment.amount_minor_units));
  RETURN_IF_ERROR(ValidateSpaDate("payment.taken_on", payment.taken_on));
  return core::ValidateId("payment.payment_type", payment.payment_type);
}

core::Status ValidateOrder(const SpaOrder& order) {
  RETURN_IF_ERROR(core::ValidateId("order.order_id", order.order_id));
  if (order.lines.size() > static_cast<size_t>(SpaLine::kMaxRank)) {
    return Fail(ErrorCode::kInvalidArgument, "an order has at most 99 lines");
  }
  for (size_t i = 0; i < order.lines.size(); ++i) {
    RETURN_IF_ERROR(ValidateSpaAmount("lines[" + std::to_string(i) + "].amount",
                                      order.lines[i].amount_minor_units));
  }
  for (const SpaPayment& payment : order.payments) RETURN_IF_ERROR(ValidatePayment(payment));
  return core::Ok();
}

std::vector<Posting> WhenTaken(const SpaOrder& order, const SpaPayment& payment,
                               const PostingSetup& setup) {
  if (!PostedWhenTaken(payment, setup)) return {};
  const SpaTicket ticket = TicketOf(order);
  const int64_t amount = payment.amount_minor_units;
  return {
      ticket.Payment(SpaLine::kDepositSelector + payment.number, amount,
                     DepositPaymentTypeOf(payment.payment_type), order.target, payment.taken_on),
      ticket.Payment(SpaLine::kDepositAccount + payment.number, amount, kDepositPaymentType,
                     Account(kDepositAccount), payment.taken_on),
  };
}

std::vector<Posting> AtCheckOut(const SpaOrder& order, core::CivilDate date,
                                const PostingSetup& setup) {
  const SpaTicket ticket = TicketOf(order);
  std::vector<Posting> postings;
  for (const SpaPayment& payment : order.payments) {
    const int64_t amount = payment.amount_minor_units;
    if (!PostedWhenTaken(payment, setup)) {
      postings.push_back(ticket.Payment(SpaLine::kPaidAtCheckOut + payment.number, amount,
                                        payment.payment_type, order.target, date));
      continue;
    }
    postings.push_back(ticket.Payment(SpaLine::kRedemption + payment.number, -amount,
                                      kDepositRedemptionPaymentType,
                                      Account(kDepositRedemptionAccount), date));
    if (setup.reverse_deposit_on_checkout) {
      postings.push_back(ticket.Payment(SpaLine::kReversedDeposit + payment.number, -amount,
                                        DepositPaymentTypeOf(payment.payment_type),
                                        Account(kDepositAccount), date));
    }
  }
  for (size_t i = 0; i < order.lines.size(); ++i) {
    const SpaOrderLine& line = order.lines[i];
    postings.push_back(ticket.Charge(SpaLine::kRevenue + static_cast<int>(i) + 1,
                                     line.amount_minor_units, line.revenue_centre, order.target,
                                     date));
  }
  return postings;
}

}  // namespace

bool PostedWhenTaken(const SpaPayment& payment, const PostingSetup& setup) {
  return setup.post_prepayments && payment.prepayment_type;
}

core::Result<std::vector<Posting>> PostingsOfPaymentTaken(const SpaOrder& order,
                                                          const SpaPayment& payment,
                                                          const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidateOrder(order));
  RETURN_IF_ERROR(ValidatePayment(payment));
  return Checked(WhenTaken(order, payment, setup));
}

core::Result<std::vector<Posting>> PostingsOfCheckOut(const SpaOrder& order,
                                                      core::CivilDate checked_out_on,
                                                      const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidateOrder(order));
  RETURN_IF_ERROR(ValidateSpaDate("checked_out_on", checked_out_on));
  if (order.lines.empty()) return Fail(ErrorCode::kInvalidArgument, "order.lines is empty");
  return Checked(AtCheckOut(order, checked_out_on, setup));
}

core::Result<std::vector<Posting>> PostingsOfRefund(const SpaOrder& order,
                                                    std::optional<core::CivilDate> checked_out_on,
                                                    core::CivilDate refunded_on,
                                                    const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidateOrder(order));
  RETURN_IF_ERROR(ValidateSpaDate("refunded_on", refunded_on));
  std::vector<Posting> made;
  for (const SpaPayment& payment : order.payments) {
    for (Posting& posting : WhenTaken(order, payment, setup)) made.push_back(std::move(posting));
  }
  if (checked_out_on) {
    for (Posting& posting : AtCheckOut(order, *checked_out_on, setup)) {
      made.push_back(std::move(posting));
    }
  }
  return Checked(NegativesOf(made, SpaLine::kRefund, refunded_on));
}

core::Result<std::vector<Posting>> PostingsOfMembershipPayment(
    const OfflineMembershipPayment& payment, const PostingSetup& setup) {
  RETURN_IF_ERROR(core::ValidateId("payment_id", payment.payment_id));
  RETURN_IF_ERROR(ValidateSpaAmount("amount", payment.amount_minor_units));
  RETURN_IF_ERROR(ValidateSpaDate("taken_on", payment.taken_on));
  if (!setup.post_offline_membership_payments) return std::vector<Posting>{};
  const SpaTicket ticket{payment.property, payment.spa_id, "membership." + payment.payment_id,
                         payment.currency};
  const int64_t amount = payment.amount_minor_units;
  return Checked({
      ticket.Payment(1, amount, payment.payment_type, payment.target, payment.taken_on),
      ticket.Charge(2, amount, payment.revenue_centre, payment.target, payment.taken_on),
  });
}

}  // namespace chansync::postings
