#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "planning_book.h"

namespace chansync::portalsim {

struct PortalRequest {
  std::string_view method;
  std::string_view path;  // decoded, without the query
  const std::multimap<std::string, std::string>* query = nullptr;
  std::string_view body;
};

struct PortalResponse {
  int status = 200;
  std::string body;  // JSON
};

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

  PortalResponse Handle(const PortalRequest& request);

 private:
  PortalResponse HandleV1(const PortalRequest& request, std::string_view rest);
  PortalResponse Plan(const std::string& channel, std::string_view body);
  PortalResponse HandleAdmin(const PortalRequest& request, std::string_view rest);
  PortalResponse AdminPlanning(const PortalRequest& request);
  PortalResponse SetFaults(std::string_view body);
  PortalResponse Faults() const;
  PortalResponse Stats() const;

  PlanningBook& book_;
  const int start_latency_ms_;
  const int64_t max_cells_;
  std::atomic<int> latency_ms_;
  std::atomic<int> fail_status_{0};
};

}  // namespace chansync::portalsim
