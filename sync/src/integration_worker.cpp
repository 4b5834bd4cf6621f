#include "chansync/sync/integration_worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "chansync/channel/work_item.h"
#include "chansync/core/lane_pool.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/link_store.h"
#include "chansync/linking/property_store.h"
#include "chansync/pms/pms.h"
#include "chansync/queue/work_queue.h"
#include "chansync/sync/check_store.h"
#include "chansync/sync/integration_log.h"
#include "chansync/sync/pms_directory.h"
#include "chansync/sync/refresh.h"

namespace chansync::sync {

using core::ErrorCode;

enum class Disposition { kAck, kRetryLater, kDeadLetter };

struct IntegrationWorker::Handled {
  Disposition disposition = Disposition::kAck;
  std::optional<IntegrationRecord> record;  // nullopt: nothing to write (duplicate or stale)
  std::string timezone = "UTC";
  core::Timestamp retry_at{};
  std::string dead_letter_reason;
};

// What a batch reads once, before its reservations are processed in parallel. Read-only
// during processing.
struct BatchContext {
  std::map<core::PropertyId, core::Result<core::Property>> properties;
  // The links of every property of the batch, read once; empty when they could not be read
  // together, and each reservation then resolves on its own (and gets its own error).
  std::map<core::PropertyId, linking::LinkSnapshot> links;
  std::map<std::string, std::optional<IntegrationRecord>> records;  // by IntegrationRecord::id()
  std::map<std::string, channel::WorkItem> items;                   // by DeliveryKey
  std::map<std::string, StoredCheck> checks;  // by CheckLookupId; only the checks found
};

namespace {

// Entry ids are unique within one shard's stream only: XADD on two shards in the same
// millisecond yields the same id, and a batch spans every shard.
std::string DeliveryKey(const queue::Message& message) {
  return std::to_string(message.shard) + "/" + message.id;
}

std::string RecordId(const core::Reservation& r) {
  return r.property + "/" + r.channel + "/" + r.channel_reservation_id;
}

std::string CheckLookupId(const core::PropertyId& property, const std::string& check_id) {
  return property + "/" + check_id;
}

// SPEC §1.6: TRUE only for a check that said AVAILABLE for this very sale.
AvailabilityCheck CheckedAvailability(const core::Reservation& r, const BatchContext& context) {
  if (r.check_id.empty()) return AvailabilityCheck::kError;
  auto it = context.checks.find(CheckLookupId(r.property, r.check_id));
  if (it == context.checks.end()) return AvailabilityCheck::kError;
  const StoredCheck& check = it->second;
  const bool matches = check.outcome == channel::CheckOutcome::kAvailable &&
                       check.property == r.property && check.channel == r.channel &&
                       check.product == r.product && check.stay == r.stay;
  return matches ? AvailabilityCheck::kTrue : AvailabilityCheck::kError;
}

std::vector<pms::OptionQuantity> ToPmsOptions(const linking::Resolution& resolution) {
  std::vector<pms::OptionQuantity> options;
  for (const auto& o : resolution.options) options.push_back({o.pms_option, o.quantity});
  return options;
}

thread_local std::mt19937_64 random_engine{std::random_device{}()};

double UnitRandom() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_engine); }

}  // namespace

std::chrono::milliseconds RetryBackoff(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds max, double unit_random) {
  const double ceiling =
      std::min(static_cast<double>(max.count()),
               static_cast<double>(base.count()) * std::pow(2.0, std::max(0, attempt - 1)));
  // Never zero: a retry scheduled "now" would spin on a PMS that is down.
  return std::chrono::milliseconds(
      std::max<int64_t>(base.count() / 4, static_cast<int64_t>(ceiling * unit_random)));
}

std::string IntegrationWorker::IdempotencyKey(const std::string& channel,
                                              const std::string& channel_reservation_id,
                                              int64_t revision, bool overbooking) {
  // An operator's overbooking is another request than the refused one, so another key.
  return channel + ":" + channel_reservation_id + ":r" + std::to_string(revision) +
         (overbooking ? ":overbook" : "");
}

IntegrationWorker::IntegrationWorker(queue::WorkQueue& queue, linking::PropertyStore& properties,
                                     linking::LinkRegistry& registry, PmsDirectory& pms,
                                     IntegrationLog& log, CheckStore& checks,
                                     const core::Clock& clock, IntegrationWorkerOptions options)
    : queue_(queue),
      properties_(properties),
      registry_(registry),
      pms_(pms),
      log_(log),
      checks_(checks),
      clock_(clock),
      options_(std::move(options)) {}

