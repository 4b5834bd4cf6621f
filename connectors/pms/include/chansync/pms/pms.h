#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chansync/core/catalog.h"
#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"

namespace chansync::pms {

// One PMS option booked with a reservation.
struct OptionQuantity {
  core::PmsOptionId option;
  int quantity = 1;

  friend bool operator==(const OptionQuantity&, const OptionQuantity&) = default;
};

// Free units of one product, night by night: free_units[i] is the night starting on
// from.AddDays(i). Never negative: an overbooked night has 0 free units.
struct ProductAvailability {
  core::PmsProductId product;
  std::vector<int> free_units;

  friend bool operator==(const ProductAvailability&, const ProductAvailability&) = default;
};

// The answer to "can this product be sold for this stay?".
struct CheckResult {
  bool available = false;  // units_left >= 1
  int units_left = 0;      // min over the nights of the stay of the free units, >= 0

  friend bool operator==(const CheckResult&, const CheckResult&) = default;
};

struct CreateReservationRequest {
  // Required. The PMS answers every call carrying the same key with the same reservation;
  // reusing a key with a different request is rejected (PMS_REJECTED).
  std::string idempotency_key;
  core::ChannelId channel;
  std::string channel_reservation_id;
  core::PmsProductId product;
  std::vector<OptionQuantity> options;
  core::Stay stay;
  std::string guest_name;
  core::Money price;
  // When false, a stay with any night already full is refused (NO_AVAILABILITY). When true the
  // reservation is created anyway and flagged overbooked.
  bool allow_overbooking = false;
  // The guest's payment failed: the PMS flags the reservation (docs/pms-api.md).
  bool payment_failed = false;

  friend bool operator==(const CreateReservationRequest&,
                         const CreateReservationRequest&) = default;
};

struct CreateReservationResult {
  std::string pms_reservation_id;  // the PMS's own number, e.g. "443591RIV"
  bool overbooked = false;

  friend bool operator==(const CreateReservationResult&, const CreateReservationResult&) = default;
};

// Replaces product, options, stay, guest name and price of an existing reservation.
struct ModifyReservationRequest {
  std::string idempotency_key;  // required; same semantics as for creates
  std::string pms_reservation_id;
  core::PmsProductId product;
  std::vector<OptionQuantity> options;
  core::Stay stay;
  std::string guest_name;
  core::Money price;
  bool allow_overbooking = false;
  bool payment_failed = false;  // as for creates; false clears the flag

  friend bool operator==(const ModifyReservationRequest&,
                         const ModifyReservationRequest&) = default;
};

struct ModifyReservationResult {
  bool overbooked = false;

  friend bool operator==(const ModifyReservationResult&, const ModifyReservationResult&) = default;
};

enum class PmsReservationStatus { kConfirmed, kCancelled };

std::string_view PmsReservationStatusName(PmsReservationStatus status);  // "confirmed" | ...
core::Result<PmsReservationStatus> ParsePmsReservationStatus(std::string_view text);

// A reservation as the PMS holds it.
struct PmsReservation {
  std::string id;  // the PMS's own number
  core::ChannelId channel;
  std::string channel_reservation_id;
  core::PmsProductId product;
  std::vector<OptionQuantity> options;
  core::Stay stay;
  std::string guest_name;
  core::Money price;
  bool overbooked = false;
  PmsReservationStatus status = PmsReservationStatus::kConfirmed;
  // The idempotency key of the last create or modify that changed it: which revision of the
  // channel reservation the PMS holds. Empty when the PMS does not say.
  std::string last_idempotency_key;
  // Flagged by the last create or modify: the guest's payment failed. Not a cancellation.
  bool payment_failed = false;

  friend bool operator==(const PmsReservation&, const PmsReservation&) = default;
};

// A channel reservation to look up in a PMS (Pms::FindMany).
struct ReservationLookup {
  core::PropertyId property;
  core::ChannelId channel;
  std::string channel_reservation_id;

  friend bool operator==(const ReservationLookup&, const ReservationLookup&) = default;
};

// Cancels a reservation (Pms::CancelReservation as a write of a batch).
struct CancelReservationRequest {
  std::string pms_reservation_id;

  friend bool operator==(const CancelReservationRequest&,
                         const CancelReservationRequest&) = default;
};

// One reservation write of Pms::WriteMany.
struct ReservationWrite {
  core::PropertyId property;
  std::variant<CreateReservationRequest, ModifyReservationRequest, CancelReservationRequest>
      request;
};

// What a write of Pms::WriteMany did.
struct ReservationWriteResult {
  std::string pms_reservation_id;  // the created reservation's number; empty for the others
  bool overbooked = false;         // creates and modifies

