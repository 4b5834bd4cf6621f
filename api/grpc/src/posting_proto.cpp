#include "chansync/api/grpc/posting_proto.h"

#include "chansync/core/reservation_json.h"

namespace chansync::api {
namespace {

using core::ErrorCode;

std::unexpected<core::Error> Invalid(std::string_view field, std::string_view why) {
  return std::unexpected(
      core::Error{ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(why)});
}

v1::Amount AmountToProto(const core::Money& money) {
  v1::Amount out;
  out.set_minor_units(money.minor_units);
  out.set_currency(money.currency);
  return out;
}

core::Result<core::CivilDate> DateOrNow(std::string_view field, const std::string& text) {
  ASSIGN_OR_RETURN(const auto date, OptionalDateFromProto(field, text));
  return date.value_or(core::CivilDate{});
}

core::Result<postings::PostingKind> KindFromProto(v1::PostingKind kind) {
  switch (kind) {
    case v1::POSTING_KIND_CHARGE:
      return postings::PostingKind::kCharge;
    case v1::POSTING_KIND_PAYMENT:
      return postings::PostingKind::kPayment;
    default:
      return Invalid("posting.kind", "CHARGE or PAYMENT");
  }
}

v1::CheckInState CheckInStateToProto(postings::CheckInState state) {
  switch (state) {
    case postings::CheckInState::kExpected:
      return v1::CHECK_IN_STATE_EXPECTED;
    case postings::CheckInState::kCheckedIn:
      return v1::CHECK_IN_STATE_CHECKED_IN;
    case postings::CheckInState::kCheckedOut:
      return v1::CHECK_IN_STATE_CHECKED_OUT;
    case postings::CheckInState::kCancelled:
      return v1::CHECK_IN_STATE_CANCELLED;
  }
  return v1::CHECK_IN_STATE_UNSPECIFIED;
}

}  // namespace

core::Result<postings::PostingTarget> TargetFromProto(std::string_view field,
                                                      const v1::PostingTarget& target) {
  postings::PostingTarget out;
  switch (target.kind()) {
    case v1::TARGET_KIND_STAY:
      out.kind = postings::PostingTarget::Kind::kStay;
      break;
    case v1::TARGET_KIND_ACCOUNT:
      out.kind = postings::PostingTarget::Kind::kAccount;
      break;
    default:
      return Invalid(std::string(field) + ".kind", "STAY or ACCOUNT");
  }
  out.id = target.id();
  return out;
}

v1::PostingTarget TargetToProto(const postings::PostingTarget& target) {
  v1::PostingTarget out;
  out.set_kind(target.kind == postings::PostingTarget::Kind::kStay ? v1::TARGET_KIND_STAY
                                                                   : v1::TARGET_KIND_ACCOUNT);
  out.set_id(target.id);
  return out;
}

core::Result<std::optional<core::CivilDate>> OptionalDateFromProto(std::string_view field,
                                                                   const std::string& text) {
  if (text.empty()) return std::optional<core::CivilDate>();
  auto date = core::CivilDate::Parse(text);
  if (!date) return Invalid(field, "expected a date as YYYY-MM-DD, got \"" + text + "\"");
  return std::optional<core::CivilDate>(*date);
}

v1::PostingKind PostingKindToProto(postings::PostingKind kind) {
  return kind == postings::PostingKind::kCharge ? v1::POSTING_KIND_CHARGE
                                                : v1::POSTING_KIND_PAYMENT;
}

v1::Posting PostingToProto(const postings::Posting& posting) {
  v1::Posting out;
  out.set_id(posting.Id());
  out.set_property_id(posting.property);
  out.set_kind(PostingKindToProto(posting.kind));
  *out.mutable_amount() = AmountToProto(posting.amount);
  out.set_tip_minor_units(posting.tip_minor_units);
  out.set_revenue_centre(posting.revenue_centre);
  out.set_payment_type(posting.payment_type);
  out.set_business_date(posting.business_date.ToString());
  out.mutable_source()->set_pos_id(posting.source.pos_id);
  out.mutable_source()->set_ticket_id(posting.source.ticket_id);
  out.mutable_source()->set_line(posting.source.line);
  *out.mutable_target() = TargetToProto(posting.target);
  out.set_voids(posting.voids);
  return out;
}

core::Result<postings::Posting> PostingFromProto(const v1::Posting& posting) {
  postings::Posting out;
  out.property = posting.property_id();
  ASSIGN_OR_RETURN(out.kind, KindFromProto(posting.kind()));
  out.amount = {posting.amount().minor_units(), posting.amount().currency()};
  out.tip_minor_units = posting.tip_minor_units();
  out.revenue_centre = posting.revenue_centre();
  out.payment_type = posting.payment_type();
  ASSIGN_OR_RETURN(out.business_date, DateOrNow("posting.business_date", posting.business_date()));
  out.source = {posting.source().pos_id(), posting.source().ticket_id(), posting.source().line()};
  ASSIGN_OR_RETURN(out.target, TargetFromProto("posting.target", posting.target()));
  out.voids = posting.voids();
  return out;
}

core::Result<postings::RoomChargeTicket> TicketFromProto(const v1::SubmitTicketRequest& request) {
  postings::RoomChargeTicket out;
  out.property = request.property_id();
  out.pos_id = request.pos_id();
  out.ticket_id = request.ticket_id();
  out.currency = request.currency();
  ASSIGN_OR_RETURN(out.business_date, DateOrNow("business_date", request.business_date()));
  ASSIGN_OR_RETURN(out.target, TargetFromProto("target", request.target()));
  for (const v1::TicketLine& line : request.lines()) {
    out.lines.push_back({line.revenue_centre(), line.amount_minor_units()});
  }
  out.charged_minor_units = request.charged_minor_units();
  out.tip_minor_units = request.tip_minor_units();
  return out;
}

v1::PostingState PostingStateToProto(postings::PostingState state) {
  switch (state) {
    case postings::PostingState::kPending:
      return v1::POSTING_STATE_PENDING;
    case postings::PostingState::kPosted:
      return v1::POSTING_STATE_POSTED;
    case postings::PostingState::kFailed:
      return v1::POSTING_STATE_FAILED;
  }
  return v1::POSTING_STATE_UNSPECIFIED;
}

core::Result<std::optional<postings::PostingState>> PostingStateFilterFromProto(
    v1::PostingState state) {
  using Filter = std::optional<postings::PostingState>;
  switch (state) {
    case v1::POSTING_STATE_UNSPECIFIED:
      return Filter();
    case v1::POSTING_STATE_PENDING:
      return Filter(postings::PostingState::kPending);
    case v1::POSTING_STATE_POSTED:
      return Filter(postings::PostingState::kPosted);
    case v1::POSTING_STATE_FAILED:
      return Filter(postings::PostingState::kFailed);
    default:
      return Invalid("state", "unknown posting state " + std::to_string(state));
  }
}

v1::Guest GuestToProto(const postings::InHouseStay& stay) {
  v1::Guest out;
  out.set_stay_id(stay.id);
  out.set_first_name(stay.first_name);
  out.set_last_name(stay.last_name);
  out.set_room(stay.room);
  out.set_company(stay.company);
  out.set_state(CheckInStateToProto(stay.state));
  out.set_charge_transfers_allowed(stay.charge_transfers_allowed);
  out.set_arrival(stay.dates.arrival.ToString());
  out.set_departure(stay.dates.departure.ToString());
  out.set_folio_id(stay.folio_id);
  return out;
}

v1::PostingAcceptance AcceptanceToProto(const postings::PostingAccepted& accepted) {
  v1::PostingAcceptance out;
  out.set_id(accepted.id);
  out.set_state(PostingStateToProto(accepted.state));
  out.set_business_date(accepted.business_date.ToString());
  out.set_duplicate(accepted.duplicate);
  return out;
}

v1::PostingAcceptances AcceptancesToProto(const std::vector<postings::PostingAccepted>& accepted) {
  v1::PostingAcceptances out;
  for (const auto& one : accepted) *out.add_postings() = AcceptanceToProto(one);
  return out;
}

v1::PostingRecord PostingRecordToProto(const postings::PostingRecord& record) {
  v1::PostingRecord out;
  *out.mutable_posting() = PostingToProto(record.posting);
  out.set_state(PostingStateToProto(record.state));
  out.set_attempts(record.attempts);
  out.set_forced(record.forced);
  out.set_error_code(record.error_code);
  out.set_error_message(record.error_message);
  out.set_hint(record.hint);
  if (record.receipt) {
    out.mutable_receipt()->set_pms_posting_id(record.receipt->pms_posting_id);
    out.mutable_receipt()->set_folio_id(record.receipt->folio_id);
    *out.mutable_receipt()->mutable_folio_balance() = AmountToProto(record.receipt->folio_balance);
  }
  out.set_accepted_at(core::FormatTimestamp(record.accepted_at));
  out.set_updated_at(core::FormatTimestamp(record.updated_at));
  return out;
}

v1::DayReport DayReportToProto(const postings::DayReport& report) {
  v1::DayReport out;
  out.set_property_id(report.property);
  out.set_business_date(report.business_date.ToString());
  for (const auto& record : report.postings) *out.add_postings() = PostingRecordToProto(record);
  for (const auto& total : report.totals) {
    v1::PostingTotal* line = out.add_totals();
    line->set_pos_id(total.pos_id);
    line->set_kind(PostingKindToProto(total.kind));
    line->set_code(total.code);
    *line->mutable_amount() = AmountToProto(total.amount);
    line->set_tip_minor_units(total.tip_minor_units);
    line->set_postings(total.postings);
  }
  out.set_posted(report.posted);
  out.set_pending(report.pending);
  out.set_failed(report.failed);
  return out;
}

v1::EndOfDaySummary EndOfDayToProto(const postings::EndOfDayRecord& record) {
  v1::EndOfDaySummary out;
  out.set_property_id(record.property);
  out.set_business_date(record.summary.business_date.ToString());
  for (const auto& line : record.summary.lines) {
    v1::RevenueSummaryLine* summary = out.add_lines();
    summary->set_pos_id(line.pos_id);
    summary->set_revenue_centre(line.revenue_centre);
    summary->set_outlet(line.code.outlet);
    summary->set_transaction_code(line.code.transaction_code);
    *summary->mutable_amount() = AmountToProto(line.amount);
    summary->set_tip_minor_units(line.tip_minor_units);
    summary->set_postings(line.postings);
  }
  out.set_sent_at(core::FormatTimestamp(record.sent_at));
  out.set_already_sent(record.already_sent);
  return out;
}

v1::PostingSetup PostingSetupToProto(const postings::PostingSetup& setup) {
  v1::PostingSetup out;
  out.set_closing_time(setup.end_of_day.ToString());
  for (const auto& [centre, outlet] : setup.revenue_centres) {
    v1::SalesOutlet& mapped = (*out.mutable_revenue_centres())[centre];
    mapped.set_outlet(outlet.outlet);
    mapped.set_transaction_code(outlet.transaction_code);
  }
  for (const auto& [type, selector] : setup.payment_types) {
    (*out.mutable_payment_types())[type] = selector;
  }
  out.set_post_prepayments(setup.post_prepayments);
  out.set_reverse_deposit_on_checkout(setup.reverse_deposit_on_checkout);
  out.set_post_offline_membership_payments(setup.post_offline_membership_payments);
  return out;
}

core::Result<postings::PostingSetup> PostingSetupFromProto(const v1::PostingSetup& setup) {
  postings::PostingSetup out;
  if (!setup.closing_time().empty()) {
    auto closing = postings::EndOfDay::Parse(setup.closing_time());
    if (!closing) return Invalid("setup.closing_time", closing.error().message);
    out.end_of_day = *closing;
  }
  for (const auto& [centre, outlet] : setup.revenue_centres()) {
    out.revenue_centres[centre] = {outlet.outlet(), outlet.transaction_code()};
  }
  for (const auto& [type, selector] : setup.payment_types()) out.payment_types[type] = selector;
  out.post_prepayments = setup.post_prepayments();
  out.reverse_deposit_on_checkout = setup.reverse_deposit_on_checkout();
  out.post_offline_membership_payments = setup.post_offline_membership_payments();
  return out;
}

}  // namespace chansync::api
