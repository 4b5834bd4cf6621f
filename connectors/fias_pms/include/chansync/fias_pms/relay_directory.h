#pragma once

#include <string>
#include <vector>

#include "chansync/fias_pms/relay_status.h"

namespace chansync::fias_pms {

// The relay of one property: its FIAS interface ("host:port") and what it did last.
struct PropertyRelay {
  std::string property;
  std::string interface;
  RelayStatus status;
};

// Port: the FIAS relays running in this process, for operators (`chansync pms-link status`,
// the console over gRPC). Thread-safe.
class RelayDirectory {
 public:
  virtual ~RelayDirectory() = default;
  // By property id.
  virtual std::vector<PropertyRelay> Relays() const = 0;
};

}  // namespace chansync::fias_pms