  friend bool operator==(const ReservationWriteResult&, const ReservationWriteResult&) = default;
};

// Per-call limits. A call never runs past `deadline` (retries included): an availability check
// made while a guest waits passes CallOptions::Within(2s).
struct CallOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline;

  static CallOptions Within(std::chrono::milliseconds budget) {
    return CallOptions{std::chrono::steady_clock::now() + budget};
  }
};

// The property-management system of one or more properties (docs/pms-api.md).
//
// Errors common to every method:
//   PMS_UNAVAILABLE  the PMS could not be reached, timed out, passed the deadline, answered 5xx
//                    or answered something unreadable; retry later with backoff.
//   PMS_REJECTED     the PMS refused the request (unknown property, product, option or
//                    reservation, invalid request, idempotency key reused with another body);
//                    the message carries the PMS's own code and message. Permanent.
//
// Implementations are thread-safe: any number of threads may call one instance concurrently.
class Pms {
 public:
  virtual ~Pms() = default;

  virtual core::Result<std::vector<core::PmsProduct>> ListProducts(
      const core::PropertyId& property, const CallOptions& call = {}) = 0;
  virtual core::Result<std::vector<core::PmsOption>> ListOptions(const core::PropertyId& property,
                                                                 const CallOptions& call = {}) = 0;

  // Free units of every product for each night in [from, to). PMS_REJECTED unless from < to
  // (and the PMS may cap the range length).
  virtual core::Result<std::vector<ProductAvailability>> Availability(
      const core::PropertyId& property, core::CivilDate from, core::CivilDate to,
      const CallOptions& call = {}) = 0;

  // Whether `product` has a free unit on every night of `stay`.
  virtual core::Result<CheckResult> Check(const core::PropertyId& property,
                                          const core::PmsProductId& product, const core::Stay& stay,
                                          const CallOptions& call = {}) = 0;

  // Creates the reservation atomically: NO_AVAILABILITY when a night of the stay has no free
  // unit and overbooking is not allowed. Safe to retry with the same idempotency key.
  virtual core::Result<CreateReservationResult> CreateReservation(
      const core::PropertyId& property, const CreateReservationRequest& request,
      const CallOptions& call = {}) = 0;

  // Re-checks availability for the new stay/product (the reservation's own units count as
  // free): NO_AVAILABILITY leaves the reservation unchanged. PMS_REJECTED for a cancelled or
  // unknown reservation. Safe to retry with the same idempotency key.
  virtual core::Result<ModifyReservationResult> ModifyReservation(
      const core::PropertyId& property, const ModifyReservationRequest& request,
      const CallOptions& call = {}) = 0;

  // Cancels and frees the units. Idempotent: cancelling a cancelled reservation succeeds.
  virtual core::Status CancelReservation(const core::PropertyId& property,
                                         const std::string& pms_reservation_id,
                                         const CallOptions& call = {}) = 0;

  // Makes several independent writes, up to `max_in_flight` at once, and returns their outcomes
  // in order: each with the semantics and errors of CreateReservation, ModifyReservation or
  // CancelReservation made alone, and `call`'s deadline bounding all of them. Two writes of one
  // reservation must not be in one call (their order is not kept). The default makes them one
  // after the other; an implementation over a network overlaps them.
  virtual std::vector<core::Result<ReservationWriteResult>> WriteMany(
      const std::vector<ReservationWrite>& writes, size_t max_in_flight,
      const CallOptions& call = {});

  // NOT_FOUND when the PMS does not know the reservation.
  virtual core::Result<PmsReservation> GetReservation(const core::PropertyId& property,
                                                      const std::string& pms_reservation_id,
                                                      const CallOptions& call = {}) = 0;

  // Every PMS reservation made for (channel, channel reservation id), cancelled ones included,
  // oldest first; empty when the PMS has none. What lets a caller that lost its own record of a
  // reservation find and adopt it instead of creating a second one.
  virtual core::Result<std::vector<PmsReservation>> FindReservations(
      const core::PropertyId& property, const core::ChannelId& channel,
      const std::string& channel_reservation_id, const CallOptions& call = {}) = 0;

  // FindReservations for each lookup, up to `max_in_flight` at once, answers in order, `call`'s
  // deadline bounding all of them. The default makes them one after the other; an
  // implementation over a network overlaps them.
  virtual std::vector<core::Result<std::vector<PmsReservation>>> FindMany(
      const std::vector<ReservationLookup>& lookups, size_t max_in_flight,
      const CallOptions& call = {});

  // Every reservation of the property, cancelled ones included, for tests and operators.
  virtual core::Result<std::vector<PmsReservation>> ListReservations(
      const core::PropertyId& property, const CallOptions& call = {}) = 0;

  // Ok when the PMS answers its health endpoint.
  virtual core::Status Health(const CallOptions& call = {}) = 0;
};

}  // namespace chansync::pms
