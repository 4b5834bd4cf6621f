#include "chansync/planning/nightly/testing/in_memory_nightly_coordination.h"

namespace chansync::planning::nightly::testing {
namespace {

core::Status CheckLeaseArgs(const std::string& owner, std::chrono::milliseconds ttl) {
  if (owner.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "lease owner is empty");
  if (ttl < std::chrono::milliseconds(1)) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "lease ttl must be at least 1 ms");
  }
  return core::Ok();
}

}  // namespace

core::Status InMemoryNightlyCoordination::CheckAvailable() const {
  if (unavailable_) return core::Fail(core::ErrorCode::kStoreUnavailable, "store is down");
  return core::Ok();
}

InMemoryNightlyCoordination::Lease* InMemoryNightlyCoordination::LiveLease(
    const core::PropertyId& property) {
  auto it = leases_.find(property);
  if (it == leases_.end()) return nullptr;
  if (clock_.SteadyNow() >= it->second.expires_at) {
    leases_.erase(it);
    return nullptr;
  }
  return &it->second;
}

core::Result<bool> InMemoryNightlyCoordination::TryAcquireLease(const core::PropertyId& property,
                                                                const std::string& owner,
                                                                std::chrono::milliseconds ttl) {
  RETURN_IF_ERROR(CheckLeaseArgs(owner, ttl));
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  if (LiveLease(property) != nullptr) return false;
  leases_[property] = Lease{owner, clock_.SteadyNow() + ttl};
  return true;
}

core::Result<bool> InMemoryNightlyCoordination::RenewLease(const core::PropertyId& property,
                                                           const std::string& owner,
                                                           std::chrono::milliseconds ttl) {
  RETURN_IF_ERROR(CheckLeaseArgs(owner, ttl));
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  Lease* lease = LiveLease(property);
  if (lease == nullptr || lease->owner != owner) return false;
  lease->expires_at = clock_.SteadyNow() + ttl;
  return true;
}

core::Status InMemoryNightlyCoordination::ReleaseLease(const core::PropertyId& property,
                                                       const std::string& owner) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  Lease* lease = LiveLease(property);
  if (lease != nullptr && lease->owner == owner) leases_.erase(property);
  return core::Ok();
}

core::Result<std::optional<core::CivilDate>> InMemoryNightlyCoordination::LastNightlyDone(
    const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  auto it = states_.find(property);
  if (it == states_.end()) return std::nullopt;
  return it->second.last_done;
}

core::Status InMemoryNightlyCoordination::MarkNightlyDone(const core::PropertyId& property,
                                                          core::CivilDate date) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  NightlyState& state = states_[property];
  if (!state.last_done || *state.last_done < date) state.last_done = date;
  state.retry_not_before.reset();
  return core::Ok();
}

core::Result<std::optional<std::chrono::system_clock::time_point>>
InMemoryNightlyCoordination::RetryNotBefore(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  auto it = states_.find(property);
  if (it == states_.end()) return std::nullopt;
  return it->second.retry_not_before;
}

core::Status InMemoryNightlyCoordination::SetRetryNotBefore(
    const core::PropertyId& property, std::chrono::system_clock::time_point at) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  states_[property].retry_not_before = at;
  return core::Ok();
}

core::Result<std::vector<NightlyState>> InMemoryNightlyCoordination::States(
    const std::vector<core::PropertyId>& properties) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckAvailable());
  ++states_calls_;
  std::vector<NightlyState> states;
  states.reserve(properties.size());
  for (const auto& property : properties) {
    auto it = states_.find(property);
    states.push_back(it == states_.end() ? NightlyState{} : it->second);
  }
  return states;
}

std::string InMemoryNightlyCoordination::LeaseHolder(const core::PropertyId& property) const {
  std::lock_guard lock(mutex_);
  auto it = leases_.find(property);
  if (it == leases_.end() || clock_.SteadyNow() >= it->second.expires_at) return "";
  return it->second.owner;
}

void InMemoryNightlyCoordination::SetUnavailable(bool unavailable) {
  std::lock_guard lock(mutex_);
  unavailable_ = unavailable;
}

int InMemoryNightlyCoordination::states_calls() const {
  std::lock_guard lock(mutex_);
  return states_calls_;
}

}  // namespace chansync::planning::nightly::testing
