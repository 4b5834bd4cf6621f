// The PMS wire decoders (connectors/pms/json_wire.h), which read what a PMS answers and what
// pmssim is sent. The first byte picks the decoder; every decoded value must survive
// encode → decode unchanged, and ClassifyFailure must turn any answer into a PMS error.
#include <string>
#include <string_view>
#include <vector>

#include "chansync/pms/json_wire.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

namespace wire = pms::wire;

// DecodeAvailability checks the night count against the range asked for: three nights.
const core::CivilDate kFrom = *core::CivilDate::Parse("2026-07-01");
const core::CivilDate kTo = kFrom.AddDays(3);

void CheckClassifyFailure(std::string_view input) {
  // Two bytes of status cover 2xx..5xx and nonsense alike.
  const long status = input.size() < 2 ? 500
                                       : static_cast<unsigned char>(input[0]) * 256L +
                                             static_cast<unsigned char>(input[1]);
  const std::string_view body = input.size() < 2 ? input : input.substr(2);
  const core::Error error = wire::ClassifyFailure(status, body);
  FUZZ_CHECK(error.code == core::ErrorCode::kNoAvailability ||
                 error.code == core::ErrorCode::kPmsRejected ||
                 error.code == core::ErrorCode::kPmsUnavailable,
             error.ToString());
  FUZZ_CHECK(error.message.find("HTTP " + std::to_string(status)) != std::string::npos,
             error.ToString());
}

void FuzzPmsWire(std::string_view input) {
  const auto [selector, json] = SplitSelector(input);
  switch (selector % 9) {
    case 0:
      return CheckRoundTrip(json, wire::DecodeProducts, wire::EncodeProducts);
    case 1:
      return CheckRoundTrip(json, wire::DecodeOptions, wire::EncodeOptions);
    case 2:
      return CheckRoundTrip(
          json, [](std::string_view text) { return wire::DecodeAvailability(text, kFrom, kTo); },
          [](const std::vector<pms::ProductAvailability>& products) {
            return wire::EncodeAvailability(kFrom, kTo, products);
          });
    case 3:
      return CheckRoundTrip(json, wire::DecodeCheck, [](const pms::CheckResult& check) {
        return wire::EncodeCheck("mh-4p", *core::Stay::Make(kFrom, kTo), check);
      });
    case 4:
      return CheckRoundTrip(json, wire::DecodeCreateRequest, wire::EncodeCreateRequest);
    case 5:
      return CheckRoundTrip(json, wire::DecodeModifyRequest, wire::EncodeModifyRequest);
    case 6:
      return CheckRoundTrip(json, wire::DecodeReservation, wire::EncodeReservation);
    case 7:
      return CheckRoundTrip(json, wire::DecodeReservations, wire::EncodeReservations);
    default:
      return CheckClassifyFailure(json);
  }
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("pms_wire", chansync::fuzz::FuzzPmsWire)
