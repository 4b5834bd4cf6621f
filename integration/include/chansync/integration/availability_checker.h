#pragma once

#include <chrono>

#include "chansync/channel/availability_checks.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"

namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking
namespace chansync::pms {
class PmsDirectory;
}  // namespace chansync::pms

namespace chansync::integration {

class CheckStore;

// SPEC §1.4 level 2: asks the property's PMS, while the guest waits, whether the channel product
// can still be sold for the stay. Maps product and options through the links, then calls
// Pms::Check bounded by `deadline`. Never guesses: when no sure answer can be had the outcome
// is ERROR with a stable reason code:
//   NOT_FOUND            unknown property
//   GATEWAY_CLASSIC_MODE the property runs in classic mode
//   RECHECK_DISABLED     the property turned level 2 off
//   PRODUCT_NOT_LINKED / OPTION_NOT_LINKED   the channel side has no PMS counterpart
//   DEADLINE_EXCEEDED    the PMS did not answer within the deadline
//   PMS_UNAVAILABLE / PMS_REJECTED / STORE_UNAVAILABLE / INVALID_ARGUMENT (unusable PMS
//   connection) as reported by the PMS or the stores
// AVAILABLE and UNAVAILABLE answers are stored in `checks` under a fresh check_id, so a
// reservation carrying that id is recorded "availability check TRUE"; when the store fails the
// answer becomes ERROR STORE_UNAVAILABLE. ERROR answers get a check_id too (for support) but
// are not stored.
//
// Thread-safe; every dependency must be thread-safe and outlive the checker.
class AvailabilityChecker final : public channel::AvailabilityChecks {
 public:
  AvailabilityChecker(linking::PropertyStore& properties, linking::LinkRegistry& registry,
                      pms::PmsDirectory& pms, CheckStore& checks, const core::Clock& clock,
                      std::chrono::milliseconds deadline = std::chrono::seconds(2));

  core::Result<channel::AvailabilityCheckAnswer> Check(
      const channel::AvailabilityCheckRequest& request) override;

 private:
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
  pms::PmsDirectory& pms_;
  CheckStore& checks_;
  const core::Clock& clock_;
  std::chrono::milliseconds deadline_;
};

// A new random check id: "chk-" and 32 hex digits (128 random bits), so ids cannot be guessed.
std::string NewCheckId();

}  // namespace chansync::integration
