#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chansync/integration/integration_log.h"
#include "chansync/test/pmssim.h"

// What a scenario ends with, counted from the outside: what the PMS holds (pmssim's reservation
// list and /admin/stats) and what the integration log holds, per channel reservation.
namespace chansync::test::reliability {

struct ReservationRef {
  std::string channel;
  std::string id;  // the channel's reservation id
  auto operator<=>(const ReservationRef&) const = default;
};

struct PmsHolding {
  std::string pms_id;
  std::string status;     // "confirmed", "cancelled"
  std::string departure;  // YYYY-MM-DD
};

struct PmsCensus {
  std::map<ReservationRef, std::vector<PmsHolding>> held;  // oldest first
  size_t reservations = 0;
  int64_t creates = 0;  // creates the PMS made (idempotent replays not counted)
  int64_t overbookings = 0;
  // PMS reservations beyond the first of each channel reservation: second bookings.
  size_t Duplicates() const;
  const PmsHolding* Find(const ReservationRef& ref) const;
};
PmsCensus TakePmsCensus(const PmsSimProcess& pms);

// The log's records of `refs`, in their order (nullopt: no record).
std::vector<std::optional<integration::IntegrationRecord>> ReadLog(
    integration::IntegrationLog& log, const std::vector<ReservationRef>& refs);
bool IsIntegrated(const std::optional<integration::IntegrationRecord>& record);

// Waits until every one of `refs` is integrated; false after `timeout`.
bool WaitUntilIntegrated(integration::IntegrationLog& log, const std::vector<ReservationRef>& refs,
                         std::chrono::milliseconds timeout);

// The figures a scenario prints for docs/RELIABILITY.md, one line per run.
struct Figures {
  std::string scenario;
  int run = 0;
  int64_t pushed = 0;      // push attempts, retries included
  int64_t accepted = 0;    // distinct reservations (or revisions) answered 202 / OK
  int64_t in_pms = 0;      // distinct channel reservations the PMS holds
  int64_t in_log = 0;      // integrated records in the log
  int64_t duplicates = 0;  // PMS reservations beyond one per channel reservation
  int64_t lost = 0;        // accepted, yet neither integrated in the log nor held by the PMS
  std::string detail;      // what else the scenario measured
  std::string Line() const;
  // Sets in_pms, duplicates, in_log and lost from what the PMS and the log hold of `refs` (all
  // accepted).
  void CountHoldings(const PmsCensus& pms, const std::vector<ReservationRef>& refs,
                     const std::vector<std::optional<integration::IntegrationRecord>>& records);
};

// Expects each of `count` accepted ones once in the log and once in the PMS: none doubled, none
// lost.
void ExpectEachOnce(const Figures& figures, int64_t count);

}  // namespace chansync::test::reliability
