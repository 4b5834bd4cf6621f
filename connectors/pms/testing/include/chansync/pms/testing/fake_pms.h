#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "chansync/core/error.h"
#include "chansync/pms/pms.h"
#include "chansync/pms/reservation_book.h"

namespace chansync::pms::testing {

// An in-memory Pms with the contract's semantics (it serves a ReservationBook, like pmssim) and
// the errors CurlPmsClient would report for the same answers. Failures can be switched on to
// test callers: an outage, or the next N calls failing with a chosen error.
//
// Thread-safe.
class FakePms final : public Pms {
 public:
  FakePms() = default;

  // Setup and inspection: load properties, change units as if done in the PMS itself.
  ReservationBook& book() { return book_; }

  // While down, every call fails with PMS_UNAVAILABLE and changes nothing.
  void SetDown(bool down) { down_.store(down); }
  // The next `count` calls fail with `error` before touching the book.
  void FailNext(int count, core::Error error);
  // Calls made so far (failed ones included), by kind. A WriteMany counts once in
  // write_batches and once per write in create, modify or cancel.
  struct Calls {
    int64_t list = 0, availability = 0, check = 0, create = 0, modify = 0, cancel = 0, get = 0,
            health = 0, write_batches = 0, find = 0, find_batches = 0;
  };
  // The largest batch WriteMany was given, and the max_in_flight of the last one.
  size_t largest_write_batch() const { return largest_write_batch_.load(); }
  size_t last_max_in_flight() const { return last_max_in_flight_.load(); }
  Calls calls() const;

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
  // The writes one after the other, as the port's default does.
  std::vector<core::Result<ReservationWriteResult>> WriteMany(
      const std::vector<ReservationWrite>& writes, size_t max_in_flight,
      const CallOptions& call = {}) override;
  core::Result<PmsReservation> GetReservation(const core::PropertyId& property,
                                              const std::string& pms_reservation_id,
                                              const CallOptions& call = {}) override;
  core::Result<std::vector<PmsReservation>> FindReservations(
      const core::PropertyId& property, const core::ChannelId& channel,
      const std::string& channel_reservation_id, const CallOptions& call = {}) override;
  // The lookups one after the other, as the port's default does; counts once in find_batches
  // and once per lookup in find.
  std::vector<core::Result<std::vector<PmsReservation>>> FindMany(
      const std::vector<ReservationLookup>& lookups, size_t max_in_flight,
      const CallOptions& call = {}) override;
  core::Result<std::vector<PmsReservation>> ListReservations(const core::PropertyId& property,
                                                             const CallOptions& call = {}) override;
  core::Status Health(const CallOptions& call = {}) override;

 private:
  // The injected failure for this call, if any; counts the call.
  core::Status Enter(std::atomic<int64_t>& counter);

  ReservationBook book_;
  std::atomic<bool> down_{false};
  std::mutex failures_mutex_;
  std::deque<core::Error> failures_;
  std::atomic<int64_t> list_{0}, availability_{0}, check_{0}, create_{0}, modify_{0}, cancel_{0},
      get_{0}, health_{0}, write_batches_{0}, find_{0}, find_batches_{0};
  std::atomic<size_t> largest_write_batch_{0}, last_max_in_flight_{0};
};

}  // namespace chansync::pms::testing
