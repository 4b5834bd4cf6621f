#include "postings_workload.h"

#include <chrono>
#include <cstdio>

namespace chansync::loadgen {

PostingsShape PostingsShapeFrom(const Flags& flags) {
  PostingsShape shape;
  shape.property = flags.Get("property", shape.property);
  shape.stays = static_cast<int>(flags.GetInt("stays", shape.stays));
  shape.tills = static_cast<int>(flags.GetInt("tills", shape.tills));
  return shape;
}

std::string StayName(int index) {
  char name[16];
  std::snprintf(name, sizeof name, "BS%03d", index);
  return name;
}

postings::Posting MakeCharge(const PostingsShape& shape, const std::string& run, int64_t sequence,
                             core::CivilDate business_date) {
  postings::Posting charge;
  charge.property = shape.property;
  charge.kind = postings::PostingKind::kCharge;
  charge.amount = core::Money{1250, "EUR"};
  charge.tip_minor_units = 100;
  charge.revenue_centre = "bar";
  charge.business_date = business_date;
  charge.source = {.pos_id = "till-" + std::to_string(sequence % shape.tills),
                   .ticket_id = run + "-" + std::to_string(sequence),
                   .line = 1};
  charge.target = {.kind = postings::PostingTarget::Kind::kStay,
                   .id = StayName(static_cast<int>(sequence % shape.stays))};
  return charge;
}

std::string TillPostingBody(const postings::Posting& charge) {
  return R"({"kind": "charge", "amount_minor_units": )" +
         std::to_string(charge.amount.minor_units) + R"(, "currency": ")" + charge.amount.currency +
         R"(", "tip_minor_units": )" + std::to_string(charge.tip_minor_units) +
         R"(, "revenue_centre": ")" + charge.revenue_centre + R"(", "source": {"pos_id": ")" +
         charge.source.pos_id + R"(", "ticket_id": ")" + charge.source.ticket_id +
         R"(", "line": )" + std::to_string(charge.source.line) +
         R"(}, "target": {"kind": "stay", "id": ")" + charge.target.id + R"("}})";
}

postings::PmsPostingRequest PmsRequestOf(const postings::Posting& charge) {
  return {.posting = charge,
          .code = {.outlet = "OUT-BAR", .transaction_code = "TC-200", .payment_selector = ""},
          .idempotency_key = charge.Id()};
}

core::CivilDate TodayUtc() {
  const auto now = std::chrono::system_clock::now();
  return core::CivilDate::FromDaysSinceEpoch(
      std::chrono::floor<std::chrono::days>(now).time_since_epoch().count());
}

}  // namespace chansync::loadgen
