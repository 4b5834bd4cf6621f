#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "chansync/core/error.h"
#include "chansync/pms/pms.h"

namespace chansync::pms {

struct CurlPmsClientOptions {
  std::string base_url;     // "http://127.0.0.1:8081"; paths /v1/... are appended
  std::string credentials;  // sent as "Authorization: Bearer <credentials>"; empty = no header
  // https:// base URLs: the PMS's certificate and host name are always verified, against this
  // CA bundle (PEM file) or, when empty, the system's trust store.
  std::string ca_file;
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds request_timeout{5000};  // per attempt, before the call's deadline
  // Attempts per call when the failure is transient (PMS_UNAVAILABLE); 1 = never retry.
  int max_attempts = 3;
  std::chrono::milliseconds initial_backoff{20};  // doubled after each failure...
  std::chrono::milliseconds max_backoff{200};     // ...up to this
  // Connections kept alive for reuse when idle. More threads may call at once; the extra
  // connections are closed when they come back.
  size_t max_idle_connections = 32;
};

// The Pms port over HTTP/JSON (docs/pms-api.md) with libcurl, for one PMS base URL.
//
// Connections are kept alive in a pool of curl handles: each concurrent caller takes one, so
// steady traffic pays no connect. WriteMany keeps its own connections, per multi handle. Every call
// is safe to retry (reads are GETs, creates and modifies carry the request's idempotency key,
// cancels are idempotent), so transient failures are retried with a short capped backoff, never
// past CallOptions::deadline.
//
// Errors, besides those of Pms:
//   INVALID_ARGUMENT  a create or modify without an idempotency key (nothing is sent)
//   PMS_UNAVAILABLE   connect failure, an https certificate that does not verify (untrusted,
//                     or for another host), timeout, deadline passed, 5xx, or a 2xx answer that is
//                     not the contract's JSON (the message says which). A garbled answer is
//                     treated as the PMS misbehaving, not as our bug: it is retried like an
//                     outage, which idempotency keys make safe, and shown to the operator.
//   NO_AVAILABILITY   409 with code NO_AVAILABILITY
//   PMS_REJECTED      any other 4xx, with the PMS's code and message
//   NOT_FOUND         GetReservation of a reservation the PMS does not know (404)
//
// Thread-safe.
class CurlPmsClient final : public Pms {
 public:
  // INVALID_ARGUMENT unless base_url is an http:// or https:// URL and the limits are positive.
  static core::Result<std::unique_ptr<CurlPmsClient>> Make(CurlPmsClientOptions options);
  ~CurlPmsClient() override;
  CurlPmsClient(const CurlPmsClient&) = delete;
  CurlPmsClient& operator=(const CurlPmsClient&) = delete;

  core::Result<std::vector<core::PmsProduct>> ListProducts(const core::PropertyId& property,
                                                           const CallOptions& call = {}) override;
  core::Result<std::vector<core::PmsOption>> ListOptions(const core::PropertyId& property,
                                                         const CallOptions& call = {}) override;
  core::Result<std::vector<ProductAvailability>> Availability(
      const core::PropertyId& property, core::CivilDate from, core::CivilDate to,
      const CallOptions& call = {}) override;
  core::Result<CheckResult> Check(const core::PropertyId& property,
                                  const core::PmsProductId& product, const core::Stay& stay,
                                  const CallOptions& call = {}) override;
  core::Result<CreateReservationResult> CreateReservation(const core::PropertyId& property,
                                                          const CreateReservationRequest& request,
                                                          const CallOptions& call = {}) override;
  core::Result<ModifyReservationResult> ModifyReservation(const core::PropertyId& property,
                                                          const ModifyReservationRequest& request,
                                                          const CallOptions& call = {}) override;
  core::Status CancelReservation(const core::PropertyId& property,
                                 const std::string& pms_reservation_id,
                                 const CallOptions& call = {}) override;
  // The writes overlap on one thread: a curl multi handle, kept with its connections for the
  // next batch, with `max_in_flight` requests outstanding at most.
  std::vector<core::Result<ReservationWriteResult>> WriteMany(
      const std::vector<ReservationWrite>& writes, size_t max_in_flight,
      const CallOptions& call = {}) override;
  core::Result<PmsReservation> GetReservation(const core::PropertyId& property,
                                              const std::string& pms_reservation_id,
                                              const CallOptions& call = {}) override;
  core::Result<std::vector<PmsReservation>> FindReservations(
      const core::PropertyId& property, const core::ChannelId& channel,
      const std::string& channel_reservation_id, const CallOptions& call = {}) override;
  // The lookups overlap on one thread, on a multi handle as WriteMany's writes do.
  std::vector<core::Result<std::vector<PmsReservation>>> FindMany(
      const std::vector<ReservationLookup>& lookups, size_t max_in_flight,
      const CallOptions& call = {}) override;
  core::Result<std::vector<PmsReservation>> ListReservations(const core::PropertyId& property,
                                                             const CallOptions& call = {}) override;
  core::Status Health(const CallOptions& call = {}) override;

  const CurlPmsClientOptions& options() const;

 private:
  struct Impl;
  explicit CurlPmsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chansync::pms
