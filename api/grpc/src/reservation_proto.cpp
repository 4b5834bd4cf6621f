#include "chansync/api/grpc/reservation_proto.h"

#include "chansync/core/reservation_json.h"

namespace chansync::api {
namespace {

std::unexpected<core::Error> Invalid(std::string_view field, std::string_view what) {
  return core::Fail(core::ErrorCode::kInvalidReservation,
                    std::string(field) + ": " + std::string(what));
}

v1::ReservationStatus ToProto(core::ReservationStatus status) {
  switch (status) {
    case core::ReservationStatus::kNew:
      return v1::RESERVATION_STATUS_NEW;
    case core::ReservationStatus::kModified:
      return v1::RESERVATION_STATUS_MODIFIED;
    case core::ReservationStatus::kCancelled:
      return v1::RESERVATION_STATUS_CANCELLED;
  }
  return v1::RESERVATION_STATUS_NEW;
}

core::Result<core::ReservationStatus> FromProto(v1::ReservationStatus status) {
  switch (status) {
    case v1::RESERVATION_STATUS_UNSPECIFIED:
    case v1::RESERVATION_STATUS_NEW:
      return core::ReservationStatus::kNew;
    case v1::RESERVATION_STATUS_MODIFIED:
      return core::ReservationStatus::kModified;
    case v1::RESERVATION_STATUS_CANCELLED:
      return core::ReservationStatus::kCancelled;
    default:
      return Invalid("status", "must be new, modified or cancelled, got " +
                                   std::to_string(static_cast<int>(status)));
  }
}

}  // namespace

v1::Reservation ReservationToProto(const core::Reservation& r) {
  v1::Reservation out;
  out.set_channel(r.channel);
  out.set_channel_reservation_id(r.channel_reservation_id);
  out.set_property(r.property);
  if (r.sold_at != core::Timestamp{}) out.set_sold_at(core::FormatTimestamp(r.sold_at));
  out.set_arrival(r.stay.arrival.ToString());
  out.set_departure(r.stay.departure.ToString());
  out.set_guest_name(r.guest_name);
  out.set_product(r.product);
  for (const auto& line : r.options) {
    auto* option = out.add_options();
    option->set_option(line.option);
    option->set_quantity(line.quantity);
  }
  out.mutable_price()->set_amount_minor(r.price.minor_units);
  out.mutable_price()->set_currency(r.price.currency);
  out.set_revision(r.revision);
  out.set_status(ToProto(r.status));
  out.set_check_id(r.check_id);
  out.set_payment_failed(r.payment_failed);
  return out;
}

core::Result<core::Reservation> ReservationFromProto(const v1::Reservation& in) {
  core::Reservation r;
  r.channel = in.channel();
  r.channel_reservation_id = in.channel_reservation_id();
  r.property = in.property();
  if (!in.sold_at().empty()) {
    auto at = core::ParseTimestamp(in.sold_at());
    if (!at) return Invalid("sold_at", at.error().message);
    r.sold_at = *at;
  }
  auto arrival = core::CivilDate::Parse(in.arrival());
  if (!arrival) return Invalid("arrival", arrival.error().message);
  auto departure = core::CivilDate::Parse(in.departure());
  if (!departure) return Invalid("departure", departure.error().message);
  r.stay = core::Stay{*arrival, *departure};
  r.guest_name = in.guest_name();
  r.product = in.product();
  for (const auto& line : in.options()) {
    r.options.push_back({line.option(), line.quantity() == 0 ? 1 : line.quantity()});
  }
  if (!in.has_price()) {
    return Invalid("price", "is required: {amount_minor: 84900, currency: \"EUR\"}");
  }
  r.price.minor_units = in.price().amount_minor();
  r.price.currency = in.price().currency();
  r.revision = in.revision() == 0 ? 1 : in.revision();
  ASSIGN_OR_RETURN(r.status, FromProto(in.status()));
  r.check_id = in.check_id();
  r.payment_failed = in.payment_failed();
  return r;
}

}  // namespace chansync::api
