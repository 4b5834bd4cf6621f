#include "chansync/integration/availability_checker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "chansync/core/property.h"
#include "chansync/integration/check_store.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"
#include "chansync/pms/pms.h"
#include "chansync/pms/pms_directory.h"

namespace chansync::integration {

using channel::AvailabilityCheckAnswer;
using channel::CheckOutcome;
using core::ErrorCode;

std::string NewCheckId() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "chk-";
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = engine();
    for (int i = 0; i < 16; ++i, bits >>= 4) id += kHex[bits & 0xf];
  }
  return id;
}

AvailabilityChecker::AvailabilityChecker(linking::PropertyStore& properties,
                                         linking::LinkRegistry& registry, pms::PmsDirectory& pms,
                                         CheckStore& checks, const core::Clock& clock,
                                         std::chrono::milliseconds deadline)
    : properties_(properties),
      registry_(registry),
      pms_(pms),
      checks_(checks),
      clock_(clock),
      deadline_(deadline) {}

core::Result<AvailabilityCheckAnswer> AvailabilityChecker::Check(
    const channel::AvailabilityCheckRequest& request) {
  RETURN_IF_ERROR(channel::ValidateAvailabilityCheckRequest(request));
  // The PMS call's budget starts now: property and link reads count against the guest's wait.
  const pms::CallOptions call = pms::CallOptions::Within(deadline_);
  AvailabilityCheckAnswer answer;
  answer.check_id = NewCheckId();
  auto error = [&](ErrorCode code, std::string message) {
    answer.outcome = CheckOutcome::kError;
    answer.units_left = 0;
    answer.error = core::Error{code, std::move(message)};
    spdlog::debug("availability check {} for {}/{}/{}: {}", answer.check_id, request.property,
                  request.channel, request.product, answer.error->ToString());
    return answer;
  };

  auto property = properties_.GetProperty(request.property);
  if (!property) {
    if (property.error().code == ErrorCode::kNotFound) {
      return error(ErrorCode::kNotFound,
                   "property " + request.property + " is not known to chansync");
    }
    return error(property.error().code, property.error().message);
  }
  if (property->mode == core::GatewayMode::kClassic) {
    return error(ErrorCode::kGatewayClassicMode,
                 "the gateway of " + request.property +
                     " is in classic mode: the property manages this channel by hand");
  }
  if (!property->levels.availability_recheck) {
    return error(ErrorCode::kRecheckDisabled,
                 "availability re-check during booking is turned off for " + request.property);
  }

  core::Reservation reservation;
  reservation.channel = request.channel;
  reservation.property = request.property;
  reservation.product = request.product;
  reservation.stay = request.stay;
  reservation.options = request.options;
  auto resolution = registry_.Resolve(reservation);
  if (!resolution) return error(resolution.error().code, resolution.error().message);

  auto pms = pms_.For(*property);
  if (!pms) return error(pms.error().code, pms.error().message);
  auto checked = (*pms)->Check(request.property, resolution->pms_product, request.stay, call);
  if (!checked) {
    // CallOptions deadlines are on the steady clock, so is this comparison. The HTTP client's
    // timer has millisecond granularity and may fire a little early: allow for that.
    const auto slack =
        std::max<std::chrono::milliseconds>(std::chrono::milliseconds(10), deadline_ / 20);
    if (checked.error().code == ErrorCode::kPmsUnavailable &&
        std::chrono::steady_clock::now() + slack >= *call.deadline) {
      return error(ErrorCode::kDeadlineExceeded,
                   "the PMS of " + request.property + " did not answer within " +
                       std::to_string(deadline_.count()) + " ms (" + checked.error().message + ")");
    }
    return error(checked.error().code, checked.error().message);
  }

  answer.outcome = checked->available ? CheckOutcome::kAvailable : CheckOutcome::kUnavailable;
  answer.units_left = checked->available ? checked->units_left : 0;
  StoredCheck stored{
      .check_id = answer.check_id,
      .property = request.property,
      .channel = request.channel,
      .product = request.product,
      .stay = request.stay,
      .outcome = answer.outcome,
      .units_left = answer.units_left,
      .at = clock_.Now(),
  };
  if (auto put = checks_.Put(stored); !put) {
    // An unrecorded answer could not be proven later; report no answer rather than a claim.
    return error(put.error().code, "the check could not be recorded: " + put.error().message);
  }
  return answer;
}

}  // namespace chansync::integration
