#include "chansync/integration/integration_worker.h"

#include <absl/time/time.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "chansync/channel/work_item.h"
#include "chansync/core/lane_pool.h"
#include "chansync/core/reservation_json.h"
#include "chansync/integration/check_store.h"
#include "chansync/integration/integration_log.h"
#include "chansync/integration/pms_adoption.h"
#include "chansync/integration/pms_change_listener.h"
#include "chansync/integration/pms_circuits.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/link_store.h"
#include "chansync/linking/property_store.h"
#include "chansync/pms/pms.h"
#include "chansync/pms/pms_directory.h"
#include "chansync/queue/work_queue.h"

namespace chansync::integration {

using core::ErrorCode;

// kPostpone: set aside untried (its PMS is not answering), not counted as a delivery.
enum class Disposition { kAck, kRetryLater, kPostpone, kDeadLetter };

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
  // What the PMS holds of the reservations whose record names no PMS reservation (or that have
  // no record), by IntegrationRecord::id(); only those looked up (LookUpWithoutPmsId).
  std::map<std::string, core::Result<std::vector<pms::PmsReservation>>> in_pms;
  // The properties whose PMS did not answer the lookups, or whose circuit kept them from being
  // made: their reservations without a PMS reservation wait behind this gate.
  std::map<core::PropertyId, PmsGate> not_answering;
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
                                     linking::LinkRegistry& registry, pms::PmsDirectory& pms,
                                     IntegrationLog& log, CheckStore& checks,
                                     const core::Clock& clock, IntegrationWorkerOptions options)
    : queue_(queue),
      properties_(properties),
      registry_(registry),
      pms_(pms),
      log_(log),
      checks_(checks),
      clock_(clock),
      options_(std::move(options)),
      own_circuits_(options_.circuits == nullptr ? std::make_unique<PmsCircuits>() : nullptr),
      circuits_(options_.circuits == nullptr ? *own_circuits_ : *options_.circuits) {}

IntegrationWorker::~IntegrationWorker() = default;

// One message on its way through a batch: what was decided before the PMS write, the write
// itself while one is due, and what its answer turns into.
struct IntegrationWorker::Step {
  Handled handled;
  IntegrationRecord record;
  core::Timestamp now{};
  pms::Pms* pms = nullptr;
  std::optional<pms::ReservationWrite> write;  // the PMS write still to make; none once settled
  // The revision the PMS held before a modify or cancel: the nights and units it gives back.
  std::optional<core::Reservation> previous;

  void Settle(IntegrationStatus status, std::optional<core::Error> error,
              std::optional<core::Timestamp> next_attempt_at = std::nullopt,
              std::optional<core::Timestamp> waiting_since = std::nullopt) {
    record.status = status;
    record.error = std::move(error);
    record.next_attempt_at = next_attempt_at;
    record.waiting_since = waiting_since;
    handled.record = record;
    write.reset();
  }

  // Pending, delivered again at `at`; the delivery counts towards the queue's maximum.
  void RetryAt(core::Error error, core::Timestamp at) {
    handled.disposition = Disposition::kRetryLater;
    handled.retry_at = at;
    Settle(IntegrationStatus::kPending, std::move(error), at);
  }

  // Pending, set aside untried until `at` while its PMS is not answering.
  void WaitUntil(core::Error error, core::Timestamp since, core::Timestamp at) {
    handled.disposition = Disposition::kPostpone;
    handled.retry_at = at;
    Settle(IntegrationStatus::kPending, std::move(error), at, since);
  }

  void Integrated(std::string pms_id, bool overbooked) {
    record.pms_reservation_id = std::move(pms_id);
    record.overbooked = record.overbooked || overbooked;
    record.integrated_revision = record.reservation.revision;
    record.integrated_at = now;
    Settle(IntegrationStatus::kIntegrated, std::nullopt);
  }
};

