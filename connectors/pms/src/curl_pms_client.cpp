#include "chansync/pms/curl_pms_client.h"

#include <curl/curl.h>

#include <algorithm>

#include "chansync/pms/json_wire.h"
#include "curl_call.h"
#include "curl_exchange.h"
#include "curl_exchange_batch.h"
#include "curl_handle_pool.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using core::Fail;
using curl::Escape;
using curl::Exchange;
using curl::Method;
using curl::MethodName;

std::string PropertyPath(const core::PropertyId& property) {
  return "/v1/properties/" + Escape(property);
}

Exchange CreateExchange(const core::PropertyId& property, const CreateReservationRequest& request) {
  return Exchange{.method = Method::kPost,
                  .path = PropertyPath(property) + "/reservations",
                  .body = wire::EncodeCreateRequest(request),
                  .idempotency_key = request.idempotency_key};
}

Exchange ModifyExchange(const core::PropertyId& property, const ModifyReservationRequest& request) {
  return Exchange{
      .method = Method::kPut,
      .path = PropertyPath(property) + "/reservations/" + Escape(request.pms_reservation_id),
      .body = wire::EncodeModifyRequest(request),
      .idempotency_key = request.idempotency_key};
}

Exchange CancelExchange(const core::PropertyId& property, const std::string& pms_reservation_id) {
  return Exchange{
      .method = Method::kPost,
      .path = PropertyPath(property) + "/reservations/" + Escape(pms_reservation_id) + "/cancel"};
}

Exchange FindExchange(const ReservationLookup& lookup) {
  return Exchange{.path = PropertyPath(lookup.property) +
                          "/reservations?channel=" + Escape(lookup.channel) +
                          "&channel_reservation_id=" + Escape(lookup.channel_reservation_id)};
}

// Decodes a 2xx body; an unreadable one means the PMS misbehaves (see the header).
template <typename T>
core::Result<T> Decoded(const Exchange& exchange, core::Result<T> decoded) {
  if (decoded) return decoded;
  return Fail(ErrorCode::kPmsUnavailable, std::string("PMS sent an unreadable answer to ") +
                                              MethodName(exchange.method) + " " + exchange.path +
                                              ": " + decoded.error().message);
}

enum class WriteKind { kCreate, kModify, kCancel };

WriteKind KindOf(const ReservationWrite& write) {
  if (std::holds_alternative<CreateReservationRequest>(write.request)) return WriteKind::kCreate;
  if (std::holds_alternative<ModifyReservationRequest>(write.request)) return WriteKind::kModify;
  return WriteKind::kCancel;
}

// A write's answer (the reservation as the PMS now holds it) as WriteMany reports it: only a
// create names the reservation, which the callers of the others already know.
core::Result<ReservationWriteResult> DecodeWrite(const Exchange& exchange, WriteKind kind,
                                                 const std::string& body) {
  ASSIGN_OR_RETURN(auto reservation, Decoded(exchange, wire::DecodeReservation(body)));
  if (kind == WriteKind::kCancel && reservation.status != PmsReservationStatus::kCancelled) {
    return Fail(ErrorCode::kPmsUnavailable,
                "PMS answered a cancel of " + reservation.id + " with a status of " +
                    std::string(PmsReservationStatusName(reservation.status)));
  }
  return ReservationWriteResult{kind == WriteKind::kCreate ? std::move(reservation.id) : "",
                                reservation.overbooked};
}

}  // namespace

struct CurlPmsClient::Impl : curl::Transport {
  using Transport::Transport;
};

core::Result<std::unique_ptr<CurlPmsClient>> CurlPmsClient::Make(CurlPmsClientOptions options) {
  ASSIGN_OR_RETURN(auto settings, curl::MakeSettings(std::move(options)));
  return std::unique_ptr<CurlPmsClient>(
      new CurlPmsClient(std::make_unique<Impl>(std::move(settings))));
}

CurlPmsClient::CurlPmsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlPmsClient::~CurlPmsClient() = default;

const CurlPmsClientOptions& CurlPmsClient::options() const { return impl_->settings.options; }

core::Result<std::vector<core::PmsProduct>> CurlPmsClient::ListProducts(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/products"};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeProducts(body));
}

core::Result<std::vector<core::PmsOption>> CurlPmsClient::ListOptions(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/options"};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeOptions(body));
}

core::Result<std::vector<ProductAvailability>> CurlPmsClient::Availability(
    const core::PropertyId& property, core::CivilDate from, core::CivilDate to,
    const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/availability?from=" + from.ToString() +
                            "&to=" + to.ToString()};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeAvailability(body, from, to));
}

core::Result<CheckResult> CurlPmsClient::Check(const core::PropertyId& property,
                                               const core::PmsProductId& product,
                                               const core::Stay& stay, const CallOptions& call) {
  Exchange exchange{
      .path = PropertyPath(property) + "/availability/check?product=" + Escape(product) +
              "&arrival=" + stay.arrival.ToString() + "&departure=" + stay.departure.ToString()};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeCheck(body));
}

