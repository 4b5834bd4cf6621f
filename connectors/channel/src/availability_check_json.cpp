#include "availability_check_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/core/pooled_json_document.h"

namespace chansync::channel {
namespace {

std::unexpected<core::Error> Invalid(std::string_view field, std::string_view why) {
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    std::string(field) + ": " + std::string(why));
}

core::Result<std::string> StringMember(const rapidjson::Value& object, const char* name,
                                       bool required) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) {
    if (required) return Invalid(name, "is required");
    return std::string();
  }
  if (!it->value.IsString()) return Invalid(name, "must be a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

core::Result<core::CivilDate> DateMember(const rapidjson::Value& object, const char* name) {
  ASSIGN_OR_RETURN(auto text, StringMember(object, name, true));
  auto date = core::CivilDate::Parse(text);
  if (!date) return Invalid(name, "expected a date as YYYY-MM-DD");
  return *date;
}

}  // namespace

core::Result<AvailabilityCheckRequest> AvailabilityCheckRequestFromJson(std::string_view json,
                                                                        std::string_view channel) {
  core::PooledJsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Invalid("body", "invalid JSON at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                               rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Invalid("body", "must be a JSON object");
  AvailabilityCheckRequest request;
  request.channel = std::string(channel);
  ASSIGN_OR_RETURN(auto named_channel, StringMember(doc, "channel", false));
  if (!named_channel.empty() && named_channel != channel) {
    return Invalid("channel", "\"" + named_channel + "\" does not match the channel of the URL");
  }
  ASSIGN_OR_RETURN(request.property, StringMember(doc, "property", true));
  ASSIGN_OR_RETURN(request.product, StringMember(doc, "product", true));
  ASSIGN_OR_RETURN(auto arrival, DateMember(doc, "arrival"));
  ASSIGN_OR_RETURN(auto departure, DateMember(doc, "departure"));
  request.stay = core::Stay{arrival, departure};
  if (auto it = doc.FindMember("options"); it != doc.MemberEnd() && !it->value.IsNull()) {
    if (!it->value.IsArray()) return Invalid("options", "must be an array");
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
      const rapidjson::Value& line = it->value[i];
      const std::string field = "options[" + std::to_string(i) + "]";
      if (!line.IsObject()) return Invalid(field, "must be an object");
      auto option = line.FindMember("option");
      if (option == line.MemberEnd() || !option->value.IsString()) {
        return Invalid(field + ".option", "is required and must be a string");
      }
      int quantity = 1;
      if (auto q = line.FindMember("quantity"); q != line.MemberEnd()) {
        if (!q->value.IsInt()) return Invalid(field + ".quantity", "must be an integer");
        quantity = q->value.GetInt();
      }
      request.options.push_back(
          {std::string(option->value.GetString(), option->value.GetStringLength()), quantity});
    }
  }
  RETURN_IF_ERROR(ValidateAvailabilityCheckRequest(request));
  return request;
}

std::string AvailabilityCheckAnswerToJson(const AvailabilityCheckAnswer& answer) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto string = [&](std::string_view text) {
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  };
  w.StartObject();
  w.Key("outcome");
  string(CheckOutcomeName(answer.outcome));
  w.Key("units_left");
  w.Int(answer.units_left);
  w.Key("check_id");
  string(answer.check_id);
  if (answer.error) {
    w.Key("error");
    w.StartObject();
    w.Key("code");
    string(core::CodeName(answer.error->code));
    w.Key("message");
    string(answer.error->message);
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace chansync::channel