void IntegrationWorker::RetryOrFail(Step& step, const core::Error& error) const {
  const bool transient = core::IsRetried(core::RetryClassOf(error.code));
  if (transient && step.record.attempts < options_.max_pms_attempts) {
    step.RetryAt(error, step.now + RetryBackoff(step.record.attempts, options_.backoff_base,
                                                options_.backoff_max, UnitRandom()));
    return;
  }
  core::Error final_error = error;
  if (transient) {
    final_error.message += " (gave up after " + std::to_string(step.record.attempts) + " attempts)";
  }
  step.Settle(IntegrationStatus::kFailed, final_error);
}

// Links as of the start of the batch: a link made or removed while the batch runs counts for
// the next batch, as it would for a reservation that arrived a moment earlier.
core::Result<linking::Resolution> IntegrationWorker::Resolve(const core::Reservation& reservation,
                                                             const BatchContext& context) {
  auto links = context.links.find(reservation.property);
  return links == context.links.end()
             ? registry_.Resolve(reservation)
             : linking::LinkRegistry::ResolveIn(links->second, reservation);
}

// The PMS product a (possibly earlier) revision occupies, from its product link alone: an option
// link removed since must not hide which units were freed or taken.
void IntegrationWorker::NotifyPmsChange(const core::Reservation& changed,
                                        const BatchContext& context) {
  if (options_.pms_changes == nullptr) return;
  core::Reservation product_only = changed;
  product_only.options.clear();
  if (auto resolved = Resolve(product_only, context)) {
    options_.pms_changes->PmsReservationChanged(changed.property, resolved->pms_product,
                                                changed.stay);
  }
}

IntegrationWorker::Step IntegrationWorker::Begin(const queue::Message& message,
                                                 BatchContext& context) {
  Step step;
  auto item_it = context.items.find(DeliveryKey(message));
  if (item_it == context.items.end()) {
    step.handled.disposition = Disposition::kDeadLetter;
    step.handled.dead_letter_reason = "payload is not a work item";
    return step;
  }
  const channel::WorkItem& item = item_it->second;
  const core::Reservation& r = item.reservation;
  step.now = clock_.Now();
  const auto& existing = context.records.at(RecordId(r));

  if (existing) {
    // A redelivery, a duplicate push or an older revision arriving late: the PMS already has
    // this revision or a newer one.
    const bool stale = r.revision < existing->reservation.revision;
    const bool done = r.revision <= existing->integrated_revision && !item.forced;
    if (stale || done) return step;
  }
  IntegrationRecord& record = step.record;
  record = existing.value_or(IntegrationRecord{});
  if (!existing || r.revision > record.reservation.revision || item.forced) {
    record.attempts = 0;
    record.waiting_since.reset();
  }
  record.reservation = r;
  record.tracking_id = message.tracking_id;
  record.received_at = item.received_at;
  record.updated_at = step.now;
  record.availability_check = CheckedAvailability(r, context);

  const auto& property = context.properties.at(r.property);
  if (!property) {
    if (property.error().code == ErrorCode::kNotFound) {
      step.Settle(IntegrationStatus::kFailed,
                  core::Error{ErrorCode::kInvalidReservation,
                              "property " + r.property + " is not known to chansync"});
      return step;
    }
    step.RetryAt(property.error(), step.now + options_.backoff_base);
    return step;
  }
  step.handled.timezone = property->timezone;
  if (property->mode == core::GatewayMode::kClassic) {
    step.Settle(IntegrationStatus::kNotIntegrated,
                core::Error{ErrorCode::kGatewayClassicMode,
                            "the gateway of " + r.property +
                                " is in classic mode: the property manages this channel by hand"});
    return step;
  }
  if (!property->levels.auto_integration && !item.forced) {
    step.Settle(IntegrationStatus::kPending,
                core::Error{ErrorCode::kAwaitingOperator,
                            "automatic integration is off for " + r.property +
                                ": waiting for an operator (chansync force " + record.id() + ")"});
    return step;
  }

  auto pms = pms_.For(*property);
  if (!pms) {
    step.Settle(IntegrationStatus::kFailed, pms.error());
    return step;
  }
  step.pms = *pms;
  if (existing) step.previous = existing->reservation;
  if (record.pms_reservation_id.empty() && AdoptFromPms(step, item.forced, context)) return step;

  if (r.status == core::ReservationStatus::kCancelled) {
    if (record.pms_reservation_id.empty()) {
      step.Integrated("", false);  // nothing in the PMS
      return step;
    }
    step.write =
        pms::ReservationWrite{r.property, pms::CancelReservationRequest{record.pms_reservation_id}};
    return step;
  }

  auto resolution = Resolve(r, context);
  if (!resolution) {
    RetryOrFail(step, resolution.error());
    return step;
  }
  const bool overbooking = item.forced && item.allow_overbooking;
  std::string key = IdempotencyKey(r.channel, r.channel_reservation_id, r.revision, overbooking);
  if (record.pms_reservation_id.empty()) {
    // No separate availability call first: the PMS re-checks every night and takes the units
    // in the create itself (docs/pms-api.md), which a check-then-create could not guarantee.
    step.write =
        pms::ReservationWrite{r.property, pms::CreateReservationRequest{
                                              .idempotency_key = std::move(key),
                                              .channel = r.channel,
                                              .channel_reservation_id = r.channel_reservation_id,
                                              .product = resolution->pms_product,
                                              .options = ToPmsOptions(*resolution),
                                              .stay = r.stay,
                                              .guest_name = r.guest_name,
                                              .price = r.price,
                                              .allow_overbooking = overbooking,
                                              .payment_failed = r.payment_failed,
                                          }};
    return step;
  }
  step.write =
      pms::ReservationWrite{r.property, pms::ModifyReservationRequest{
                                            .idempotency_key = std::move(key),
                                            .pms_reservation_id = record.pms_reservation_id,
                                            .product = resolution->pms_product,
                                            .options = ToPmsOptions(*resolution),
                                            .stay = r.stay,
                                            .guest_name = r.guest_name,
                                            .price = r.price,
                                            .allow_overbooking = overbooking,
                                            .payment_failed = r.payment_failed,
                                        }};
  return step;
}

