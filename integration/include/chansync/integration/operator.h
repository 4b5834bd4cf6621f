#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/integration/integration_log.h"

namespace chansync::queue {
class WorkQueue;
}  // namespace chansync::queue

namespace chansync::integration {

struct IntegrationList {
  std::vector<IntegrationRecord> records;  // newest sale first
  size_t count = 0;
};

struct ForceOutcome {
  IntegrationRecord record;  // as stored after the force
  std::string tracking_id;   // of the forced work item on the queue
  std::string message;       // what happens next, for the operator
};

// Operators' use cases on the integration log (SPEC §1.6): the month lists, one record, and
// forcing a reservation through again. Thread-safe when its ports are; they must outlive it.
class Operator {
 public:
  Operator(IntegrationLog& log, queue::WorkQueue& queue, core::Clock& clock)
      : log_(log), queue_(queue), clock_(clock) {}

  // The month's records matching `query` (its outcome filter, and only failed payments when
  // `payment_failed_only`). INVALID_ARGUMENT for a bad property id; STORE_UNAVAILABLE.
  core::Result<IntegrationList> List(const IntegrationQuery& query);

  // `id` as IntegrationRecord::id(). INVALID_ARGUMENT when malformed, NOT_FOUND when unknown.
  core::Result<IntegrationRecord> Show(std::string_view id);

  // Puts the reservation's latest revision back on the queue as a forced work item and marks the
  // record pending (attempts reset, new tracking id, error kept until the worker records the new
  // outcome). Accepted for failed, not integrated, and pending records awaiting an operator.
  // A NO_AVAILABILITY failure without `allow_overbooking` is retried normally and may fail
  // again; the message then says to use --allow-overbooking.
  // Errors: ALREADY_INTEGRATED when in the PMS; CONFLICT while still being integrated;
  // NOT_FOUND, INVALID_ARGUMENT; STORE_UNAVAILABLE (nothing was queued, or the item was queued
  // and the record not yet updated: forcing again is harmless, the worker is idempotent).
  core::Result<ForceOutcome> Force(std::string_view id, bool allow_overbooking);

 private:
  IntegrationLog& log_;
  queue::WorkQueue& queue_;
  core::Clock& clock_;
};

}  // namespace chansync::integration
