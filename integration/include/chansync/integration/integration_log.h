#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::integration {

enum class IntegrationStatus {
  kPending,        // received, not yet integrated (queued, retrying, or awaiting an operator)
  kIntegrated,     // in the PMS
  kFailed,         // refused or failed for good; an operator may force it
  kNotIntegrated,  // the gateway is in classic mode: chansync does not integrate
};
std::string_view IntegrationStatusName(IntegrationStatus status);  // "pending", "integrated", ...
core::Result<IntegrationStatus> ParseIntegrationStatus(std::string_view text);

// SPEC §1.6: TRUE when availability was checked while the guest booked, ERROR otherwise.
enum class AvailabilityCheck { kError, kTrue };

// One reservation's integration as operators see it. Identified by property + channel +
// channel reservation number; the record follows the reservation across its revisions.
struct IntegrationRecord {
  core::Reservation reservation;  // the latest revision received (what `force` re-enqueues)
  IntegrationStatus status = IntegrationStatus::kPending;
  AvailabilityCheck availability_check = AvailabilityCheck::kError;
  std::string pms_reservation_id;    // e.g. "443591RIV", once integrated
  int64_t integrated_revision = 0;   // last revision applied in the PMS; 0 = none
  bool overbooked = false;           // integrated by an operator despite no availability
  std::optional<core::Error> error;  // why it failed or is not integrated
  int attempts = 0;                  // PMS calls made for the current revision
  std::string tracking_id;           // queue tracking id of the latest push
  core::Timestamp received_at{};     // when chansync accepted the latest revision
  core::Timestamp updated_at{};
  std::optional<core::Timestamp> integrated_at;
  // While pending for a retry: when the PMS is tried again.
  std::optional<core::Timestamp> next_attempt_at;
  // While the current revision waits for its PMS to answer again: since when. It fails once it
  // has waited the worker's outage window.
  std::optional<core::Timestamp> waiting_since;

  // "<property>/<channel>/<channel reservation id>": what operators pass to `show` and `force`.
  std::string id() const;
};

// Splits an id made by IntegrationRecord::id(); INVALID_ARGUMENT when malformed.
struct IntegrationKey {
  core::PropertyId property;
  core::ChannelId channel;
  std::string channel_reservation_id;
};
core::Result<IntegrationKey> ParseIntegrationId(std::string_view id);

enum class MonthIndex { kBySaleDate, kByStayDate };
enum class OutcomeFilter { kAll, kSucceeded, kFailed };

// kSucceeded: integrated. kFailed: what an operator can force — failed, not integrated, or
// pending and awaiting an operator. Pending records in flight match only kAll.
bool MatchesOutcome(const IntegrationRecord& record, OutcomeFilter filter);

// The month of the local sale date in `timezone` (IANA name): a sale at 2026-08-31T22:30Z is
// September in Europe/Paris. INVALID_ARGUMENT for an unknown zone.
core::Result<core::YearMonth> SaleMonthOf(core::Timestamp sold_at, std::string_view timezone);
// Every month in which the stay has a night (arrival .. departure - 1), in order.
std::vector<core::YearMonth> StayMonthsOf(const core::Stay& stay);

struct IntegrationQuery {
  core::PropertyId property;
  core::YearMonth month;
  MonthIndex by = MonthIndex::kBySaleDate;
  OutcomeFilter filter = OutcomeFilter::kAll;
  // Only reservations whose latest revision reports a failed payment (Operator::List; the log
  // itself ignores it).
  bool payment_failed_only = false;
};

// The integration log (SPEC §1.6). Months are civil months in the property's timezone: a sale
// belongs to the month of its local sale date; a stay to every month in which it has a night.
// Thread-safe. Any method may fail STORE_UNAVAILABLE.
class IntegrationLog {
 public:
  virtual ~IntegrationLog() = default;

  // Creates or replaces records (keyed by id()) and keeps the month indexes right when a
  // revision moves the stay. All records of one call are written in one round trip, two when a
  // record changes outcome class or months.
  // `timezone` is the property's IANA zone, used for the sale-month index.
  virtual core::Status Put(const std::vector<IntegrationRecord>& records,
                           std::string_view timezone) = 0;
  // nullopt when chansync never saw that reservation.
  virtual core::Result<std::optional<IntegrationRecord>> Get(const IntegrationKey& key) = 0;
  // Several records in one round trip, in the order of `keys` (nullopt where absent).
  virtual core::Result<std::vector<std::optional<IntegrationRecord>>> GetMany(
      const std::vector<IntegrationKey>& keys) = 0;
  // Records of the month, newest sale first.
  virtual core::Result<std::vector<IntegrationRecord>> List(const IntegrationQuery& query) = 0;

  // Compare-and-set for operators: replaces the stored record of `record.id()` only while its
  // updated_at is still `seen_updated_at` (times are kept to the millisecond), so an operator
  // never overwrites an outcome the worker recorded meanwhile. The reservation's sale time and
  // stay must be those stored (the month indexes stay; the outcome indexes follow the status).
  // NOT_FOUND when absent; CONFLICT when the stored record changed.
  virtual core::Status Replace(const IntegrationRecord& record,
                               core::Timestamp seen_updated_at) = 0;
};

}  // namespace chansync::integration