bool IntegrationWorker::AdoptFromPms(Step& step, bool forced, const BatchContext& context) const {
  const core::Reservation& r = step.record.reservation;
  auto found = context.in_pms.find(RecordId(r));
  if (auto down = context.not_answering.find(r.property); down != context.not_answering.end()) {
    if (found != context.in_pms.end()) ++step.record.attempts;  // the lookup found it down
    WaitForPms(step, down->second);
    return true;
  }
  if (found == context.in_pms.end()) return false;
  if (!found->second) {
    // Never create blind: if the PMS already had it, that would book the guest twice.
    ++step.record.attempts;
    RetryOrFail(step, found->second.error());
    return true;
  }
  const PmsAdoption adoption = DecideAdoption(r, forced, *found->second);
  if (adoption.held == nullptr) return false;
  const pms::PmsReservation& held = *adoption.held;
  spdlog::warn("{} has no record but the PMS holds it as {} ({}): adopting it", RecordId(r),
               held.id, pms::PmsReservationStatusName(held.status));
  step.record.pms_reservation_id = held.id;
  switch (adoption.kind) {
    case PmsAdoption::Kind::kCreate:
    case PmsAdoption::Kind::kWrite:
      return false;
    case PmsAdoption::Kind::kAlreadyThere:
      step.Integrated(held.id, held.overbooked);
      return true;
    case PmsAdoption::Kind::kStale:
      return true;  // nothing recorded: the newer revision's own message records it
    case PmsAdoption::Kind::kCancelledInPms:
      step.Settle(IntegrationStatus::kFailed,
                  core::Error{ErrorCode::kPmsRejected,
                              "the PMS reservation " + held.id +
                                  " of this channel reservation is cancelled and cannot change"});
      return true;
  }
  return false;
}

