#include "sim_api.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/pms/json_wire.h"

namespace chansync::pmssim {
namespace {

constexpr tools::ErrorAnswers kErrors(pms::wire::EncodeError);

SimResponse FromError(const core::Error& error) {
  const pms::wire::HttpError http = pms::wire::HttpErrorFor(error.code);
  return kErrors.Error(http.status, http.code, error.message);
}

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

core::Result<core::CivilDate> DateParam(const SimRequest& request, const char* name) {
  const std::string* text = request.Param(name);
  if (text == nullptr) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string("query parameter ") + name + " (YYYY-MM-DD) is required");
  }
  auto date = core::CivilDate::Parse(*text);
  if (!date) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(name) + ": " + date.error().message);
  }
  return date;
}

template <typename T, typename Encode>
SimResponse Answer(const core::Result<T>& result, Encode encode, int status = 200) {
  if (!result) return FromError(result.error());
  return {status, encode(*result)};
}

}  // namespace

SimResponse SimApi::Handle(const SimRequest& request) {
  std::string_view path = request.path;
  if (path.starts_with("/v1/")) return HandleV1(request, path.substr(4));
  if (path.starts_with("/admin/")) return HandleAdmin(request, path.substr(7));
  return kErrors.NoRoute();
}

SimResponse SimApi::HandleV1(const SimRequest& request, std::string_view rest) {
  if (!credentials_.empty() && request.authorization != "Bearer " + credentials_) {
    return kErrors.Error(401, "UNAUTHORIZED", "missing or wrong Authorization bearer credentials");
  }
  Faults::Verdict fault = faults_.Decide();
  if (fault.status != 0) return kErrors.Error(fault.status, fault.code, fault.message);

  if (rest == "health") {
    if (request.method != "GET") return kErrors.WrongMethod();
    return {200, R"({"status":"ok"})"};
  }
  constexpr std::string_view kProperties = "properties/";
  if (!rest.starts_with(kProperties)) return kErrors.NoRoute();
  rest.remove_prefix(kProperties.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return kErrors.NoRoute();
  return HandleProperty(request, std::string(rest.substr(0, slash)), rest.substr(slash + 1));
}

SimResponse SimApi::HandleProperty(const SimRequest& request, const std::string& property,
                                   std::string_view rest) {
  const std::vector<std::string_view> parts = Split(rest);
  if (FolioApi::Owns(parts)) return folios_.Handle(request, property, parts);
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (parts.size() == 1 && parts[0] == "products") {
    if (!get) return kErrors.WrongMethod();
    return Answer(book_.Products(property), pms::wire::EncodeProducts);
  }
  if (parts.size() == 1 && parts[0] == "options") {
    if (!get) return kErrors.WrongMethod();
    return Answer(book_.Options(property), pms::wire::EncodeOptions);
  }
  if (parts.size() == 1 && parts[0] == "availability") {
    if (!get) return kErrors.WrongMethod();
    auto from = DateParam(request, "from");
    if (!from) return kErrors.Invalid(from.error().message);
    auto to = DateParam(request, "to");
    if (!to) return kErrors.Invalid(to.error().message);
    return Answer(book_.Availability(property, *from, *to), [&](const auto& products) {
      return pms::wire::EncodeAvailability(*from, *to, products);
    });
  }
  if (parts.size() == 2 && parts[0] == "availability" && parts[1] == "check") {
    if (!get) return kErrors.WrongMethod();
    const std::string* product = request.Param("product");
    if (product == nullptr) return kErrors.Invalid("query parameter product is required");
    auto arrival = DateParam(request, "arrival");
    if (!arrival) return kErrors.Invalid(arrival.error().message);
    auto departure = DateParam(request, "departure");
    if (!departure) return kErrors.Invalid(departure.error().message);
    auto stay = core::Stay::Make(*arrival, *departure);
    if (!stay) return kErrors.Invalid(stay.error().message);
    return Answer(book_.Check(property, *product, *stay), [&](const pms::CheckResult& check) {
      return pms::wire::EncodeCheck(*product, *stay, check);
    });
  }
  if (parts.empty() || parts[0] != "reservations") return kErrors.NoRoute();
  if (parts.size() == 1) {
    if (get) return ListOrFind(request, property);
    if (!post) return kErrors.WrongMethod();
    auto decoded = pms::wire::DecodeCreateRequest(request.body);
    if (!decoded) return kErrors.Invalid(decoded.error().message);
    decoded->idempotency_key = std::string(request.idempotency_key);
    return Answer(book_.Create(property, *decoded), pms::wire::EncodeReservation, 201);
  }
  const std::string id(parts[1]);
  if (parts.size() == 2) {
    if (get) return Answer(book_.Get(property, id), pms::wire::EncodeReservation);
    if (request.method != "PUT") return kErrors.WrongMethod();
    auto decoded = pms::wire::DecodeModifyRequest(request.body);
    if (!decoded) return kErrors.Invalid(decoded.error().message);
    decoded->idempotency_key = std::string(request.idempotency_key);
    decoded->pms_reservation_id = id;
    return Answer(book_.Modify(property, *decoded), pms::wire::EncodeReservation);
  }
  if (parts.size() == 3 && parts[2] == "cancel") {
    if (!post) return kErrors.WrongMethod();
    return Answer(book_.Cancel(property, id), pms::wire::EncodeReservation);
  }
  return kErrors.NoRoute();
}

// Both query parameters name one channel reservation; neither lists the whole property.
SimResponse SimApi::ListOrFind(const SimRequest& request, const std::string& property) {
  const std::string* channel = request.Param("channel");
  const std::string* channel_reservation_id = request.Param("channel_reservation_id");
  if (channel == nullptr && channel_reservation_id == nullptr) {
    return Answer(book_.List(property), pms::wire::EncodeReservations);
  }
  if (channel == nullptr || channel_reservation_id == nullptr) {
    return kErrors.Invalid("query parameters channel and channel_reservation_id go together");
  }
  return Answer(book_.FindChannelReservation(property, *channel, *channel_reservation_id),
                pms::wire::EncodeReservations);
}

SimResponse SimApi::HandleAdmin(const SimRequest& request, std::string_view rest) {
  const std::vector<std::string_view> parts = Split(rest);
  if (parts.size() == 1 && parts[0] == "faults") {
    if (request.method == "POST") {
      if (auto ok = faults_.Apply(request.body); !ok) return kErrors.Invalid(ok.error().message);
    } else if (request.method != "GET") {
      return kErrors.WrongMethod();
    }
    return {200, faults_.ToJson()};
  }
  if (parts.size() == 1 && parts[0] == "stats") {
    if (request.method != "GET") return kErrors.WrongMethod();
    return Stats();
  }
  if (parts.size() >= 3 && parts[0] == "properties" &&
      FolioApi::OwnsAdmin({parts.begin() + 2, parts.end()})) {
    return folios_.HandleAdmin(request, std::string(parts[1]), {parts.begin() + 2, parts.end()});
  }
  if (parts.size() == 4 && parts[0] == "properties" && parts[2] == "products") {
    if (request.method != "POST") return kErrors.WrongMethod();
    rapidjson::Document doc;
    doc.Parse(request.body.data(), request.body.size());
    if (doc.HasParseError() || !doc.IsObject())
      return kErrors.Invalid("body must be a JSON object");
    auto units = doc.FindMember("units");
    if (units == doc.MemberEnd() || !units->value.IsInt()) {
      return kErrors.Invalid("units must be an integer");
    }
    std::string name;
    if (auto it = doc.FindMember("name"); it != doc.MemberEnd()) {
      if (!it->value.IsString()) return kErrors.Invalid("name must be a string");
      name = it->value.GetString();
    }
    const std::string property(parts[1]);
    if (auto ok =
            book_.SetProductUnits(property, std::string(parts[3]), units->value.GetInt(), name);
        !ok) {
      return FromError(ok.error());
    }
    return Answer(book_.Products(property), pms::wire::EncodeProducts);
  }
  return kErrors.NoRoute();
}

SimResponse SimApi::Stats() const {
  const pms::ReservationBook::Stats stats = book_.stats();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  auto field = [&](const char* name, int64_t value) {
    w.Key(name);
    w.Int64(value);
  };
  field("creates", stats.creates);
  field("create_replays", stats.create_replays);
  field("overbookings", stats.overbookings);
  field("no_availability", stats.no_availability);
  field("modifies", stats.modifies);
  field("cancels", stats.cancels);
  field("checks", stats.checks);
  field("availability_queries", stats.availability_queries);
  field("rejected", stats.rejected);
  for (const auto& [name, value] : folios_.Stats()) field(name, value);
  field("faults_injected", faults_.injected());
  w.EndObject();
  return {200, std::string(buffer.GetString(), buffer.GetSize())};
}

}  // namespace chansync::pmssim
