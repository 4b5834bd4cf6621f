// The postings HTTP API's body decoders (connectors/pos posting_wire.h). The first byte picks
// the decoder: even a posting, odd a room-charge ticket. A refusal must be INVALID_ARGUMENT with
// a message; what decodes keeps the path's property and encodes to a body that decodes to the
// same thing and encodes to the same text again.
#include <string>
#include <string_view>

#include "chansync/pos/posting_wire.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

const core::PropertyId kPathProperty = "riviera";

void FuzzPosting(std::string_view json) {
  auto decode = [](std::string_view text) { return pos::wire::DecodePosting(text, kPathProperty); };
  if (auto posting = decode(json)) {
    FUZZ_CHECK(posting->property == kPathProperty, "the property of the path was not kept");
  }
  CheckRoundTrip(json, decode, pos::wire::EncodePosting);
}

void FuzzTicket(std::string_view json) {
  auto ticket = pos::wire::DecodeTicket(json, kPathProperty);
  if (!ticket) return CheckRefusal(ticket.error(), core::ErrorCode::kInvalidArgument);
  FUZZ_CHECK(ticket->property == kPathProperty, "the property of the path was not kept");
  // RoomChargeTicket has no equality: its encoding stands for it.
  const std::string encoded = pos::wire::EncodeTicket(*ticket);
  auto again = pos::wire::DecodeTicket(encoded, kPathProperty);
  FUZZ_CHECK(again.has_value(), "re-decoding failed: " + again.error().ToString() + "\n" + encoded);
  FUZZ_CHECK(pos::wire::EncodeTicket(*again) == encoded, "the round trip changed: " + encoded);
}

void FuzzPostingJson(std::string_view input) {
  const auto [selector, json] = SplitSelector(input);
  if (selector % 2 == 0) return FuzzPosting(json);
  FuzzTicket(json);
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("posting_json", chansync::fuzz::FuzzPostingJson)
