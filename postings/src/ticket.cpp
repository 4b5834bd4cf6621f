#include "chansync/postings/ticket.h"

#include <algorithm>
#include <numeric>

namespace chansync::postings {
namespace {

using core::ErrorCode;
using core::Fail;

core::Status ValidateTicketShape(const RoomChargeTicket& ticket, int64_t total) {
  if (ticket.lines.empty()) return Fail(ErrorCode::kInvalidArgument, "a ticket needs lines");
  if (ticket.lines.size() > static_cast<size_t>(kMaxLine)) {
    return Fail(ErrorCode::kInvalidArgument, "a ticket has at most 9999 lines");
  }
  for (size_t i = 0; i < ticket.lines.size(); ++i) {
    const int64_t amount = ticket.lines[i].amount_minor_units;
    if (amount <= 0 || amount > kMaxPostingMinorUnits) {
      return Fail(ErrorCode::kInvalidArgument,
                  "lines[" + std::to_string(i) + "].amount must be 1..10^10 minor units");
    }
  }
  if (ticket.charged_minor_units <= 0 || ticket.charged_minor_units > total) {
    return Fail(ErrorCode::kInvalidArgument,
                "charged must be more than 0 and at most the ticket's total " +
                    std::to_string(total) + ", got " + std::to_string(ticket.charged_minor_units));
  }
  if (ticket.tip_minor_units < 0) {
    return Fail(ErrorCode::kInvalidArgument, "tip must not be negative");
  }
  return core::Ok();
}

}  // namespace

std::vector<int64_t> ShareInProportion(int64_t total, const std::vector<int64_t>& weights) {
  const int64_t weight_sum = std::accumulate(weights.begin(), weights.end(), int64_t{0});
  std::vector<int64_t> parts(weights.size(), 0);
  if (weight_sum <= 0) return parts;
  std::vector<int64_t> remainders(weights.size(), 0);
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    // 128-bit products: a total and a weight of 10^10 each would overflow 64 bits.
    const __int128 scaled = static_cast<__int128>(total) * weights[i];
    parts[i] = static_cast<int64_t>(scaled / weight_sum);
    remainders[i] = static_cast<int64_t>(scaled % weight_sum);
    given += parts[i];
  }
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t k = 0; given < total && k < order.size(); ++k, ++given) ++parts[order[k]];
  return parts;
}

core::Result<std::vector<Posting>> ChargesOfTicket(const RoomChargeTicket& ticket) {
  int64_t total = 0;
  std::vector<int64_t> weights;
  for (const auto& line : ticket.lines) {
    weights.push_back(line.amount_minor_units);
    total += std::clamp<int64_t>(line.amount_minor_units, 0, kMaxPostingMinorUnits);
  }
  RETURN_IF_ERROR(ValidateTicketShape(ticket, total));
  const std::vector<int64_t> shares = ShareInProportion(ticket.charged_minor_units, weights);
  std::vector<Posting> charges;
  for (size_t i = 0; i < ticket.lines.size(); ++i) {
    if (shares[i] == 0) continue;
    Posting charge{
        .property = ticket.property,
        .kind = PostingKind::kCharge,
        .amount = {shares[i], ticket.currency},
        .tip_minor_units = charges.empty() ? ticket.tip_minor_units : 0,
        .revenue_centre = ticket.lines[i].revenue_centre,
        .business_date = ticket.business_date,
        .source = {ticket.pos_id, ticket.ticket_id, static_cast<int>(i + 1)},
        .target = ticket.target,
    };
    RETURN_IF_ERROR(ValidatePosting(charge));
    charges.push_back(std::move(charge));
  }
  return charges;
}

}  // namespace chansync::postings
