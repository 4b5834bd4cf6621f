#include "status_mapping.h"

#include <array>
#include <utility>

#include "chansync/core/canonical_code.h"
#include "chansync/core/error_json.h"

namespace chansync::api {
namespace {

// gRPC's status codes are abseil's canonical set, number for number: a generic gRPC client
// retries exactly what our retry class says is transient.
constexpr bool GrpcCodesAgreeWithRetryClasses() {
  constexpr std::array<std::pair<grpc::StatusCode, core::RetryClass>, core::kErrorCodeCount> kRows{{
#define CHANSYNC_GRPC_RETRY(enumerator, name, canonical, retry, http, grpc_code) \
  {grpc::StatusCode::grpc_code, core::RetryClass::retry},
      CHANSYNC_ERROR_CODES(CHANSYNC_GRPC_RETRY)
#undef CHANSYNC_GRPC_RETRY
  }};
  for (const auto& [code, retry] : kRows) {
    const bool transient = core::IsTransient(static_cast<absl::StatusCode>(code));
    if (transient != core::IsRetried(retry)) return false;
  }
  return true;
}
static_assert(GrpcCodesAgreeWithRetryClasses(),
              "error_codes.h: a row's gRPC status contradicts its retry class");

}  // namespace

grpc::StatusCode GrpcCodeOf(core::ErrorCode code) {
  // Indexed by ErrorCode: the enum and this array are generated from the same rows.
  static constexpr std::array<grpc::StatusCode, core::kErrorCodeCount> kGrpcCodes{{
#define CHANSYNC_GRPC_CODE(enumerator, name, canonical, retry, http, grpc_code) \
  grpc::StatusCode::grpc_code,
      CHANSYNC_ERROR_CODES(CHANSYNC_GRPC_CODE)
#undef CHANSYNC_GRPC_CODE
  }};
  const auto index = static_cast<size_t>(code);
  return index < kGrpcCodes.size() ? kGrpcCodes[index] : grpc::StatusCode::INTERNAL;
}

grpc::Status ToGrpcStatus(const core::Error& error) {
  return grpc::Status(GrpcCodeOf(error.code), error.ToString());
}

void AddRetryAfter(grpc::ServerContextBase& context, const core::Error& error) {
  if (const std::string seconds = core::RetryAfterSeconds(error); !seconds.empty()) {
    context.AddTrailingMetadata("retry-after", seconds);
  }
}

}  // namespace chansync::api
