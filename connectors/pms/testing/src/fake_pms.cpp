#include "chansync/pms/testing/fake_pms.h"

#include "client_view.h"

namespace chansync::pms::testing {
namespace {

using core::ErrorCode;

}  // namespace

void FakePms::FailNext(int count, core::Error error) {
  std::lock_guard lock(failures_mutex_);
  for (int i = 0; i < count; ++i) failures_.push_back(error);
}

FakePms::Calls FakePms::calls() const {
  return Calls{list_.load(),          availability_.load(), check_.load(),       create_.load(),
               modify_.load(),        cancel_.load(),       get_.load(),         health_.load(),
               write_batches_.load(), find_.load(),         find_batches_.load()};
}

std::vector<core::Result<ReservationWriteResult>> FakePms::WriteMany(
    const std::vector<ReservationWrite>& writes, size_t max_in_flight, const CallOptions& call) {
  write_batches_.fetch_add(1);
  last_max_in_flight_.store(max_in_flight);
  size_t largest = largest_write_batch_.load();
  while (writes.size() > largest &&
         !largest_write_batch_.compare_exchange_weak(largest, writes.size())) {
  }
  return Pms::WriteMany(writes, max_in_flight, call);
}

core::Status FakePms::Enter(std::atomic<int64_t>& counter) {
  counter.fetch_add(1);
  if (down_.load()) {
    return core::Fail(ErrorCode::kPmsUnavailable, "PMS failed (HTTP 503 UNAVAILABLE: PMS is down)");
  }
  std::lock_guard lock(failures_mutex_);
  if (failures_.empty()) return core::Ok();
  core::Error error = std::move(failures_.front());
  failures_.pop_front();
  return std::unexpected(std::move(error));
}

core::Result<std::vector<core::PmsProduct>> FakePms::ListProducts(const core::PropertyId& property,
                                                                  const CallOptions&) {
  RETURN_IF_ERROR(Enter(list_));
  return Seen(book_.Products(property));
}

core::Result<std::vector<core::PmsOption>> FakePms::ListOptions(const core::PropertyId& property,
                                                                const CallOptions&) {
  RETURN_IF_ERROR(Enter(list_));
  return Seen(book_.Options(property));
}

core::Result<std::vector<ProductAvailability>> FakePms::Availability(
    const core::PropertyId& property, core::CivilDate from, core::CivilDate to,
    const CallOptions&) {
  RETURN_IF_ERROR(Enter(availability_));
  return Seen(book_.Availability(property, from, to));
}

core::Result<CheckResult> FakePms::Check(const core::PropertyId& property,
                                         const core::PmsProductId& product, const core::Stay& stay,
                                         const CallOptions&) {
  RETURN_IF_ERROR(Enter(check_));
  return Seen(book_.Check(property, product, stay));
}

core::Result<CreateReservationResult> FakePms::CreateReservation(
    const core::PropertyId& property, const CreateReservationRequest& request, const CallOptions&) {
  if (request.idempotency_key.empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, "a PMS create needs an idempotency key");
  }
  RETURN_IF_ERROR(Enter(create_));
  ASSIGN_OR_RETURN(auto created, Seen(book_.Create(property, request)));
  return CreateReservationResult{created.id, created.overbooked};
}

core::Result<ModifyReservationResult> FakePms::ModifyReservation(
    const core::PropertyId& property, const ModifyReservationRequest& request, const CallOptions&) {
  if (request.idempotency_key.empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, "a PMS modify needs an idempotency key");
  }
  RETURN_IF_ERROR(Enter(modify_));
  ASSIGN_OR_RETURN(auto modified, Seen(book_.Modify(property, request)));
  return ModifyReservationResult{modified.overbooked};
}

core::Status FakePms::CancelReservation(const core::PropertyId& property,
                                        const std::string& pms_reservation_id, const CallOptions&) {
  RETURN_IF_ERROR(Enter(cancel_));
  RETURN_IF_ERROR(Seen(book_.Cancel(property, pms_reservation_id)));
  return core::Ok();
}

core::Result<PmsReservation> FakePms::GetReservation(const core::PropertyId& property,
                                                     const std::string& pms_reservation_id,
                                                     const CallOptions&) {
  RETURN_IF_ERROR(Enter(get_));
  return Seen(book_.Get(property, pms_reservation_id), /*not_found_is_not_found=*/true);
}

core::Result<std::vector<PmsReservation>> FakePms::FindReservations(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::string& channel_reservation_id, const CallOptions&) {
  RETURN_IF_ERROR(Enter(find_));
  return Seen(book_.FindChannelReservation(property, channel, channel_reservation_id));
}

std::vector<core::Result<std::vector<PmsReservation>>> FakePms::FindMany(
    const std::vector<ReservationLookup>& lookups, size_t max_in_flight, const CallOptions& call) {
  find_batches_.fetch_add(1);
  return Pms::FindMany(lookups, max_in_flight, call);
}

core::Result<std::vector<PmsReservation>> FakePms::ListReservations(
    const core::PropertyId& property, const CallOptions&) {
  RETURN_IF_ERROR(Enter(list_));
  return Seen(book_.List(property));
}

core::Status FakePms::Health(const CallOptions&) { return Enter(health_); }

}  // namespace chansync::pms::testing