IntegrationWorker::~IntegrationWorker() = default;

IntegrationWorker::Handled IntegrationWorker::Process(const queue::Message& message,
                                                      BatchContext& context) {
  Handled handled;
  auto item_it = context.items.find(DeliveryKey(message));
  if (item_it == context.items.end()) {
    handled.disposition = Disposition::kDeadLetter;
    handled.dead_letter_reason = "payload is not a work item";
    return handled;
  }
  const channel::WorkItem& item = item_it->second;
  const core::Reservation& r = item.reservation;
  const core::Timestamp now = clock_.Now();
  const auto& existing = context.records.at(RecordId(r));

  if (existing) {
    // A redelivery, a duplicate push or an older revision arriving late: the PMS already has
    // this revision or a newer one.
    const bool stale = r.revision < existing->reservation.revision;
    const bool done = r.revision <= existing->integrated_revision && !item.forced;
    if (stale || done) return handled;
  }
  IntegrationRecord record = existing.value_or(IntegrationRecord{});
  if (!existing || r.revision > record.reservation.revision || item.forced) record.attempts = 0;
  record.reservation = r;
  record.tracking_id = message.tracking_id;
  record.received_at = item.received_at;
  record.updated_at = now;
  record.availability_check = CheckedAvailability(r, context);

  auto finish = [&](IntegrationStatus status, std::optional<core::Error> error) {
    record.status = status;
    record.error = std::move(error);
    handled.record = record;
    return handled;
  };

  const auto& property = context.properties.at(r.property);
  if (!property) {
    if (property.error().code == ErrorCode::kNotFound) {
      return finish(IntegrationStatus::kFailed,
                    core::Error{ErrorCode::kInvalidReservation,
                                "property " + r.property + " is not known to chansync"});
    }
    handled.disposition = Disposition::kRetryLater;
    handled.retry_at = now + options_.backoff_base;
    return finish(IntegrationStatus::kPending, property.error());
  }
  handled.timezone = property->timezone;
  if (property->mode == core::GatewayMode::kClassic) {
    return finish(
        IntegrationStatus::kNotIntegrated,
        core::Error{ErrorCode::kGatewayClassicMode,
                    "the gateway of " + r.property +
                        " is in classic mode: the property manages this channel by hand"});
  }
  if (!property->levels.auto_integration && !item.forced) {
    return finish(
        IntegrationStatus::kPending,
        core::Error{ErrorCode::kAwaitingOperator, "automatic integration is off for " + r.property +
                                                      ": waiting for an operator (chansync force " +
                                                      record.id() + ")"});
  }

  auto transient_or_failed = [&](const core::Error& error) {
    if (core::RetryClassOf(error.code) == core::RetryClass::kRetryWithBackoff &&
        record.attempts < options_.max_pms_attempts) {
      handled.disposition = Disposition::kRetryLater;
      handled.retry_at = now + RetryBackoff(record.attempts, options_.backoff_base,
                                            options_.backoff_max, UnitRandom());
      return finish(IntegrationStatus::kPending, error);
    }
    core::Error final_error = error;
    if (core::RetryClassOf(error.code) == core::RetryClass::kRetryWithBackoff) {
      final_error.message += " (gave up after " + std::to_string(record.attempts) + " attempts)";
    }
    return finish(IntegrationStatus::kFailed, final_error);
  };

  auto pms = pms_.For(*property);
  if (!pms) return finish(IntegrationStatus::kFailed, pms.error());

  // Links as of the start of the batch: a link made or removed while the batch runs counts for
  // the next batch, as it would for a reservation that arrived a moment earlier.
  auto resolve = [&](const core::Reservation& reservation) {
    auto links = context.links.find(reservation.property);
    return links == context.links.end()
               ? registry_.Resolve(reservation)
               : linking::LinkRegistry::ResolveIn(links->second, reservation);
  };

  // The PMS product a (possibly earlier) revision occupies, from its product link alone: an
  // option link removed since must not hide which units were freed or taken.
  auto notify_pms_change = [&](const core::Reservation& changed) {
    if (options_.pms_changes == nullptr) return;
    core::Reservation product_only = changed;
    product_only.options.clear();
    if (auto resolved = resolve(product_only)) {
      options_.pms_changes->PmsReservationChanged(changed.property, resolved->pms_product,
                                                  changed.stay);
    }
  };

  auto integrated = [&](std::string pms_id, bool overbooked) {
    record.pms_reservation_id = std::move(pms_id);
    record.overbooked = record.overbooked || overbooked;
    record.integrated_revision = r.revision;
    record.integrated_at = now;
    return finish(IntegrationStatus::kIntegrated, std::nullopt);
  };

  if (r.status == core::ReservationStatus::kCancelled) {
    if (record.pms_reservation_id.empty()) return integrated("", false);  // nothing in the PMS
    ++record.attempts;
    auto cancelled = (*pms)->CancelReservation(r.property, record.pms_reservation_id);
    if (!cancelled) return transient_or_failed(cancelled.error());
    notify_pms_change(existing ? existing->reservation : r);
    return integrated(record.pms_reservation_id, false);
  }

  auto resolution = resolve(r);
  if (!resolution) return transient_or_failed(resolution.error());

  const bool overbooking = item.forced && item.allow_overbooking;
  const std::string key =
      IdempotencyKey(r.channel, r.channel_reservation_id, r.revision, overbooking);
  ++record.attempts;
  if (record.pms_reservation_id.empty()) {
    // No separate availability call first: the PMS re-checks every night and takes the units
    // in the create itself (docs/pms-api.md), which a check-then-create could not guarantee.
    pms::CreateReservationRequest request{
        .idempotency_key = key,
        .channel = r.channel,
        .channel_reservation_id = r.channel_reservation_id,
        .product = resolution->pms_product,
        .options = ToPmsOptions(*resolution),
        .stay = r.stay,
        .guest_name = r.guest_name,
        .price = r.price,
        .allow_overbooking = overbooking,
    };
    auto created = (*pms)->CreateReservation(r.property, request);
    if (!created) {
      if (created.error().code == ErrorCode::kNoAvailability) {
        core::Error error = created.error();
        error.message += "; chansync force --allow-overbooking integrates it anyway";
        return finish(IntegrationStatus::kFailed, error);
      }
      return transient_or_failed(created.error());
    }
    notify_pms_change(r);
    return integrated(created->pms_reservation_id, created->overbooked);
  }
  pms::ModifyReservationRequest request{
      .idempotency_key = key,
      .pms_reservation_id = record.pms_reservation_id,
      .product = resolution->pms_product,
      .options = ToPmsOptions(*resolution),
      .stay = r.stay,
      .guest_name = r.guest_name,
      .price = r.price,
      .allow_overbooking = overbooking,
  };
  auto modified = (*pms)->ModifyReservation(r.property, request);
  if (!modified) {
    if (modified.error().code == ErrorCode::kNoAvailability) {
      return finish(IntegrationStatus::kFailed, modified.error());
    }
    return transient_or_failed(modified.error());
  }
  if (existing) notify_pms_change(existing->reservation);  // the nights and units it freed
  notify_pms_change(r);
  return integrated(record.pms_reservation_id, modified->overbooked);
}

