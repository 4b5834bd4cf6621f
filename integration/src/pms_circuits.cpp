#include "chansync/integration/pms_circuits.h"

#include <algorithm>

namespace chansync::integration {

PmsCircuits::PmsCircuits(PmsCircuitOptions options) : options_(options) {}

bool PmsCircuits::IsOutage(const core::Error& error) {
  return error.code == core::ErrorCode::kPmsUnavailable ||
         error.code == core::ErrorCode::kDeadlineExceeded;
}

std::chrono::milliseconds PmsCircuits::ProbeBackoff(int failed_probes) const {
  // Doubling stops at the cap well before it could overflow.
  std::chrono::milliseconds backoff = options_.probe_backoff_base;
  for (int i = 1; i < failed_probes && backoff < options_.probe_backoff_max; ++i) backoff *= 2;
  return std::min(backoff, options_.probe_backoff_max);
}

PmsGate PmsCircuits::Enter(const core::PropertyId& property, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(property);
  if (it == open_.end()) return {};
  Open& open = it->second;
  if (now < open.next_probe_at) {
    return {PmsGate::Kind::kWait, open.down_since, open.next_probe_at};
  }
  // Hold the others back while this caller probes; a prober that never reports back only
  // delays the next probe by this much.
  open.next_probe_at = now + options_.probe_deadline;
  return {PmsGate::Kind::kProbe, open.down_since, open.next_probe_at};
}

void PmsCircuits::Answered(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  open_.erase(property);
}

PmsGate PmsCircuits::NotAnswering(const core::PropertyId& property, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  Open& open = open_.try_emplace(property, Open{.down_since = now}).first->second;
  ++open.failed_probes;
  open.next_probe_at = now + ProbeBackoff(open.failed_probes);
  return {PmsGate::Kind::kWait, open.down_since, open.next_probe_at};
}

std::optional<PmsCircuits::Open> PmsCircuits::OpenCircuit(const core::PropertyId& property) const {
  std::lock_guard lock(mutex_);
  auto it = open_.find(property);
  if (it == open_.end()) return std::nullopt;
  return it->second;
}

}  // namespace chansync::integration
