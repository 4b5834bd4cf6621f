#include "chansync/planning/nightly/nightly_coordination.h"

namespace chansync::planning::nightly {

core::Result<std::optional<NightlyState>> NightlyCoordination::TryAcquireLeaseAndReadState(
    const core::PropertyId& property, const std::string& owner, std::chrono::milliseconds ttl) {
  ASSIGN_OR_RETURN(const bool acquired, TryAcquireLease(property, owner, ttl));
  if (!acquired) return std::nullopt;
  auto states = States({property});
  if (!states) {
    // Do not keep a lease we cannot use: the caller sees only the error.
    (void)ReleaseLease(property, owner);
    return std::unexpected(states.error());
  }
  return states->front();
}

core::Status NightlyCoordination::MarkNightlyDoneAndRelease(const core::PropertyId& property,
                                                            const std::string& owner,
                                                            core::CivilDate date) {
  auto marked = MarkNightlyDone(property, date);
  auto released = ReleaseLease(property, owner);
  if (!marked) return marked;
  return released;
}

}  // namespace chansync::planning::nightly
