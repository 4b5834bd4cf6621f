#include "folio_api.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/pms/folio_wire.h"
#include "chansync/pms/json_wire.h"

namespace chansync::pmssim {
namespace {

using tools::SimRequest;
using tools::SimResponse;

constexpr tools::ErrorAnswers kErrors(pms::wire::EncodeError);

SimResponse FromError(const core::Error& error) {
  const pms::wire::HttpError http = pms::wire::HttpErrorFor(error.code);
  return kErrors.Error(http.status, http.code, error.message);
}

template <typename T, typename Encode>
SimResponse Answer(const core::Result<T>& result, Encode encode, int status = 200) {
  if (!result) return FromError(result.error());
  return {status, encode(*result)};
}

// A booked posting as the admin endpoint shows it: the request as sent, with its number and key.
std::string EncodeBooked(const std::vector<pms::FolioBook::BookedPosting>& booked) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("postings");
  w.StartArray();
  for (const auto& posting : booked) {
    const std::string request = pms::wire::EncodePostingRequest(posting.request);
    w.StartObject();
    w.Key("id");
    w.String(posting.id.c_str());
    w.Key("idempotency_key");
    w.String(posting.idempotency_key.c_str());
    w.Key("request");
    w.RawValue(request.c_str(), request.size(), rapidjson::kObjectType);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool Is(const std::vector<std::string_view>& parts, std::initializer_list<std::string_view> path) {
  if (parts.size() != path.size()) return false;
  size_t i = 0;
  for (std::string_view part : path) {
    if (!part.empty() && parts[i] != part) return false;  // "" matches any segment
    ++i;
  }
  return true;
}

}  // namespace

bool FolioApi::Owns(const std::vector<std::string_view>& parts) {
  return Is(parts, {"stays"}) || Is(parts, {"stays", ""}) || Is(parts, {"folios"}) ||
         Is(parts, {"business-date"}) || Is(parts, {"postings"}) ||
         Is(parts, {"revenue-summaries"});
}

SimResponse FolioApi::Handle(const SimRequest& request, const std::string& property,
                             const std::vector<std::string_view>& parts) {
  const bool get = request.method == "GET";
  if (Is(parts, {"stays"})) {
    if (!get) return kErrors.WrongMethod();
    const std::string* search = request.Param("search");
    if (search == nullptr) return kErrors.Invalid("query parameter search is required");
    return Answer(book_.SearchStays(property, *search), pms::wire::EncodeStays);
  }
  if (Is(parts, {"stays", ""})) {
    if (!get) return kErrors.WrongMethod();
    return Answer(book_.GetStay(property, std::string(parts[1])), pms::wire::EncodeStay);
  }
  if (Is(parts, {"folios"})) {
    if (!get) return kErrors.WrongMethod();
    return Answer(book_.Folios(property), pms::wire::EncodeFolios);
  }
  if (Is(parts, {"business-date"})) {
    if (!get) return kErrors.WrongMethod();
    return Answer(book_.BusinessDate(property), pms::wire::EncodeBusinessDate);
  }
  if (Is(parts, {"postings"})) {
    if (request.method != "POST") return kErrors.WrongMethod();
    return Post(request, property);
  }
  if (get) return Answer(book_.RevenueSummaries(property), pms::wire::EncodeRevenueSummaries);
  if (request.method != "POST") return kErrors.WrongMethod();
  auto summary = pms::wire::DecodeRevenueSummary(request.body);
  if (!summary) return kErrors.Invalid(summary.error().message);
  summary->idempotency_key = std::string(request.idempotency_key);
  if (auto ok = book_.PostRevenueSummary(property, *summary); !ok) return FromError(ok.error());
  return {201, pms::wire::EncodeRevenueSummary(*summary)};
}

SimResponse FolioApi::Post(const SimRequest& request, const std::string& property) {
  auto decoded = pms::wire::DecodePostingRequest(request.body, property);
  if (!decoded) return kErrors.Invalid(decoded.error().message);
  decoded->idempotency_key = std::string(request.idempotency_key);
  return Answer(book_.Post(*decoded), pms::wire::EncodePostingReceipt, 201);
}

bool FolioApi::OwnsAdmin(const std::vector<std::string_view>& parts) {
  return Is(parts, {"stays"}) || Is(parts, {"business-date"}) ||
         Is(parts, {"folios", "", "postings"});
}

SimResponse FolioApi::HandleAdmin(const SimRequest& request, const std::string& property,
                                  const std::vector<std::string_view>& parts) {
  if (Is(parts, {"folios", "", "postings"})) {
    if (request.method != "GET") return kErrors.WrongMethod();
    return Answer(book_.FolioPostings(property, std::string(parts[1])), EncodeBooked);
  }
  if (request.method != "POST") return kErrors.WrongMethod();
  if (Is(parts, {"stays"})) {
    auto stay = pms::wire::DecodeStay(request.body);
    if (!stay) return kErrors.Invalid(stay.error().message);
    if (auto ok = book_.PutStay(property, *stay); !ok) return FromError(ok.error());
    return {200, pms::wire::EncodeStay(*stay)};
  }
  auto date = pms::wire::DecodeBusinessDate(request.body);
  if (!date) return kErrors.Invalid(date.error().message);
  if (auto ok = book_.SetBusinessDate(property, *date); !ok) return FromError(ok.error());
  return {200, pms::wire::EncodeBusinessDate(*date)};
}

std::vector<std::pair<const char*, int64_t>> FolioApi::Stats() const {
  const pms::FolioBook::Stats stats = book_.stats();
  return {{"postings", stats.postings},
          {"posting_replays", stats.posting_replays},
          {"postings_not_chargeable", stats.not_chargeable},
          {"revenue_summaries", stats.summaries}};
}

}  // namespace chansync::pmssim
