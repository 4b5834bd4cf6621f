#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace chansync::fias_pms {

// One message of the relay's diagnostics: the record (as written on the wire, unframed), when,
// and for a failure why.
struct RelayEvent {
  std::string record;
  std::chrono::system_clock::time_point at{};
  std::string reason;
};

// What an operator reads of a property's FIAS relay: OK while the link is alive, else down
// since `since` for `link_failure`; and the last posting sent, acknowledged (any PA), booked
// (PA OK) and failed (a refusal, or a link lost before its answer).
struct RelayStatus {
  bool ok = false;
  std::chrono::system_clock::time_point since{};
  std::string link_failure;
  int64_t connections = 0;
  int64_t outstanding = 0;  // postings sent whose answer has not come, as last seen
  std::optional<RelayEvent> last_sent;
  std::optional<RelayEvent> last_acknowledged;
  std::optional<RelayEvent> last_success;
  std::optional<RelayEvent> last_failure;
};

}  // namespace chansync::fias_pms
