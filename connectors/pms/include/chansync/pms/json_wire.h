#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/pms/pms.h"

// The JSON bodies of the PMS HTTP contract (docs/pms-api.md), both directions, so the client and
// the simulator speak exactly the same format. Encoders never fail. Decoders fail with
// INVALID_ARGUMENT naming the offending field; they accept unknown extra fields.
namespace chansync::pms::wire {

std::string EncodeProducts(const std::vector<core::PmsProduct>& products);
core::Result<std::vector<core::PmsProduct>> DecodeProducts(std::string_view json);

std::string EncodeOptions(const std::vector<core::PmsOption>& options);
core::Result<std::vector<core::PmsOption>> DecodeOptions(std::string_view json);

std::string EncodeAvailability(core::CivilDate from, core::CivilDate to,
                               const std::vector<ProductAvailability>& products);
// Also checks that every product has exactly (to - from) nights.
core::Result<std::vector<ProductAvailability>> DecodeAvailability(std::string_view json,
                                                                  core::CivilDate from,
                                                                  core::CivilDate to);

std::string EncodeCheck(const core::PmsProductId& product, const core::Stay& stay,
                        const CheckResult& check);
core::Result<CheckResult> DecodeCheck(std::string_view json);

// The idempotency key travels in a header, not in the body: it is left out here and left empty
// by the decoder.
std::string EncodeCreateRequest(const CreateReservationRequest& request);
core::Result<CreateReservationRequest> DecodeCreateRequest(std::string_view json);

// The reservation id travels in the path and the key in a header: both are left out.
std::string EncodeModifyRequest(const ModifyReservationRequest& request);
core::Result<ModifyReservationRequest> DecodeModifyRequest(std::string_view json);

std::string EncodeReservation(const PmsReservation& reservation);
core::Result<PmsReservation> DecodeReservation(std::string_view json);

std::string EncodeReservations(const std::vector<PmsReservation>& reservations);
core::Result<std::vector<PmsReservation>> DecodeReservations(std::string_view json);

// {"error": {"code": ..., "message": ...}}
std::string EncodeError(std::string_view code, std::string_view message);

// How a PMS answers a ReservationBook error: its HTTP status and contract error code
// (NOT_FOUND 404, INVALID 422, IDEMPOTENCY_KEY_REUSED 422, NO_AVAILABILITY 409, CONFLICT 409,
// NOT_CHARGEABLE 409, INTERNAL 500 for anything else).
struct HttpError {
  int status;
  std::string_view code;
};
HttpError HttpErrorFor(core::ErrorCode code);

// The error a client reports for a non-2xx answer (docs/pms-api.md, "Errors"):
// 409 NO_AVAILABILITY -> NO_AVAILABILITY, 409 NOT_CHARGEABLE -> STAY_NOT_CHARGEABLE, other 4xx ->
// PMS_REJECTED, 5xx and anything else -> PMS_UNAVAILABLE. The message carries the HTTP status and
// the PMS's own code and message (or the start of the raw body when it is not the contract's error
// JSON).
core::Error ClassifyFailure(long http_status, std::string_view body);

}  // namespace chansync::pms::wire
