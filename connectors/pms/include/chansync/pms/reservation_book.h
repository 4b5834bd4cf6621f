#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/pms/pms.h"

namespace chansync::pms {

// An in-memory PMS: products, options and reservations of any number of properties, with the
// semantics of the PMS contract (docs/pms-api.md). The simulator serves it over HTTP and the
// in-memory twin wraps it, so both behave the same.
//
// Errors (core codes, mapped to HTTP by the simulator):
//   NOT_FOUND        unknown property, product (in admin calls) or reservation
//   INVALID_ARGUMENT invalid request: unknown product/option, bad quantity, empty name, ...
//   ALREADY_EXISTS   an idempotency key reused with a different request
//   NO_AVAILABILITY  a night of the stay has no free unit and overbooking is not allowed
//   CONFLICT         modifying a cancelled reservation
//
// Thread-safe. Each property has its own mutex, so a create re-checks and takes the units of
// every night atomically.
class ReservationBook {
 public:
  struct PropertyData {
    core::PropertyId id;
    std::string name;
    std::vector<core::PmsProduct> products;
    std::vector<core::PmsOption> options;
    std::vector<PmsReservation> reservations;  // existing ones; ids must be unique
  };

  struct Stats {
    int64_t creates = 0;          // reservations created
    int64_t create_replays = 0;   // creates answered from an idempotency key
    int64_t overbookings = 0;     // creates and modifies that overbooked a night
    int64_t no_availability = 0;  // creates and modifies refused for lack of units
    int64_t modifies = 0;
    int64_t cancels = 0;  // reservations that went from confirmed to cancelled
    int64_t checks = 0;
    int64_t availability_queries = 0;
    int64_t rejected = 0;  // invalid requests
  };

  // Longest range Availability answers, in nights.
  static constexpr int64_t kMaxAvailabilityNights = 731;

  ReservationBook();
  ~ReservationBook();
  ReservationBook(const ReservationBook&) = delete;
  ReservationBook& operator=(const ReservationBook&) = delete;

  // INVALID_ARGUMENT for bad ids, duplicates, negative units or reservations that do not fit
  // the catalog; ALREADY_EXISTS when the property is already loaded. Existing reservations take
  // their units even beyond the product's count (they are then overbooked).
  core::Status AddProperty(PropertyData data);
  std::vector<core::PropertyId> Properties() const;

  core::Result<std::vector<core::PmsProduct>> Products(const core::PropertyId& property) const;
  core::Result<std::vector<core::PmsOption>> Options(const core::PropertyId& property) const;
  core::Result<std::vector<ProductAvailability>> Availability(const core::PropertyId& property,
                                                              core::CivilDate from,
                                                              core::CivilDate to);
  core::Result<CheckResult> Check(const core::PropertyId& property,
                                  const core::PmsProductId& product, const core::Stay& stay);
  // The reservation as created, or as created by the first call with the same key.
  core::Result<PmsReservation> Create(const core::PropertyId& property,
                                      const CreateReservationRequest& request);
  core::Result<PmsReservation> Modify(const core::PropertyId& property,
                                      const ModifyReservationRequest& request);
  core::Result<PmsReservation> Cancel(const core::PropertyId& property,
                                      const std::string& reservation_id);
  core::Result<PmsReservation> Get(const core::PropertyId& property,
                                   const std::string& reservation_id) const;
  // The reservations made for (channel, channel reservation id), oldest first.
  core::Result<std::vector<PmsReservation>> FindChannelReservation(
      const core::PropertyId& property, const core::ChannelId& channel,
      const std::string& channel_reservation_id) const;
  // Ordered by reservation id.
  core::Result<std::vector<PmsReservation>> List(const core::PropertyId& property) const;

  // Changes a product's unit count, or adds the product when `name` is given and it is new
  // (a change made in the PMS itself). NOT_FOUND for an unknown product without a name.
  core::Status SetProductUnits(const core::PropertyId& property, const core::PmsProductId& product,
                               int units, const std::string& name = {});

  Stats stats() const;

 private:
  struct PropertyState;
  struct Counters {
    std::atomic<int64_t> creates{0}, create_replays{0}, overbookings{0}, no_availability{0},
        modifies{0}, cancels{0}, checks{0}, availability_queries{0}, rejected{0};
  };

  PropertyState* Find(const core::PropertyId& property) const;

  mutable std::shared_mutex properties_mutex_;  // guards the map, not the properties
  std::map<core::PropertyId, std::unique_ptr<PropertyState>> properties_;
  mutable Counters counters_;
};

}  // namespace chansync::pms