// Lookups go through the property's circuit as writes do: a PMS known to be down is not asked,
// and one that answers none of a round's lookups opens its circuit.
void IntegrationWorker::LookUpWithoutPmsId(BatchContext& context) {
  std::map<pms::Pms*, std::vector<pms::ReservationLookup>> by_pms;
  std::map<core::PropertyId, bool> may_ask;  // by property: its circuit lets lookups through
  for (const auto& [key, item] : context.items) {
    const core::Reservation& r = item.reservation;
    const std::string id = RecordId(r);
    const auto& record = context.records.at(id);
    if ((record && !record->pms_reservation_id.empty()) || context.in_pms.contains(id)) continue;
    const auto& property = context.properties.at(r.property);
    // Only what Begin would send to the PMS: the others write nothing there.
    if (!property || property->mode == core::GatewayMode::kClassic ||
        (!property->levels.auto_integration && !item.forced)) {
      continue;
    }
    auto pms = pms_.For(*property);
    if (!pms) continue;  // Begin records the directory's error
    auto gate = may_ask.find(r.property);
    if (gate == may_ask.end()) {
      const PmsGate passed = PassCircuit(r.property, **pms);
      if (passed.kind != PmsGate::Kind::kWrite) context.not_answering[r.property] = passed;
      gate = may_ask.emplace(r.property, passed.kind == PmsGate::Kind::kWrite).first;
    }
    if (!gate->second) continue;
    context.in_pms.emplace(id, std::vector<pms::PmsReservation>{});
    by_pms[*pms].push_back({r.property, r.channel, r.channel_reservation_id});
  }
  std::vector<std::pair<pms::Pms*, std::vector<pms::ReservationLookup>>> targets(by_pms.begin(),
                                                                                 by_pms.end());
  std::vector<std::vector<core::Result<std::vector<pms::PmsReservation>>>> answers(targets.size());
  OnLanes(targets.size(), [&](size_t t) {
    answers[t] = targets[t].first->FindMany(targets[t].second, options_.parallelism);
  });
  std::set<core::PropertyId> answered;
  std::set<core::PropertyId> unanswered;
  for (size_t t = 0; t < targets.size(); ++t) {
    for (size_t i = 0; i < targets[t].second.size(); ++i) {
      const pms::ReservationLookup& lookup = targets[t].second[i];
      auto& answer = answers[t][i];
      const bool outage = !answer && PmsCircuits::IsOutage(answer.error());
      (outage ? unanswered : answered).insert(lookup.property);
      context.in_pms.at(lookup.property + "/" + lookup.channel + "/" +
                        lookup.channel_reservation_id) = std::move(answer);
    }
  }
  for (const auto& property : unanswered) {
    if (answered.contains(property)) continue;
    context.not_answering[property] = circuits_.NotAnswering(property, clock_.Now());
    spdlog::warn("the PMS of {} is not answering: its reservations wait, next try at {}", property,
                 core::FormatTimestamp(context.not_answering[property].next_probe_at));
  }
  for (const auto& property : answered) circuits_.Answered(property);
}

void IntegrationWorker::OnLanes(size_t count, const std::function<void(size_t)>& job) {
  if (count <= 1) {
    for (size_t t = 0; t < count; ++t) job(t);
    return;
  }
  if (!lanes_) lanes_ = std::make_unique<core::LanePool>(options_.parallelism);
  lanes_->Run(count, job);
}

void IntegrationWorker::Complete(Step& step, core::Result<pms::ReservationWriteResult> written,
                                 const BatchContext& context) {
  const core::Reservation& r = step.record.reservation;
  const auto& request = step.write->request;
  if (std::holds_alternative<pms::CancelReservationRequest>(request)) {
    if (!written) return RetryOrFail(step, written.error());
    NotifyPmsChange(step.previous ? *step.previous : r, context);
    return step.Integrated(step.record.pms_reservation_id, false);
  }
  const bool create = std::holds_alternative<pms::CreateReservationRequest>(request);
  if (!written) {
    if (written.error().code != ErrorCode::kNoAvailability) {
      return RetryOrFail(step, written.error());
    }
    core::Error error = written.error();
    if (create) error.message += "; chansync force --allow-overbooking integrates it anyway";
    return step.Settle(IntegrationStatus::kFailed, error);
  }
  if (create) {
    NotifyPmsChange(r, context);
    return step.Integrated(std::move(written->pms_reservation_id), written->overbooked);
  }
  if (step.previous) NotifyPmsChange(*step.previous, context);  // the nights and units it freed
  NotifyPmsChange(r, context);
  step.Integrated(step.record.pms_reservation_id, written->overbooked);
}

