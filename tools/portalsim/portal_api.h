#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/tools/sim_http.h"
#include "planning_book.h"

namespace chansync::portalsim {

using tools::SimRequest;
using tools::SimResponse;

// The simulator's HTTP API (docs/channel-planning-api.md plus /admin/...), independent of the
// HTTP server. Thread-safe.
class PortalApi {
 public:
  // `latency_ms`: added before answering every /v1 call, until changed by /admin/faults.
  // `max_cells`: larger planning requests are refused with 413 TOO_LARGE.
  PortalApi(PlanningBook& book, int latency_ms, int64_t max_cells)
      : book_(book),
        start_latency_ms_(latency_ms),
        max_cells_(max_cells),
        latency_ms_(latency_ms) {}

  SimResponse Handle(const SimRequest& request);

 private:
  SimResponse HandleV1(const SimRequest& request, std::string_view rest);
  SimResponse Plan(const std::string& channel, std::string_view body);
  SimResponse HandleAdmin(const SimRequest& request, std::string_view rest);
  SimResponse AdminPlanning(const SimRequest& request);
  SimResponse SetFaults(std::string_view body);
  SimResponse Faults() const;
  SimResponse Stats() const;

  PlanningBook& book_;
  const int start_latency_ms_;
  const int64_t max_cells_;
  std::atomic<int> latency_ms_;
  std::atomic<int> fail_status_{0};
};

}  // namespace chansync::portalsim
