#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "chansync/test/pmssim.h"

// What a postings scenario ends with, counted from the outside: what pmssim's folios booked
// (their balances, each folio's postings, /admin/stats) and what the hub's log says of each
// posting (its day reports over HTTP, docs/postings-api.md).
namespace chansync::test::reliability {

struct FolioCensus {
  std::map<std::string, int64_t> balances;  // by folio id
  // Times each posting was booked, by posting id (the idempotency key less "<property>:"),
  // over every folio.
  std::map<std::string, int64_t> booked;
  int64_t postings = 0;  // /admin/stats: postings booked (replays not counted)
  int64_t replays = 0;   // /admin/stats: repeats of a key answered with the first answer
  // Bookings beyond the first of each posting: a charge taken twice.
  int64_t Duplicates() const;
};
FolioCensus TakeFolioCensus(const PmsSimProcess& pms, const std::string& property);

// The hub's log: the state ("pending", "posted", "failed") of every posting of `days`, by id.
// Empty when a report could not be read.
std::map<std::string, std::string> PostingStates(int http_port, const std::string& key,
                                                 const std::string& property,
                                                 const std::set<std::string>& days);

// Waits until the log holds `count` postings of `days` and none is pending; false after
// `timeout`.
bool WaitUntilSettled(const std::atomic<int>& http_port, const std::string& key,
                      const std::string& property, const std::set<std::string>& days, size_t count,
                      std::chrono::milliseconds timeout);

}  // namespace chansync::test::reliability