core::Result<CreateReservationResult> CurlPmsClient::CreateReservation(
    const core::PropertyId& property, const CreateReservationRequest& request,
    const CallOptions& call) {
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS create needs an idempotency key");
  }
  const Exchange exchange = CreateExchange(property, request);
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  ASSIGN_OR_RETURN(auto reservation, Decoded(exchange, wire::DecodeReservation(body)));
  return CreateReservationResult{std::move(reservation.id), reservation.overbooked};
}

core::Result<ModifyReservationResult> CurlPmsClient::ModifyReservation(
    const core::PropertyId& property, const ModifyReservationRequest& request,
    const CallOptions& call) {
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a PMS modify needs an idempotency key");
  }
  const Exchange exchange = ModifyExchange(property, request);
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  ASSIGN_OR_RETURN(auto reservation, Decoded(exchange, wire::DecodeReservation(body)));
  return ModifyReservationResult{reservation.overbooked};
}

core::Status CurlPmsClient::CancelReservation(const core::PropertyId& property,
                                              const std::string& pms_reservation_id,
                                              const CallOptions& call) {
  const Exchange exchange = CancelExchange(property, pms_reservation_id);
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  RETURN_IF_ERROR(DecodeWrite(exchange, WriteKind::kCancel, body));
  return core::Ok();
}

std::vector<core::Result<ReservationWriteResult>> CurlPmsClient::WriteMany(
    const std::vector<ReservationWrite>& writes, size_t max_in_flight, const CallOptions& call) {
  std::vector<core::Result<ReservationWriteResult>> results(writes.size(),
                                                            ReservationWriteResult{});
  std::vector<Exchange> exchanges;
  std::vector<size_t> sent;  // index in `writes` of each exchange
  for (size_t i = 0; i < writes.size(); ++i) {
    const ReservationWrite& write = writes[i];
    if (const auto* create = std::get_if<CreateReservationRequest>(&write.request)) {
      if (create->idempotency_key.empty()) {
        results[i] = Fail(ErrorCode::kInvalidArgument, "a PMS create needs an idempotency key");
        continue;
      }
      exchanges.push_back(CreateExchange(write.property, *create));
    } else if (const auto* modify = std::get_if<ModifyReservationRequest>(&write.request)) {
      if (modify->idempotency_key.empty()) {
        results[i] = Fail(ErrorCode::kInvalidArgument, "a PMS modify needs an idempotency key");
        continue;
      }
      exchanges.push_back(ModifyExchange(write.property, *modify));
    } else {
      exchanges.push_back(CancelExchange(
          write.property, std::get<CancelReservationRequest>(write.request).pms_reservation_id));
    }
    sent.push_back(i);
  }
  if (exchanges.empty()) return results;

  auto bodies = impl_->CallMany(exchanges, max_in_flight, call);
  for (size_t k = 0; k < sent.size(); ++k) {
    const size_t i = sent[k];
    if (!bodies[k]) {
      results[i] = std::unexpected(std::move(bodies[k].error()));
      continue;
    }
    results[i] = DecodeWrite(exchanges[k], KindOf(writes[i]), *bodies[k]);
  }
  return results;
}

core::Result<PmsReservation> CurlPmsClient::GetReservation(const core::PropertyId& property,
                                                           const std::string& pms_reservation_id,
                                                           const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/reservations/" + Escape(pms_reservation_id),
                    .not_found_is_not_found = true};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeReservation(body));
}

core::Result<std::vector<PmsReservation>> CurlPmsClient::FindReservations(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::string& channel_reservation_id, const CallOptions& call) {
  const Exchange exchange = FindExchange({property, channel, channel_reservation_id});
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeReservations(body));
}

std::vector<core::Result<std::vector<PmsReservation>>> CurlPmsClient::FindMany(
    const std::vector<ReservationLookup>& lookups, size_t max_in_flight, const CallOptions& call) {
  std::vector<core::Result<std::vector<PmsReservation>>> results;
  if (lookups.empty()) return results;
  std::vector<Exchange> exchanges;
  exchanges.reserve(lookups.size());
  for (const ReservationLookup& lookup : lookups) exchanges.push_back(FindExchange(lookup));
  auto bodies = impl_->CallMany(exchanges, max_in_flight, call);
  results.reserve(lookups.size());
  for (size_t i = 0; i < exchanges.size(); ++i) {
    if (!bodies[i]) {
      results.emplace_back(std::unexpected(std::move(bodies[i].error())));
      continue;
    }
    results.push_back(Decoded(exchanges[i], wire::DecodeReservations(*bodies[i])));
  }
  return results;
}

core::Result<std::vector<PmsReservation>> CurlPmsClient::ListReservations(
    const core::PropertyId& property, const CallOptions& call) {
  Exchange exchange{.path = PropertyPath(property) + "/reservations"};
  ASSIGN_OR_RETURN(auto body, impl_->Call(exchange, call));
  return Decoded(exchange, wire::DecodeReservations(body));
}

core::Status CurlPmsClient::Health(const CallOptions& call) {
  Exchange exchange{.path = "/v1/health"};
  RETURN_IF_ERROR(impl_->Call(exchange, call));
  return core::Ok();
}

}  // namespace chansync::pms
