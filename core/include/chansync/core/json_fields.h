#pragma once

// Small pieces shared by the JSON codecs. For .cpp files: it includes rapidjson, so no header
// should include it.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/pooled_json_document.h"
#include "chansync/core/reservation.h"

namespace chansync::core::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Key(Writer& w, std::string_view key);
void String(Writer& w, std::string_view value);
// What was written into `buffer`.
std::string Text(const rapidjson::StringBuffer& buffer);

// The member `name` of `object`, nullptr when absent.
const rapidjson::Value* Find(const rapidjson::Value& object, const char* name);

// A body that must be one JSON object: INVALID_ARGUMENT "body is not valid JSON" or "body must
// be a JSON object" otherwise.
Result<PooledJsonDocument> ParseObject(std::string_view json);

// Reads the members of a request body; every error has the reader's code and reads
// "<field>: <why>", naming the field as the sender wrote it (e.g. "options[2].quantity").
class FieldReader {
 public:
  explicit constexpr FieldReader(ErrorCode code) : code_(code) {}

  std::unexpected<Error> Invalid(std::string_view field, std::string_view why) const;
  // "body: invalid JSON at offset N: <reason>" when `json` does not parse.
  Result<PooledJsonDocument> Parse(std::string_view json) const;
  // Absent or null: "" unless `required` ("<key>: is required"); "<key>: must be a string" when
  // of another type.
  Result<std::string> String(const rapidjson::Value& object, const char* key, bool required) const;
  // "options": absent or null for none, else an array of {"option", "quantity" (default 1)}.
  Result<std::vector<OptionLine>> OptionLines(const rapidjson::Value& object) const;

 private:
  ErrorCode code_;
};

}  // namespace chansync::core::json
