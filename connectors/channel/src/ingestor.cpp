#include "chansync/channel/ingestor.h"

#include <algorithm>
#include <utility>

#include "chansync/channel/ingest_catalog.h"
#include "chansync/channel/work_item.h"
#include "chansync/queue/work_queue.h"

namespace chansync::channel {
namespace {

// Portals may leave sold_at out; the moment we received it is the best sale date we have.
WorkItem Envelope(core::Reservation reservation, core::Timestamp now) {
  if (reservation.sold_at == core::Timestamp{}) reservation.sold_at = now;
  WorkItem item;
  item.reservation = std::move(reservation);
  item.received_at = now;
  return item;
}

}  // namespace

std::string IntegrationId(const core::Reservation& reservation) {
  return reservation.property + "/" + reservation.channel + "/" +
         reservation.channel_reservation_id;
}

// The rate limit comes last: a refused reservation would be refused whatever the channel's pace,
// so it takes no token from the ones the channel sends right.
core::Status Ingestor::Admit(const core::Reservation& reservation, core::Timestamp now) const {
  RETURN_IF_ERROR(core::ValidateReceivedReservation(reservation, now));
  RETURN_IF_ERROR(CheckCatalog(reservation));
  if (limiter_ != nullptr) RETURN_IF_ERROR(limiter_->Admit(reservation.channel));
  return core::Ok();
}

core::Status Ingestor::CheckCatalog(const core::Reservation& reservation) const {
  if (catalog_ == nullptr) return core::Ok();
  ASSIGN_OR_RETURN(const auto products,
                   catalog_->ChannelProducts(reservation.property, reservation.channel));
  if (products.empty()) {
    return core::Fail(
        core::ErrorCode::kNotFound,
        "channel " + reservation.channel + " sells nothing at property " + reservation.property);
  }
  if (std::find(products.begin(), products.end(), reservation.product) == products.end()) {
    return core::Fail(core::ErrorCode::kNotFound,
                      "product " + reservation.product + " is not one channel " +
                          reservation.channel + " declared at property " + reservation.property);
  }
  return core::Ok();
}

core::Result<Acceptance> Ingestor::Push(core::Reservation reservation) const {
  const core::Timestamp now = clock_.Now();
  RETURN_IF_ERROR(Admit(reservation, now));
  const WorkItem item = Envelope(std::move(reservation), now);
  ASSIGN_OR_RETURN(auto tracking_id, queue_.Enqueue(ShardKeyOf(item), WorkItemToJson(item)));
  return Acceptance{std::move(tracking_id), IntegrationId(item.reservation)};
}

void Ingestor::PushAsync(core::Reservation reservation, PushCompletion done) const {
  const core::Timestamp now = clock_.Now();
  if (auto admitted = Admit(reservation, now); !admitted) {
    return done(std::unexpected(admitted.error()));
  }
  const WorkItem item = Envelope(std::move(reservation), now);
  queue_.EnqueueAsync(queue::EnqueueItem{ShardKeyOf(item), WorkItemToJson(item)},
                      [id = IntegrationId(item.reservation),
                       done = std::move(done)](core::Result<std::string> tracking_id) mutable {
                        if (!tracking_id) return done(std::unexpected(tracking_id.error()));
                        done(Acceptance{std::move(*tracking_id), std::move(id)});
                      });
}

std::vector<core::Result<Acceptance>> Ingestor::PushBatch(
    std::vector<core::Reservation> reservations) const {
  std::vector<core::Result<Acceptance>> results;
  results.reserve(reservations.size());
  std::vector<queue::EnqueueItem> batch;
  std::vector<size_t> batch_positions;
  const core::Timestamp now = clock_.Now();
  for (auto& reservation : reservations) {
    if (auto admitted = Admit(reservation, now); !admitted) {
      results.emplace_back(std::unexpected(admitted.error()));
      continue;
    }
    const WorkItem item = Envelope(std::move(reservation), now);
    batch_positions.push_back(results.size());
    results.emplace_back(Acceptance{{}, IntegrationId(item.reservation)});
    batch.push_back({ShardKeyOf(item), WorkItemToJson(item)});
  }
  if (batch.empty()) return results;

  auto tracking_ids = queue_.EnqueueBatch(batch);
  if (tracking_ids && tracking_ids->size() != batch.size()) {
    tracking_ids = core::Fail(core::ErrorCode::kInternal,
                              "the queue answered " + std::to_string(tracking_ids->size()) +
                                  " tracking ids for " + std::to_string(batch.size()) + " items");
  }
  for (size_t i = 0; i < batch_positions.size(); ++i) {
    auto& result = results[batch_positions[i]];
    if (tracking_ids) {
      result->tracking_id = std::move((*tracking_ids)[i]);
    } else {
      result = std::unexpected(tracking_ids.error());
    }
  }
  return results;
}

}  // namespace chansync::channel
