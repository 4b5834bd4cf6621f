#include "chansync/core/json_fields.h"

#include "chansync/core/json_parse.h"

namespace chansync::core::json {

void Key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void String(Writer& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string Text(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

const rapidjson::Value* Find(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

Result<PooledJsonDocument> ParseObject(std::string_view json) {
  PooledJsonDocument doc;
  if (auto parsed = ParseUntrusted(doc, json); !parsed) {
    return Fail(ErrorCode::kInvalidArgument, "body is not valid JSON: " + parsed.error().message);
  }
  if (!doc.IsObject()) return Fail(ErrorCode::kInvalidArgument, "body must be a JSON object");
  return doc;
}

std::unexpected<Error> FieldReader::Invalid(std::string_view field, std::string_view why) const {
  return Fail(code_, std::string(field) + ": " + std::string(why));
}

Result<PooledJsonDocument> FieldReader::Parse(std::string_view json) const {
  PooledJsonDocument doc;
  if (auto parsed = ParseUntrusted(doc, json); !parsed)
    return Invalid("body", parsed.error().message);
  return doc;
}

Result<std::string> FieldReader::String(const rapidjson::Value& object, const char* key,
                                        bool required) const {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return Invalid(key, "is required");
    return std::string();
  }
  if (!value->IsString()) return Invalid(key, "must be a string");
  return std::string(value->GetString(), value->GetStringLength());
}

Result<std::vector<OptionLine>> FieldReader::OptionLines(const rapidjson::Value& object) const {
  std::vector<OptionLine> lines;
  const rapidjson::Value* options = Find(object, "options");
  if (options == nullptr || options->IsNull()) return lines;
  if (!options->IsArray()) return Invalid("options", "must be an array");
  for (rapidjson::SizeType i = 0; i < options->Size(); ++i) {
    const rapidjson::Value& line = (*options)[i];
    const std::string field = "options[" + std::to_string(i) + "]";
    if (!line.IsObject()) return Invalid(field, "must be an object");
    const rapidjson::Value* option = Find(line, "option");
    if (option == nullptr || !option->IsString()) {
      return Invalid(field + ".option", "is required and must be a string");
    }
    int quantity = 1;
    if (const rapidjson::Value* q = Find(line, "quantity")) {
      if (!q->IsInt()) return Invalid(field + ".quantity", "must be an integer");
      quantity = q->GetInt();
    }
    lines.push_back({std::string(option->GetString(), option->GetStringLength()), quantity});
  }
  return lines;
}

}  // namespace chansync::core::json
