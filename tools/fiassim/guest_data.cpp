#include "guest_data.h"

#include <fstream>
#include <sstream>

#include "chansync/core/json_fields.h"

namespace chansync::fiassim {

core::Status LoadGuestsFile(const std::string& path, Hotel& hotel) {
  std::ifstream in(path);
  if (!in) return core::Fail(core::ErrorCode::kInvalidArgument, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  constexpr core::json::FieldReader kReader(core::ErrorCode::kInvalidArgument);
  ASSIGN_OR_RETURN(auto doc, kReader.Parse(text.str()));
  const rapidjson::Value* guests = core::json::Find(doc, "guests");
  if (guests == nullptr || !guests->IsArray()) return kReader.Invalid("guests", "must be an array");
  for (const rapidjson::Value& entry : guests->GetArray()) {
    if (!entry.IsObject()) return kReader.Invalid("guests[]", "must be an object");
    Guest guest;
    ASSIGN_OR_RETURN(guest.room, kReader.String(entry, "room", true));
    ASSIGN_OR_RETURN(guest.guest_number, kReader.String(entry, "guest", true));
    ASSIGN_OR_RETURN(guest.name, kReader.String(entry, "name", true));
    ASSIGN_OR_RETURN(guest.first_name, kReader.String(entry, "first_name", false));
    if (const rapidjson::Value* no_post = core::json::Find(entry, "no_post")) {
      if (!no_post->IsBool()) return kReader.Invalid("no_post", "must be true or false");
      guest.no_post = no_post->GetBool();
    }
    hotel.CheckIn(std::move(guest));
  }
  return core::Ok();
}

}  // namespace chansync::fiassim
