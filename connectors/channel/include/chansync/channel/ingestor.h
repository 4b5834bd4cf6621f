#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chansync/channel/channel_rate_limiter.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/core/reservation.h"

namespace chansync::queue {
class WorkQueue;
}  // namespace chansync::queue

namespace chansync::channel {

class IngestCatalog;

// What a portal gets back for an accepted reservation.
struct Acceptance {
  std::string tracking_id;  // the queue's tracking id, "<shard>/<entry id>"
  std::string id;           // "<property>/<channel>/<channel_reservation_id>"

  friend bool operator==(const Acceptance&, const Acceptance&) = default;
};

// "<property>/<channel>/<channel_reservation_id>": how operators and portals name a reservation.
std::string IntegrationId(const core::Reservation& reservation);

// The reservation gateway's front door (SPEC §1): validates a pushed reservation and puts it on
// the work queue. A reservation is accepted only once it is durably queued, so an Acceptance
// means it will be integrated (or its failure recorded) even if this process dies right after.
// Transport-free: the HTTP and gRPC front ends only translate to and from it.
// With a `limiter`, every pushed reservation that passed validation and the catalog takes a
// token of its channel's bucket; one that finds none is refused RATE_LIMITED (with its retry
// hint). A refused reservation takes no token.
// Thread-safe: holds no mutable state; `queue`, `clock` and `limiter` (may be null: no limit)
// must be thread-safe and outlive it.
class Ingestor {
 public:
  // Without a catalog, every well-formed reservation is queued (the worker then records what
  // names nothing known); with one, a reservation must name a property, a channel selling there
  // and one of that channel's products there. Without a limiter, no rate limit.
  Ingestor(queue::WorkQueue& queue, const core::Clock& clock, IngestCatalog* catalog = nullptr,
           ChannelRateLimiter* limiter = nullptr)
      : queue_(queue), clock_(clock), catalog_(catalog), limiter_(limiter) {}

  // Validates (core::ValidateReceivedReservation at the clock's now: INVALID_RESERVATION naming
  // the field; then the catalog's NOT_FOUND naming the unknown property, channel or product, with
  // nothing stored), admits (RATE_LIMITED: nothing queued; retry after Error::retry_after),
  // stamps `sold_at` with the time of receipt when it was left out (epoch), and
  // enqueues a WorkItem on the reservation's property shard. STORE_UNAVAILABLE (nothing
  // accepted; retry) when the queue's store is unreachable.
  core::Result<Acceptance> Push(core::Reservation reservation) const;

  // Push without waiting for the store: `done` gets what Push would have returned, exactly once.
  // An invalid reservation is answered on the caller's thread before this returns; otherwise
  // `done` runs wherever the queue's EnqueueAsync completes (for GroupCommitQueue, its sender
  // thread), so it must be quick and must not block.
  using PushCompletion = std::move_only_function<void(core::Result<Acceptance>)>;
  void PushAsync(core::Reservation reservation, PushCompletion done) const;

  // One result per input, in order. Each item is admitted on its own: those beyond their
  // channel's limit get RATE_LIMITED. Invalid items get their error; the valid ones are enqueued
  // together in one round trip. When that fails, every valid item gets the store's error
  // (STORE_UNAVAILABLE): none may be assumed accepted, though some may have been stored, so a
  // retry can queue a reservation twice (workers are idempotent per reservation revision).
  std::vector<core::Result<Acceptance>> PushBatch(
      std::vector<core::Reservation> reservations) const;

 private:
  // Validation, the catalog, then the rate limit: what a reservation must pass to be queued.
  core::Status Admit(const core::Reservation& reservation, core::Timestamp now) const;
  // NOT_FOUND unless the catalog (when there is one) knows the property, channel and product.
  core::Status CheckCatalog(const core::Reservation& reservation) const;

  queue::WorkQueue& queue_;
  const core::Clock& clock_;
  IngestCatalog* catalog_;
  ChannelRateLimiter* limiter_;
};

}  // namespace chansync::channel
