#include "control_api.h"

#include "chansync/core/json_fields.h"
#include "chansync/fias/record_codec.h"

namespace chansync::fiassim {
namespace {

constexpr tools::ErrorAnswers kErrors(EncodeError);

tools::SimResponse Json(std::string body) { return {200, std::move(body)}; }

tools::SimResponse Sent(bool sent) {
  return Json(std::string("{\"sent\":") + (sent ? "true" : "false") + "}");
}

}  // namespace

std::string EncodeError(std::string_view code, std::string_view message) {
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "error");
  w.StartObject();
  core::json::Key(w, "code");
  core::json::String(w, code);
  core::json::Key(w, "message");
  core::json::String(w, message);
  w.EndObject();
  w.EndObject();
  return core::json::Text(buffer);
}

tools::SimResponse ControlApi::Handle(const tools::SimRequest& request) {
  const std::string_view path = request.path;
  const bool post = request.method == "POST";
  if (path == "/status" && !post) return Json(link_.StatusJson());
  if (path == "/postings" && !post) return Json(hotel_.PostingsJson());
  if (path == "/folios" && !post) return Json(hotel_.FoliosJson());
  if (path == "/faults") {
    if (post) {
      if (auto applied = faults_.Apply(request.body); !applied) {
        return kErrors.Invalid(applied.error().message);
      }
    }
    return Json(faults_.ToJson());
  }
  if (!post) return kErrors.NoRoute();
  if (path == "/drop") {
    link_.Drop();
    return Sent(true);
  }
  // The client answers LE with LE and closes the connection: that answer is counted.
  if (path == "/link-end") return Sent(link_.Send(fias::Record("LE")));
  if (path == "/send") return Send(request.body);
  if (path == "/guests/check-in") return GuestEvent("GI", request.body);
  if (path == "/guests/check-out") return GuestEvent("GO", request.body);
  if (path == "/guests/change") return GuestEvent("GC", request.body);
  return kErrors.NoRoute();
}

tools::SimResponse ControlApi::Send(std::string_view body) {
  constexpr core::json::FieldReader kReader(core::ErrorCode::kInvalidArgument);
  auto doc = kReader.Parse(body);
  if (!doc) return kErrors.Invalid(doc.error().message);
  auto raw = kReader.String(*doc, "raw", false);
  auto record = kReader.String(*doc, "record", false);
  if (!raw || !record) return kErrors.Invalid(!raw ? raw.error().message : record.error().message);
  if (!raw->empty()) return Sent(link_.SendRaw(*raw));
  auto parsed = fias::ParseRecord(*record);
  if (!parsed) return kErrors.Invalid(parsed.error().message);
  return Sent(link_.Send(*parsed));
}

tools::SimResponse ControlApi::GuestEvent(std::string_view event, std::string_view body) {
  constexpr core::json::FieldReader kReader(core::ErrorCode::kInvalidArgument);
  auto doc = kReader.Parse(body);
  if (!doc) return kErrors.Invalid(doc.error().message);
  const bool check_in = event == "GI";
  auto number = kReader.String(*doc, "guest", true);
  auto room = kReader.String(*doc, "room", check_in);
  auto name = kReader.String(*doc, "name", check_in);
  auto first_name = kReader.String(*doc, "first_name", false);
  for (const auto* field : {&number, &room, &name, &first_name}) {
    if (!*field) return kErrors.Invalid(field->error().message);
  }
  std::optional<Guest> guest;
  if (check_in) {
    guest = Guest{*room, *number, *name, *first_name};
    hotel_.CheckIn(*guest);
  } else if (event == "GO") {
    guest = hotel_.CheckOut(*number);
  } else {
    guest = hotel_.Change(*number, *room, *name);
  }
  if (!guest) return kErrors.Error(404, "NOT_FOUND", "no guest " + *number + " in house");
  return Sent(link_.Notify(guest->ToRecord(std::string(event))));
}

}  // namespace chansync::fiassim
