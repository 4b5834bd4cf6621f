// The availability-check request decoder of the HTTP ingest API (connectors/channel). A decoded
// request must be valid and keep the URL's channel; a refusal must be INVALID_ARGUMENT naming
// the field. The answer echoes text the request chose, so it must stay JSON that reads back the
// same whatever bytes that text holds.
#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "availability_check_json.h"
#include "chansync/channel/availability_checks.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

constexpr std::string_view kUrlChannel = "secureholiday";

std::string_view StringMember(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return {};
  return {member->value.GetString(), member->value.GetStringLength()};
}

void CheckAnswerEchoes(const channel::AvailabilityCheckRequest& request) {
  channel::AvailabilityCheckAnswer answer;
  answer.outcome = channel::CheckOutcome::kError;
  answer.check_id = request.product;
  answer.error = core::Error{core::ErrorCode::kPmsUnavailable, request.property};
  const std::string json = channel::AvailabilityCheckAnswerToJson(answer);
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  FUZZ_CHECK(!doc.HasParseError() && doc.IsObject(), "the answer is not a JSON object: " + json);
  FUZZ_CHECK(StringMember(doc, "outcome") == "ERROR", json);
  FUZZ_CHECK(StringMember(doc, "check_id") == request.product, json);
  auto error = doc.FindMember("error");
  FUZZ_CHECK(error != doc.MemberEnd() && StringMember(error->value, "message") == request.property,
             json);
}

void FuzzAvailabilityCheck(std::string_view input) {
  auto request = channel::AvailabilityCheckRequestFromJson(input, kUrlChannel);
  if (!request) return CheckRefusal(request.error(), core::ErrorCode::kInvalidArgument);
  FUZZ_CHECK(request->channel == kUrlChannel, "the channel of the URL was not kept");
  auto valid = channel::ValidateAvailabilityCheckRequest(*request);
  FUZZ_CHECK(valid.has_value(), "accepted an invalid request: " + valid.error().ToString());
  CheckAnswerEchoes(*request);
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("availability_check", chansync::fuzz::FuzzAvailabilityCheck)