void IntegrationWorker::WaitForPms(Step& step, const PmsGate& gate) const {
  const core::Timestamp since = step.record.waiting_since.value_or(step.now);
  const core::PropertyId& property = step.record.reservation.property;
  if (step.now - since >= options_.pms_outage_window) {
    return step.Settle(
        IntegrationStatus::kFailed,
        core::Error{ErrorCode::kPmsUnavailable,
                    "the PMS of " + property + " has not answered since " +
                        core::FormatTimestamp(since) + ": gave up after waiting " +
                        absl::FormatDuration(absl::FromChrono(options_.pms_outage_window))});
  }
  step.WaitUntil(
      core::Error{ErrorCode::kPmsUnavailable,
                  "the PMS of " + property + " is not answering (since " +
                      core::FormatTimestamp(gate.down_since) + "): waiting for it, next try at " +
                      core::FormatTimestamp(gate.next_probe_at)},
      since, gate.next_probe_at);
}

// A probe is a catalog read: cheap, written nowhere, and answered only by a PMS that serves its
// API (a health endpoint may answer while the API does not).
PmsGate IntegrationWorker::PassCircuit(const core::PropertyId& property, pms::Pms& pms) {
  PmsGate gate = circuits_.Enter(property, clock_.Now());
  if (gate.kind != PmsGate::Kind::kProbe) return gate;
  auto probe =
      pms.ListProducts(property, pms::CallOptions::Within(circuits_.options().probe_deadline));
  if (probe || !PmsCircuits::IsOutage(probe.error())) {
    circuits_.Answered(property);
    spdlog::info("the PMS of {} answers again: its reservations resume", property);
    return PmsGate{};
  }
  return circuits_.NotAnswering(property, clock_.Now());
}

void IntegrationWorker::GateWrites(std::vector<Step>& steps) {
  std::map<core::PropertyId, std::vector<Step*>> by_property;
  for (Step& step : steps) {
    if (step.write) by_property[step.write->property].push_back(&step);
  }
  for (auto& [property, waiting] : by_property) {
    const PmsGate gate = PassCircuit(property, *waiting.front()->pms);
    if (gate.kind == PmsGate::Kind::kWrite) continue;
    for (Step* step : waiting) WaitForPms(*step, gate);
  }
}

// Answers are judged per property: when the PMS answered none of a property's writes, it is down
// (those steps wait untried behind the circuit); when it answered some, a failure is that
// reservation's own and is retried on its attempts.
void IntegrationWorker::SettleWrites(
    std::vector<Step>& steps, const std::vector<size_t>& indexes,
    std::vector<core::Result<pms::ReservationWriteResult>>& results, const BatchContext& context) {
  std::set<core::PropertyId> answered;
  std::set<core::PropertyId> unanswered;
  for (size_t j = 0; j < indexes.size(); ++j) {
    const bool outage = !results[j] && PmsCircuits::IsOutage(results[j].error());
    (outage ? unanswered : answered).insert(steps[indexes[j]].record.reservation.property);
  }
  std::map<core::PropertyId, PmsGate> down;
  for (const auto& property : unanswered) {
    if (answered.contains(property)) continue;
    down[property] = circuits_.NotAnswering(property, clock_.Now());
    spdlog::warn("the PMS of {} is not answering: its reservations wait, next try at {}", property,
                 core::FormatTimestamp(down[property].next_probe_at));
  }
  for (const auto& property : answered) circuits_.Answered(property);
  for (size_t j = 0; j < indexes.size(); ++j) {
    Step& step = steps[indexes[j]];
    auto gate = down.find(step.record.reservation.property);
    if (gate != down.end()) {
      WaitForPms(step, gate->second);
    } else {
      Complete(step, std::move(results[j]), context);
    }
  }
}

