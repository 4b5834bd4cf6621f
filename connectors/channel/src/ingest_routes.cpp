#include "ingest_routes.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "availability_check_json.h"
#include "chansync/channel/availability_checks.h"
#include "chansync/channel/ingestor.h"
#include "chansync/core/error_json.h"
#include "chansync/core/json_parse.h"
#include "chansync/core/pooled_json_document.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/reservation_json_value.h"

namespace chansync::channel {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;
constexpr std::string_view kChannelsPrefix = "/v1/channels/";

void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// A failed item of a batch answers with the same object an error reply carries.
void WriteError(JsonWriter& w, const core::Error& error) {
  const std::string json = core::ErrorJson(error);
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

void WriteAcceptance(JsonWriter& w, const Acceptance& acceptance) {
  w.StartObject();
  w.Key("tracking_id");
  WriteString(w, acceptance.tracking_id);
  w.Key("id");
  WriteString(w, acceptance.id);
  w.EndObject();
}

HttpAnswer AcceptanceAnswer(const core::Result<Acceptance>& accepted) {
  if (!accepted) return ErrorAnswer(accepted.error());
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteAcceptance(w, *accepted);
  return {202, std::string(buffer.GetString(), buffer.GetSize())};
}

// The routes of the ingest API; the three a portal calls are the authorizer's IngestRoute.
enum class Route { kHealth, kPushReservation, kPushBatch, kAvailabilityCheck };

IngestRoute AuthorizedRoute(Route route) {
  switch (route) {
    case Route::kPushBatch:
      return IngestRoute::kPushBatch;
    case Route::kAvailabilityCheck:
      return IngestRoute::kCheckAvailability;
    case Route::kPushReservation:
    case Route::kHealth:
      break;
  }
  return IngestRoute::kPushReservation;
}

struct Routed {
  Route route;
  std::string channel;
};

// nullopt for an unknown route or method; a route whose AvailabilityChecks are missing is
// unknown too.
std::optional<Routed> Match(const HttpRequest& request, bool has_checks) {
  if (request.path == "/healthz") {
    if (request.method != "GET") return std::nullopt;
    return Routed{Route::kHealth, ""};
  }
  std::string_view path = request.path;
  if (request.method != "POST" || !path.starts_with(kChannelsPrefix)) return std::nullopt;
  path.remove_prefix(kChannelsPrefix.size());
  const size_t slash = path.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  std::string channel(path.substr(0, slash));
  const std::string_view rest = path.substr(slash);
  if (rest == "/reservations") return Routed{Route::kPushReservation, std::move(channel)};
  if (rest == "/reservations:batch") return Routed{Route::kPushBatch, std::move(channel)};
  if (rest == "/availability-checks" && has_checks) {
    return Routed{Route::kAvailabilityCheck, std::move(channel)};
  }
  return std::nullopt;
}

}  // namespace

IngestRoutes::IngestRoutes(Ingestor& ingestor, AvailabilityChecks* checks, size_t max_batch_items,
                           const IngestAuthorizer& authorize, TaskThreads& waiting_work)
    : ingestor_(ingestor),
      checks_(checks),
      max_batch_items_(max_batch_items),
      authorize_(authorize),
      waiting_work_(waiting_work) {}

void IngestRoutes::Handle(HttpRequest request, HttpReply reply) const {
  Serve(std::move(request), std::move(reply), AuthorizeWait::kAtOnce);
}

void IngestRoutes::Serve(HttpRequest request, HttpReply reply, AuthorizeWait wait) const {
  auto routed = Match(request, checks_ != nullptr);
  if (!routed) return reply(ErrorAnswer({core::ErrorCode::kNotFound, "no such route"}));
  if (routed->route == Route::kHealth) return reply({200, R"({"status":"ok"})"});
  const std::optional<core::Status> allowed =
      Authorize(request, AuthorizedRoute(routed->route), routed->channel, std::nullopt, wait);
  if (!allowed) {
    return waiting_work_.Post(
        [this, request = std::move(request), reply = std::move(reply)]() mutable {
          Serve(std::move(request), std::move(reply), AuthorizeWait::kMayWait);
        });
  }
  if (!*allowed) return reply(ErrorAnswer(allowed->error()));
  if (auto refused = RefuseUnlessJson(request)) return reply(std::move(*refused));
  switch (routed->route) {
    case Route::kPushReservation:
      return PushOne(std::move(request), std::move(routed->channel), std::move(reply), wait);
    case Route::kPushBatch:
      return waiting_work_.Post(
          [this, request = std::move(request), channel = std::move(routed->channel),
           reply = std::move(reply)]() mutable { reply(PushBatch(request, channel)); });
    case Route::kAvailabilityCheck:
      return waiting_work_.Post(
          [this, request = std::move(request), channel = std::move(routed->channel),
           reply = std::move(reply)]() mutable { reply(CheckAvailability(request, channel)); });
    case Route::kHealth:
      break;
  }
}

std::optional<core::Status> IngestRoutes::Authorize(const HttpRequest& request, IngestRoute route,
                                                    std::string_view channel,
                                                    std::optional<std::string_view> property,
                                                    AuthorizeWait wait) const {
  if (!authorize_) return core::Ok();
  return authorize_(request.Header("Authorization"), route, channel, property, wait);
}

core::Status IngestRoutes::AuthorizeItem(const HttpRequest& request, IngestRoute route,
                                         const std::string& channel,
                                         std::string_view property) const {
  auto verdict = Authorize(request, route, channel, property, AuthorizeWait::kMayWait);
  if (!verdict) return core::Fail(core::ErrorCode::kInternal, "the authorizer gave no verdict");
  return *verdict;
}

void IngestRoutes::PushOne(HttpRequest request, std::string channel, HttpReply reply,
                           AuthorizeWait wait) const {
  auto reservation = core::ReservationFromJson(request.body, channel);
  if (!reservation) return reply(ErrorAnswer(reservation.error()));
  const std::optional<core::Status> allowed =
      Authorize(request, IngestRoute::kPushReservation, channel, reservation->property, wait);
  if (!allowed) {
    return waiting_work_.Post([this, request = std::move(request), channel = std::move(channel),
                               reply = std::move(reply)]() mutable {
      PushOne(std::move(request), std::move(channel), std::move(reply), AuthorizeWait::kMayWait);
    });
  }
  if (!*allowed) return reply(ErrorAnswer(allowed->error()));
  ingestor_.PushAsync(std::move(*reservation),
                      [reply = std::move(reply)](core::Result<Acceptance> accepted) mutable {
                        reply(AcceptanceAnswer(accepted));
                      });
}

HttpAnswer IngestRoutes::CheckAvailability(const HttpRequest& request,
                                           const std::string& channel) const {
  auto parsed = AvailabilityCheckRequestFromJson(request.body, channel);
  if (!parsed) return ErrorAnswer(parsed.error());
  if (auto allowed =
          AuthorizeItem(request, IngestRoute::kCheckAvailability, channel, parsed->property);
      !allowed) {
    return ErrorAnswer(allowed.error());
  }
  auto answer = checks_->Check(*parsed);
  if (!answer) return ErrorAnswer(answer.error());
  return {200, AvailabilityCheckAnswerToJson(*answer)};
}

HttpAnswer IngestRoutes::PushBatch(const HttpRequest& request, const std::string& channel) const {
  core::PooledJsonDocument doc;
  if (auto parsed = core::json::ParseUntrusted(doc, request.body); !parsed) {
    return ErrorAnswer({core::ErrorCode::kInvalidReservation, "body: " + parsed.error().message});
  }
  if (!doc.IsArray()) {
    return ErrorAnswer(
        {core::ErrorCode::kInvalidReservation, "body: must be a JSON array of reservations"});
  }
  if (doc.Size() > max_batch_items_) {
    return ErrorAnswer({core::ErrorCode::kInvalidArgument,
                        "body: at most " + std::to_string(max_batch_items_) +
                            " reservations per batch, got " + std::to_string(doc.Size())});
  }
  // Parse failures keep their slot, so the answer lines up with the request.
  std::vector<core::Result<Acceptance>> results(doc.Size());
  std::vector<core::Reservation> valid;
  std::vector<size_t> valid_positions;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    auto reservation = core::ReservationFromJsonValue(doc[i], channel);
    if (!reservation) {
      results[i] = std::unexpected(reservation.error());
      continue;
    }
    if (auto allowed =
            AuthorizeItem(request, IngestRoute::kPushBatch, channel, reservation->property);
        !allowed) {
      results[i] = std::unexpected(allowed.error());
      continue;
    }
    valid.push_back(std::move(*reservation));
    valid_positions.push_back(i);
  }
  auto pushed = ingestor_.PushBatch(std::move(valid));
  for (size_t k = 0; k < pushed.size(); ++k) results[valid_positions[k]] = std::move(pushed[k]);

  int accepted = 0;
  const core::Error* rate_limited = nullptr;
  for (const auto& result : results) {
    if (result) {
      ++accepted;
    } else if (result.error().code == core::ErrorCode::kStoreUnavailable) {
      // One round trip carried every valid item: when it failed, none was accepted.
      return ErrorAnswer(result.error());
    } else if (result.error().code == core::ErrorCode::kRateLimited) {
      rate_limited = &result.error();
    }
  }
  // Nothing taken at all is a plain 429; otherwise the results say which items to send again.
  if (rate_limited != nullptr && accepted == 0) return ErrorAnswer(*rate_limited);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("accepted");
  w.Int(accepted);
  w.Key("results");
  w.StartArray();
  for (const auto& result : results) {
    if (result) {
      WriteAcceptance(w, *result);
    } else {
      WriteError(w, result.error());
    }
  }
  w.EndArray();
  w.EndObject();
  HttpAnswer answer{200, std::string(buffer.GetString(), buffer.GetSize())};
  if (rate_limited != nullptr) answer.retry_after = core::RetryAfterSeconds(*rate_limited);
  return answer;
}

}  // namespace chansync::channel
