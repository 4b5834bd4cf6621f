#include "chansync/integration/operator.h"

#include "chansync/channel/work_item.h"
#include "chansync/queue/work_queue.h"

namespace chansync::integration {
namespace {

bool AwaitsOperator(const IntegrationRecord& record) {
  return record.error && record.error->code == core::ErrorCode::kAwaitingOperator;
}

core::Status CheckForceable(const IntegrationRecord& record) {
  switch (record.status) {
    case IntegrationStatus::kIntegrated: {
      std::string message = "already integrated";
      if (!record.pms_reservation_id.empty()) message += " as " + record.pms_reservation_id;
      return core::Fail(core::ErrorCode::kAlreadyIntegrated, message + "; nothing to force");
    }
    case IntegrationStatus::kPending:
      if (AwaitsOperator(record)) return core::Ok();
      return core::Fail(core::ErrorCode::kConflict,
                        record.id() + " is still being integrated (attempt " +
                            std::to_string(record.attempts) + "); force it if it fails");
    case IntegrationStatus::kFailed:
    case IntegrationStatus::kNotIntegrated:
      return core::Ok();
  }
  return core::Ok();
}

std::string NextStep(const IntegrationRecord& before, bool allow_overbooking,
                     const std::string& tracking_id) {
  std::string message = before.id() + " re-queued (" + tracking_id + ")";
  const bool no_availability =
      before.error && before.error->code == core::ErrorCode::kNoAvailability;
  if (allow_overbooking) {
    message += " with overbooking allowed: it is integrated even without availability";
  } else if (no_availability) {
    message +=
        " for a normal attempt; it failed NO_AVAILABILITY and may fail again: use "
        "--allow-overbooking to integrate anyway";
  }
  return message;
}

}  // namespace

core::Result<IntegrationList> Operator::List(const IntegrationQuery& query) {
  ASSIGN_OR_RETURN(auto records, log_.List(query));
  if (query.payment_failed_only) {
    // No index of its own: a month's records are read whole anyway, and failed payments are few.
    std::erase_if(records,
                  [](const IntegrationRecord& r) { return !r.reservation.payment_failed; });
  }
  IntegrationList list;
  list.count = records.size();
  list.records = std::move(records);
  return list;
}

core::Result<IntegrationRecord> Operator::Show(std::string_view id) {
  ASSIGN_OR_RETURN(auto key, ParseIntegrationId(id));
  ASSIGN_OR_RETURN(auto record, log_.Get(key));
  if (!record) {
    return core::Fail(core::ErrorCode::kNotFound,
                      "no integration " + std::string(id) + "; chansync never received it");
  }
  return std::move(*record);
}

core::Result<ForceOutcome> Operator::Force(std::string_view id, bool allow_overbooking) {
  ASSIGN_OR_RETURN(auto before, Show(id));
  RETURN_IF_ERROR(CheckForceable(before));

  channel::WorkItem item;
  item.reservation = before.reservation;
  item.received_at = before.received_at;
  item.forced = true;
  item.allow_overbooking = allow_overbooking;
  ASSIGN_OR_RETURN(auto tracking_id,
                   queue_.Enqueue(channel::ShardKeyOf(item), channel::WorkItemToJson(item)));

  IntegrationRecord pending = before;
  pending.status = IntegrationStatus::kPending;
  pending.attempts = 0;
  pending.tracking_id = tracking_id;
  pending.updated_at = clock_.Now();
  ForceOutcome outcome;
  outcome.tracking_id = tracking_id;
  outcome.message = NextStep(before, allow_overbooking, tracking_id);
  auto replaced = log_.Replace(pending, before.updated_at);
  if (replaced) {
    outcome.record = std::move(pending);
    return outcome;
  }
  if (replaced.error().code != core::ErrorCode::kConflict) {
    return std::unexpected(replaced.error());
  }
  // The worker recorded an outcome meanwhile (a queued retry, or another operator's force):
  // the forced item is queued all the same; show what is stored now.
  ASSIGN_OR_RETURN(outcome.record, Show(id));
  outcome.message +=
      "; the record changed meanwhile, see chansync integration show " + std::string(id);
  return outcome;
}

}  // namespace chansync::integration
