#include "chansync/core/error_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace chansync::core {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

}  // namespace

std::string ErrorJson(std::string_view code, std::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  WriteString(w, code);
  w.Key("message");
  WriteString(w, message);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ErrorJson(const Error& error) { return ErrorJson(CodeName(error.code), error.message); }

std::string RetryAfterSeconds(const Error& error) {
  if (error.retry_after <= std::chrono::milliseconds::zero()) return "";
  // HTTP's Retry-After counts whole seconds; rounding down would invite a retry refused again.
  return std::to_string((error.retry_after.count() + 999) / 1000);
}

HttpErrorReply ToHttpError(const Error& error) {
  return {HttpStatusOf(error.code), ErrorJson(error), RetryAfterSeconds(error)};
}

}  // namespace chansync::core
