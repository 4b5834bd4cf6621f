#pragma once

// The members of the postings API's JSON bodies, read and written the same way by every codec of
// connectors/pos (posting_wire.cpp, spa_wire.cpp). For .cpp files: it includes rapidjson.

#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/json_fields.h"
#include "chansync/core/pooled_json_document.h"
#include "chansync/postings/posting.h"

namespace chansync::pos::wire {

// INVALID_ARGUMENT "<field>: <why>".
std::unexpected<core::Error> Invalid(std::string_view field, std::string_view why);

// "target.kind" for member "kind" of "target"; the member alone at the top.
std::string FieldName(std::string_view parent, const char* key);

// Each reader: absent or null is "<field>: is required" when `required`, else the type's zero
// (an empty string, 0, false, the default date); another type is "<field>: must be a ...".
core::Result<std::string> StringField(const rapidjson::Value& object, std::string_view parent,
                                      const char* key, bool required);
core::Result<int64_t> IntegerField(const rapidjson::Value& object, std::string_view parent,
                                   const char* key, bool required);
core::Result<bool> BoolField(const rapidjson::Value& object, std::string_view parent,
                             const char* key);
// An integer within ±postings::kMaxPostingMinorUnits, so that sums of a body's amounts cannot
// overflow.
core::Result<int64_t> AmountField(const rapidjson::Value& object, std::string_view parent,
                                  const char* key, bool required);
// A date as YYYY-MM-DD.
core::Result<core::CivilDate> DateField(const rapidjson::Value& object, std::string_view parent,
                                        const char* key, bool required);
// A member that must be an object; always required.
core::Result<const rapidjson::Value*> ObjectField(const rapidjson::Value& object,
                                                  std::string_view parent, const char* key);
// A member that must be an array; absent or null is an empty array unless `required`.
core::Result<const rapidjson::Value*> ArrayField(const rapidjson::Value& object, const char* key,
                                                 bool required);

// "<key>: the body names another <what> than the path" when the body carries `key` with another
// value than `path_value`; absent is fine.
core::Status CheckSameAsPath(const rapidjson::Value& object, const char* key, std::string_view what,
                             std::string_view path_value);

// The body as one JSON object whose "property", if any, is the path's.
core::Result<core::PooledJsonDocument> ParseBody(std::string_view json,
                                                 const core::PropertyId& property);

// "target": {"kind": "stay"|"account", "id"}.
core::Result<postings::PostingTarget> DecodeTarget(const rapidjson::Value& object);

void WriteString(core::json::Writer& w, std::string_view key, std::string_view value);
void WriteInt(core::json::Writer& w, std::string_view key, int64_t value);
// Leaves out the default date (a posting's "now", an event's date left out).
void WriteDate(core::json::Writer& w, std::string_view key, core::CivilDate date);
void WriteTarget(core::json::Writer& w, const postings::PostingTarget& target);

// The text `fill` writes.
template <typename Fill>
std::string Json(Fill fill) {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  fill(w);
  return core::json::Text(buffer);
}

}  // namespace chansync::pos::wire
