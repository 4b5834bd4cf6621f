#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"

namespace chansync::channel {

// SPEC §1.4 level 2: what a portal asks when the guest clicks "Book", before the card number.
struct AvailabilityCheckRequest {
  core::ChannelId channel;
  core::PropertyId property;
  core::ChannelProductId product;
  core::Stay stay;
  std::vector<core::OptionLine> options;  // channel options the guest picked
};

enum class CheckOutcome { kAvailable, kUnavailable, kError };

std::string_view CheckOutcomeName(CheckOutcome outcome);  // "AVAILABLE" | "UNAVAILABLE" | "ERROR"
core::Result<CheckOutcome> ParseCheckOutcome(std::string_view text);

struct AvailabilityCheckAnswer {
  CheckOutcome outcome = CheckOutcome::kError;
  int units_left = 0;    // free units on the stay's fullest night; 0 unless AVAILABLE
  std::string check_id;  // unique per check; a reservation carries it to prove the check
  std::optional<core::Error> error;  // set exactly when outcome is kError: why no answer
};

// INVALID_ARGUMENT naming the field (channel, property, product, departure, options[i].option,
// options[i].quantity) when the request is malformed.
core::Status ValidateAvailabilityCheckRequest(const AvailabilityCheckRequest& request);

// The availability re-check as the portal front ends (HTTP, gRPC) see it. The implementation
// lives in the engine (integration::AvailabilityChecker); this interface keeps connectors/ free of
// it.
class AvailabilityChecks {
 public:
  virtual ~AvailabilityChecks() = default;

  // INVALID_ARGUMENT (see ValidateAvailabilityCheckRequest) for a malformed request. Every other
  // failure is an answer with outcome kError and its reason: the caller never gets a guess.
  // Thread-safe.
  virtual core::Result<AvailabilityCheckAnswer> Check(const AvailabilityCheckRequest& request) = 0;
};

}  // namespace chansync::channel
