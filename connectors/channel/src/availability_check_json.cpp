#include "availability_check_json.h"

#include "chansync/core/json_fields.h"

namespace chansync::channel {
namespace {

constexpr core::json::FieldReader kFields(core::ErrorCode::kInvalidArgument);

std::unexpected<core::Error> Invalid(std::string_view field, std::string_view why) {
  return kFields.Invalid(field, why);
}

core::Result<core::CivilDate> DateMember(const rapidjson::Value& object, const char* name) {
  ASSIGN_OR_RETURN(auto text, kFields.String(object, name, true));
  auto date = core::CivilDate::Parse(text);
  if (!date) return Invalid(name, "expected a date as YYYY-MM-DD");
  return *date;
}

}  // namespace

core::Result<AvailabilityCheckRequest> AvailabilityCheckRequestFromJson(std::string_view json,
                                                                        std::string_view channel) {
  ASSIGN_OR_RETURN(auto parsed, kFields.Parse(json));
  const rapidjson::Value& doc = parsed;
  if (!doc.IsObject()) return Invalid("body", "must be a JSON object");
  AvailabilityCheckRequest request;
  request.channel = std::string(channel);
  ASSIGN_OR_RETURN(auto named_channel, kFields.String(doc, "channel", false));
  if (!named_channel.empty() && named_channel != channel) {
    return Invalid("channel", "\"" + named_channel + "\" does not match the channel of the URL");
  }
  ASSIGN_OR_RETURN(auto property, kFields.String(doc, "property", true));
  request.property = std::move(property);
  ASSIGN_OR_RETURN(auto product, kFields.String(doc, "product", true));
  request.product = std::move(product);
  ASSIGN_OR_RETURN(auto arrival, DateMember(doc, "arrival"));
  ASSIGN_OR_RETURN(auto departure, DateMember(doc, "departure"));
  request.stay = core::Stay{arrival, departure};
  ASSIGN_OR_RETURN(auto options, kFields.OptionLines(doc));
  request.options = std::move(options);
  RETURN_IF_ERROR(ValidateAvailabilityCheckRequest(request));
  return request;
}

std::string AvailabilityCheckAnswerToJson(const AvailabilityCheckAnswer& answer) {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  using core::json::String;
  w.StartObject();
  w.Key("outcome");
  String(w, CheckOutcomeName(answer.outcome));
  w.Key("units_left");
  w.Int(answer.units_left);
  w.Key("check_id");
  String(w, answer.check_id);
  if (answer.error) {
    w.Key("error");
    w.StartObject();
    w.Key("code");
    String(w, core::CodeName(answer.error->code));
    w.Key("message");
    String(w, answer.error->message);
    w.EndObject();
  }
  w.EndObject();
  return core::json::Text(buffer);
}

}  // namespace chansync::channel