// Each PMS gets the round's writes for it in one WriteMany; several PMSs are written to side by
// side on the lanes.
void IntegrationWorker::WriteToPms(std::vector<Step>& steps, const BatchContext& context) {
  std::map<pms::Pms*, std::vector<size_t>> by_pms;
  for (size_t k = 0; k < steps.size(); ++k) {
    if (!steps[k].write) continue;
    ++steps[k].record.attempts;
    by_pms[steps[k].pms].push_back(k);
  }
  std::vector<std::pair<pms::Pms*, std::vector<size_t>>> targets(by_pms.begin(), by_pms.end());
  auto write_to = [&](size_t t) {
    auto& [pms, indexes] = targets[t];
    std::vector<pms::ReservationWrite> writes;
    writes.reserve(indexes.size());
    // Moved out: Complete only asks which kind of write a step made.
    for (size_t k : indexes) writes.push_back(std::move(*steps[k].write));
    auto results = pms->WriteMany(writes, options_.parallelism);
    SettleWrites(steps, indexes, results, context);
  };
  OnLanes(targets.size(), write_to);
}

core::Result<size_t> IntegrationWorker::RunOnce() {
  auto claimed = queue_.Claim(options_.consumer, options_.batch_size, options_.block);
  RETURN_IF_ERROR(claimed);
  std::vector<queue::Message>& messages = *claimed;
  if (messages.empty()) return size_t{0};

  BatchContext context;
  std::vector<core::PropertyId> property_ids;
  std::vector<IntegrationKey> keys;
  std::vector<CheckKey> check_keys;
  std::set<std::string> check_ids;
  for (const auto& m : messages) {
    auto item = channel::WorkItemFromJson(m.payload);
    if (!item) continue;  // dead-lettered in Begin
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
  RETURN_IF_ERROR(loaded);
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
    RETURN_IF_ERROR(records);
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

  LookUpWithoutPmsId(context);

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

  // Round k takes the k-th message of every reservation, so a reservation's revisions reach the
  // PMS in order and each sees the record its predecessor produced, while the writes of
  // different reservations of a round overlap (one PMS call per message, all waited for at once).
  std::vector<Handled> handled(messages.size());
  for (size_t round = 0;; ++round) {
    std::vector<size_t> in_round;
    for (const auto& group : groups) {
      if (round < group.size()) in_round.push_back(group[round]);
    }
    if (in_round.empty()) break;
    std::vector<Step> steps;
    steps.reserve(in_round.size());
    for (size_t index : in_round) steps.push_back(Begin(messages[index], context));
    GateWrites(steps);
    WriteToPms(steps, context);
    for (size_t k = 0; k < in_round.size(); ++k) {
      Step& step = steps[k];
      if (step.handled.record) context.records.at(step.handled.record->id()) = step.handled.record;
      handled[in_round[k]] = std::move(step.handled);
    }
  }

  // Record everything, then acknowledge: a crash in between redelivers, and the log plus the
  // idempotency keys make the second pass a no-op.
  std::map<std::string, std::vector<IntegrationRecord>> by_timezone;
  for (const auto& h : handled) {
    if (h.record) by_timezone[h.timezone].push_back(*h.record);
  }
  for (const auto& [timezone, records] : by_timezone) {
    RETURN_IF_ERROR(log_.Put(records, timezone));
  }
  std::vector<queue::Message> acks;
  for (size_t i = 0; i < messages.size(); ++i) {
    switch (handled[i].disposition) {
      case Disposition::kAck:
        acks.push_back(messages[i]);
        break;
      case Disposition::kRetryLater:
        RETURN_IF_ERROR(queue_.RetryLater(messages[i], handled[i].retry_at));
        break;
      case Disposition::kPostpone:
        RETURN_IF_ERROR(queue_.Postpone(messages[i], handled[i].retry_at));
        break;
      case Disposition::kDeadLetter:
        spdlog::warn("dead-lettering message {}: {}", messages[i].id,
                     handled[i].dead_letter_reason);
        RETURN_IF_ERROR(queue_.DeadLetter(messages[i], handled[i].dead_letter_reason));
        break;
    }
  }
  if (!acks.empty()) {
    RETURN_IF_ERROR(queue_.Ack(acks));
  }
  return messages.size();
}

void IntegrationWorker::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto processed = RunOnce();
    if (!processed) {
      spdlog::warn("integration worker {}: {}", options_.consumer, processed.error().ToString());
      clock_.WaitFor(kPauseAfterError, stop);
    }
  }
}

}  // namespace chansync::integration
