// The spa routes' body decoders (connectors/pos spa_wire.h). The first byte picks the route, by
// its value modulo 8: '0' an order's payment, '1' its check-out, '2' its refund, '3' a membership
// payment, '4'..'7' a voucher's sale, redemption, service and refund. A refusal must be
// INVALID_ARGUMENT with a message; what decodes keeps the path's property, order and voucher, and
// encodes to a body that decodes to an event encoding to the same text again.
#include <string>
#include <string_view>

#include "chansync/pos/spa_wire.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

const core::PropertyId kPathProperty = "lodge";
constexpr std::string_view kPathOrder = "O1";
constexpr std::string_view kPathVoucher = "V1";

template <typename Event>
core::Result<postings::SpaEvent> AsEvent(core::Result<Event> decoded) {
  if (!decoded) return std::unexpected(decoded.error());
  return postings::SpaEvent(std::move(*decoded));
}

core::Result<postings::SpaEvent> Decode(unsigned char route, std::string_view json) {
  using namespace pos::wire;
  switch (route % 8) {
    case 0:
      return AsEvent(DecodeSpaPaymentTaken(json, kPathProperty, kPathOrder));
    case 1:
      return AsEvent(DecodeSpaCheckOut(json, kPathProperty, kPathOrder));
    case 2:
      return AsEvent(DecodeSpaRefund(json, kPathProperty, kPathOrder));
    case 3:
      return AsEvent(DecodeMembershipPayment(json, kPathProperty));
    case 4:
      return AsEvent(DecodeVoucherSale(json, kPathProperty, kPathVoucher));
    case 5:
      return AsEvent(DecodeVoucherRedemption(json, kPathProperty, kPathVoucher));
    case 6:
      return AsEvent(DecodeVoucherService(json, kPathProperty, kPathVoucher));
    default:
      return AsEvent(DecodeVoucherRefund(json, kPathProperty, kPathVoucher));
  }
}

// The order or voucher an event names, empty for a membership payment.
std::string SubjectOf(const postings::SpaEvent& event) {
  if (const auto* e = std::get_if<postings::SpaPaymentTaken>(&event)) return e->order.order_id;
  if (const auto* e = std::get_if<postings::SpaOrderCheckedOut>(&event)) return e->order.order_id;
  if (const auto* e = std::get_if<postings::SpaOrderRefunded>(&event)) return e->order.order_id;
  if (const auto* e = std::get_if<postings::VoucherSale>(&event)) return e->voucher.voucher_id;
  if (const auto* e = std::get_if<postings::VoucherRedemption>(&event)) {
    return e->voucher.voucher_id;
  }
  if (const auto* e = std::get_if<postings::VoucherService>(&event)) return e->voucher.voucher_id;
  if (const auto* e = std::get_if<postings::VoucherRefund>(&event)) return e->voucher.voucher_id;
  return "";
}

void FuzzSpaJson(std::string_view input) {
  const auto [route, json] = SplitSelector(input);
  auto event = Decode(route, json);
  if (!event) return CheckRefusal(event.error(), core::ErrorCode::kInvalidArgument);
  FUZZ_CHECK(postings::PropertyOf(*event) == kPathProperty,
             "the property of the path was not kept");
  const std::string subject = SubjectOf(*event);
  FUZZ_CHECK(route % 8 == 3 || subject == (route % 8 < 3 ? kPathOrder : kPathVoucher),
             "the order or voucher of the path was not kept: " + subject);
  // The events have no equality: their encoding stands for them.
  const std::string encoded = pos::wire::EncodeSpaEvent(*event);
  auto again = Decode(route, encoded);
  FUZZ_CHECK(again.has_value(), "re-decoding failed: " + again.error().ToString() + "\n" + encoded);
  FUZZ_CHECK(pos::wire::EncodeSpaEvent(*again) == encoded, "the round trip changed: " + encoded);
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("spa_json", chansync::fuzz::FuzzSpaJson)