core::Result<size_t> IntegrationWorker::RunOnce() {
  auto claimed = queue_.Claim(options_.consumer, options_.batch_size, options_.block);
  if (!claimed) return std::unexpected(claimed.error());
  std::vector<queue::Message>& messages = *claimed;
  if (messages.empty()) return size_t{0};

  BatchContext context;
  std::vector<core::PropertyId> property_ids;
  std::vector<IntegrationKey> keys;
  std::vector<CheckKey> check_keys;
  std::set<std::string> check_ids;
  for (const auto& m : messages) {
    auto item = channel::WorkItemFromJson(m.payload);
    if (!item) continue;  // dead-lettered in Process
    const core::Reservation& r = item->reservation;
    if (std::find(property_ids.begin(), property_ids.end(), r.property) == property_ids.end()) {
      property_ids.push_back(r.property);
    }
    const std::string id = RecordId(r);
    if (!context.records.contains(id)) {
      context.records[id] = std::nullopt;
      keys.push_back({r.property, r.channel, r.channel_reservation_id});
    }
    // A check id is portal input and becomes part of a key: a malformed one names no check.
    if (!r.check_id.empty() && core::ValidateId("check_id", r.check_id) &&
        check_ids.insert(CheckLookupId(r.property, r.check_id)).second) {
      check_keys.push_back({r.property, r.check_id});
    }
    context.items.emplace(DeliveryKey(m), std::move(*item));
  }
  auto loaded = properties_.GetProperties(property_ids);
  if (!loaded) return std::unexpected(loaded.error());
  std::vector<core::PropertyId> known;
  for (size_t i = 0; i < property_ids.size(); ++i) {
    if ((*loaded)[i]) known.push_back(property_ids[i]);
    context.properties.emplace(property_ids[i], std::move((*loaded)[i]));
  }
  auto links = registry_.Snapshots(known);
  if (!links && links.error().code == ErrorCode::kStoreUnavailable) {
    return std::unexpected(links.error());
  }
  for (size_t i = 0; links && i < known.size(); ++i) {
    context.links.emplace(known[i], std::move((*links)[i]));
  }
  if (!keys.empty()) {
    auto records = log_.GetMany(keys);
    if (!records) return std::unexpected(records.error());
    for (size_t i = 0; i < keys.size(); ++i) {
      context.records[keys[i].property + "/" + keys[i].channel + "/" +
                      keys[i].channel_reservation_id] = std::move((*records)[i]);
    }
  }
  if (!check_keys.empty()) {
    auto checks = checks_.GetMany(check_keys);
    if (!checks && checks.error().code == ErrorCode::kStoreUnavailable) {
      return std::unexpected(checks.error());
    }
    // Unreadable checks prove nothing: the records say ERROR rather than stall the batch.
    if (!checks) spdlog::warn("availability checks unreadable: {}", checks.error().ToString());
    for (size_t i = 0; checks && i < check_keys.size(); ++i) {
      if ((*checks)[i]) {
        context.checks.emplace(CheckLookupId(check_keys[i].property, check_keys[i].check_id),
                               std::move(*(*checks)[i]));
      }
    }
  }

  // Messages of one reservation stay in one lane, in revision order, so a lane sees the record
  // its own earlier message produced; different reservations run in parallel lanes.
  std::map<std::string, std::vector<size_t>> by_reservation;
  for (size_t i = 0; i < messages.size(); ++i) {
    auto it = context.items.find(DeliveryKey(messages[i]));
    by_reservation[it == context.items.end() ? "~" + DeliveryKey(messages[i])
                                             : RecordId(it->second.reservation)]
        .push_back(i);
  }
  for (auto& [id, indexes] : by_reservation) {
    std::stable_sort(indexes.begin(), indexes.end(), [&](size_t a, size_t b) {
      auto ia = context.items.find(DeliveryKey(messages[a]));
      auto ib = context.items.find(DeliveryKey(messages[b]));
      if (ia == context.items.end() || ib == context.items.end()) return false;
      return ia->second.reservation.revision < ib->second.reservation.revision;
    });
  }
  std::vector<std::vector<size_t>> groups;
  for (auto& [id, indexes] : by_reservation) groups.push_back(std::move(indexes));

  // No lock: every record key exists before the lanes start and belongs to one lane, so lanes
  // only read and assign values of their own keys and never change the map's shape.
  std::vector<Handled> handled(messages.size());
  auto run_group = [&](const std::vector<size_t>& group) {
    for (size_t index : group) {
      handled[index] = Process(messages[index], context);
      if (handled[index].record)
        context.records.at(handled[index].record->id()) = handled[index].record;
    }
  };
  if (options_.parallelism <= 1 || groups.size() <= 1) {
    for (const auto& group : groups) run_group(group);
  } else {
    if (!lanes_) lanes_ = std::make_unique<core::LanePool>(options_.parallelism);
    lanes_->Run(groups.size(), [&](size_t g) { run_group(groups[g]); });
  }

  // Record everything, then acknowledge: a crash in between redelivers, and the log plus the
  // idempotency keys make the second pass a no-op.
  std::map<std::string, std::vector<IntegrationRecord>> by_timezone;
  for (const auto& h : handled) {
    if (h.record) by_timezone[h.timezone].push_back(*h.record);
  }
  for (const auto& [timezone, records] : by_timezone) {
    if (auto s = log_.Put(records, timezone); !s) return std::unexpected(s.error());
  }
  std::vector<queue::Message> acks;
  for (size_t i = 0; i < messages.size(); ++i) {
    switch (handled[i].disposition) {
      case Disposition::kAck:
        acks.push_back(messages[i]);
        break;
      case Disposition::kRetryLater:
        if (auto s = queue_.RetryLater(messages[i], handled[i].retry_at); !s) {
          return std::unexpected(s.error());
        }
        break;
      case Disposition::kDeadLetter:
        spdlog::warn("dead-lettering message {}: {}", messages[i].id,
                     handled[i].dead_letter_reason);
        if (auto s = queue_.DeadLetter(messages[i], handled[i].dead_letter_reason); !s) {
          return std::unexpected(s.error());
        }
        break;
    }
  }
  if (!acks.empty()) {
    if (auto s = queue_.Ack(acks); !s) return std::unexpected(s.error());
  }
  return messages.size();
}

void IntegrationWorker::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto processed = RunOnce();
    if (!processed) {
      spdlog::warn("integration worker {}: {}", options_.consumer, processed.error().ToString());
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
}

}  // namespace chansync::sync
