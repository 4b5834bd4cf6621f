#include "wire_fields.h"

#include "chansync/core/json_parse.h"

namespace chansync::pos::wire {

using core::json::Find;
using core::json::Key;
using core::json::String;
using core::json::Writer;

std::unexpected<core::Error> Invalid(std::string_view field, std::string_view why) {
  return std::unexpected(
      core::Error{core::ErrorCode::kInvalidArgument, std::string(field) + ": " + std::string(why)});
}

std::string FieldName(std::string_view parent, const char* key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + key;
}

core::Result<std::string> StringField(const rapidjson::Value& object, std::string_view parent,
                                      const char* key, bool required) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return Invalid(FieldName(parent, key), "is required");
    return std::string();
  }
  if (!value->IsString()) return Invalid(FieldName(parent, key), "must be a string");
  return std::string(value->GetString(), value->GetStringLength());
}

core::Result<int64_t> IntegerField(const rapidjson::Value& object, std::string_view parent,
                                   const char* key, bool required) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return Invalid(FieldName(parent, key), "is required");
    return 0;
  }
  if (!value->IsInt64()) return Invalid(FieldName(parent, key), "must be an integer");
  return value->GetInt64();
}

core::Result<bool> BoolField(const rapidjson::Value& object, std::string_view parent,
                             const char* key) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) return false;
  if (!value->IsBool()) return Invalid(FieldName(parent, key), "must be true or false");
  return value->GetBool();
}

core::Result<int64_t> AmountField(const rapidjson::Value& object, std::string_view parent,
                                  const char* key, bool required) {
  ASSIGN_OR_RETURN(const int64_t amount, IntegerField(object, parent, key, required));
  if (amount > postings::kMaxPostingMinorUnits || amount < -postings::kMaxPostingMinorUnits) {
    return Invalid(FieldName(parent, key),
                   "must be within ±" + std::to_string(postings::kMaxPostingMinorUnits));
  }
  return amount;
}

core::Result<core::CivilDate> DateField(const rapidjson::Value& object, std::string_view parent,
                                        const char* key, bool required) {
  ASSIGN_OR_RETURN(const std::string text, StringField(object, parent, key, required));
  if (text.empty() && !required) return core::CivilDate{};
  auto date = core::CivilDate::Parse(text);
  if (!date) return Invalid(FieldName(parent, key), "expected a date as YYYY-MM-DD");
  return *date;
}

core::Result<const rapidjson::Value*> ObjectField(const rapidjson::Value& object,
                                                  std::string_view parent, const char* key) {
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) return Invalid(FieldName(parent, key), "is required");
  if (!value->IsObject()) return Invalid(FieldName(parent, key), "must be an object");
  return value;
}

core::Result<const rapidjson::Value*> ArrayField(const rapidjson::Value& object, const char* key,
                                                 bool required) {
  static const rapidjson::Value kEmpty(rapidjson::kArrayType);
  const rapidjson::Value* value = Find(object, key);
  if (value == nullptr || value->IsNull()) {
    if (required) return Invalid(key, "is required");
    return &kEmpty;
  }
  if (!value->IsArray()) return Invalid(key, "must be an array");
  return value;
}

core::Status CheckSameAsPath(const rapidjson::Value& object, const char* key, std::string_view what,
                             std::string_view path_value) {
  ASSIGN_OR_RETURN(const std::string named, StringField(object, "", key, false));
  if (!named.empty() && named != path_value) {
    return Invalid(key, "the body names another " + std::string(what) + " than the path");
  }
  return core::Ok();
}

core::Result<core::PooledJsonDocument> ParseBody(std::string_view json,
                                                 const core::PropertyId& property) {
  ASSIGN_OR_RETURN(auto doc, core::json::ParseObject(json));
  RETURN_IF_ERROR(CheckSameAsPath(doc, "property", "property", property));
  return doc;
}

core::Result<postings::PostingTarget> DecodeTarget(const rapidjson::Value& object) {
  ASSIGN_OR_RETURN(const rapidjson::Value* target, ObjectField(object, "", "target"));
  ASSIGN_OR_RETURN(const std::string kind, StringField(*target, "target", "kind", true));
  auto parsed = postings::ParseTargetKind(kind);
  if (!parsed) return Invalid("target.kind", "must be stay or account");
  ASSIGN_OR_RETURN(std::string id, StringField(*target, "target", "id", true));
  return postings::PostingTarget{*parsed, std::move(id)};
}

void WriteString(Writer& w, std::string_view key, std::string_view value) {
  Key(w, key);
  String(w, value);
}

void WriteInt(Writer& w, std::string_view key, int64_t value) {
  Key(w, key);
  w.Int64(value);
}

void WriteDate(Writer& w, std::string_view key, core::CivilDate date) {
  if (date == core::CivilDate{}) return;
  WriteString(w, key, date.ToString());
}

void WriteTarget(Writer& w, const postings::PostingTarget& target) {
  Key(w, "target");
  w.StartObject();
  WriteString(w, "kind", postings::TargetKindName(target.kind));
  WriteString(w, "id", target.id);
  w.EndObject();
}

}  // namespace chansync::pos::wire
