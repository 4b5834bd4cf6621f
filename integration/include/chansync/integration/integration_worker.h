#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::queue {
class WorkQueue;
struct Message;
}  // namespace chansync::queue
namespace chansync::linking {
class PropertyStore;
class LinkRegistry;
}  // namespace chansync::linking

namespace chansync::core {
class LanePool;
struct Reservation;
}  // namespace chansync::core
namespace chansync::linking {
struct Resolution;
}  // namespace chansync::linking
namespace chansync::pms {
class Pms;
class PmsDirectory;
struct ReservationWriteResult;
}  // namespace chansync::pms

namespace chansync::integration {

class CheckStore;
class IntegrationLog;
class PmsCircuits;
struct BatchContext;
struct PmsGate;

class PmsChangeListener;

struct IntegrationWorkerOptions {
  std::string consumer = "worker-1";  // unique per process and thread in the consumer group
  size_t batch_size = 64;
  std::chrono::milliseconds block{500};  // how long one claim waits for work
  // A transient failure of one reservation (its write failed while the PMS answered others, or
  // its links could not be read) is retried with exponential backoff and full jitter, then
  // recorded failed. An outage of the whole PMS is not: see pms_outage_window.
  int max_pms_attempts = 5;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_max{std::chrono::minutes(2)};
  // PMS writes of one batch in flight at once (one thread waits for all their answers).
  size_t parallelism = 8;
  // Told of every create, modify and cancel that reached the PMS, so the affected nights are
  // pushed to the channels at once. Optional; must outlive the worker and be thread-safe.
  PmsChangeListener* pms_changes = nullptr;
  // A PMS that stops answering opens its property's circuit: the property's reservations wait,
  // pending PMS_UNAVAILABLE with their next try, untried and without spending attempts, until a
  // probe finds it answering again. A reservation fails only once it has waited this long.
  std::chrono::milliseconds pms_outage_window{std::chrono::hours(24)};
  // The circuits, shared by the workers of one process so that one probe serves them all.
  // Optional: a worker without one keeps its own. Must outlive the worker.
  PmsCircuits* circuits = nullptr;
};

// Takes reservations off the queue and integrates them (DESIGN "The flow"): honours the
// property's mode and levels, resolves links, creates, modifies or cancels in the PMS with an
// idempotency key per revision (a create re-checks availability atomically in the PMS, which
// refuses NO_AVAILABILITY), records the outcome, and only then acknowledges the message. A
// reservation carrying a check_id is recorded "availability check TRUE" only when that check
// (looked up once per batch) answered AVAILABLE for the same property, channel, channel product and
// stay; otherwise ERROR. A redelivered or duplicated revision is integrated once: the log knows
// which revision the PMS already has, and the PMS deduplicates by idempotency key. A reservation
// whose record names no PMS reservation (the normal first create, or a record lost with Redis's
// last writes) is first looked up in the PMS by (channel, channel reservation id), all of a batch
// in one Pms::FindMany per PMS: when the PMS holds it, the worker adopts it (PmsAdoption) instead
// of creating a second one, so the next modification or cancellation reaches it. While a
// property's PMS does not answer, its reservations wait in the queue (WorkQueue::Postpone) and
// resume by themselves once a probe finds it answering (IntegrationWorkerOptions).
//
// Thread-safety: RunOnce/Run from one thread per instance; run several instances (with
// distinct consumer names) for more throughput.
class IntegrationWorker {
 public:
  IntegrationWorker(queue::WorkQueue& queue, linking::PropertyStore& properties,
                    linking::LinkRegistry& registry, pms::PmsDirectory& pms, IntegrationLog& log,
                    CheckStore& checks, const core::Clock& clock, IntegrationWorkerOptions options);
  ~IntegrationWorker();

  // Claims one batch and processes it. Returns how many messages were handled.
  // STORE_UNAVAILABLE when Redis is down: nothing is acknowledged, the batch will come back.
  core::Result<size_t> RunOnce();
  // RunOnce until stop is requested. After a failed RunOnce it pauses kPauseAfterError on the
  // clock, so a store outage is not hammered; a stop request ends the pause at once. While the
  // queue is empty, the claim's `block` is the wait.
  void Run(std::stop_token stop);
  static constexpr std::chrono::milliseconds kPauseAfterError{500};

  // The idempotency key of one revision: the PMS must never create the same revision twice.
  static std::string IdempotencyKey(const std::string& channel,
                                    const std::string& channel_reservation_id, int64_t revision,
                                    bool overbooking);

 private:
  struct Handled;
  struct Step;
  // Everything before the message's PMS write, which Step::write then holds (if any is due).
  Step Begin(const queue::Message& message, BatchContext& context);
  // Turns the PMS's answer to the step's write into its outcome.
  void Complete(Step& step, core::Result<pms::ReservationWriteResult> written,
                const BatchContext& context);
  // Holds back the writes of the properties whose PMS is not answering, probing it when due.
  void GateWrites(std::vector<Step>& steps);
  // The gate of `property`'s circuit now; when a probe is due, probes `pms` and reports the
  // answer, so the gate returned is kWrite or kWait.
  PmsGate PassCircuit(const core::PropertyId& property, pms::Pms& pms);
  void WriteToPms(std::vector<Step>& steps, const BatchContext& context);
  // The answers of one PMS to the writes of steps[indexes]; opens the circuit of a property none
  // of whose writes was answered.
  void SettleWrites(std::vector<Step>& steps, const std::vector<size_t>& indexes,
                    std::vector<core::Result<pms::ReservationWriteResult>>& results,
                    const BatchContext& context);
  // Looks up in the PMS the reservations of the batch whose record names no PMS reservation (or
  // that have no record), one FindMany per PMS, into the context; behind the circuits.
  void LookUpWithoutPmsId(BatchContext& context);
  // For a reservation whose record names no PMS reservation: adopts what the PMS holds of it
  // (the step then modifies or cancels that reservation), or settles the step. True when the
  // step is decided.
  bool AdoptFromPms(Step& step, bool forced, const BatchContext& context) const;
  // Runs job(0..count-1), side by side on the lanes when there are several.
  void OnLanes(size_t count, const std::function<void(size_t)>& job);
  void RetryOrFail(Step& step, const core::Error& error) const;
  // The step's PMS is not answering: it waits untried behind `gate`, or fails once it has
  // waited the outage window.
  void WaitForPms(Step& step, const PmsGate& gate) const;
  core::Result<linking::Resolution> Resolve(const core::Reservation& reservation,
                                            const BatchContext& context);
  void NotifyPmsChange(const core::Reservation& changed, const BatchContext& context);

  queue::WorkQueue& queue_;
  linking::PropertyStore& properties_;
  linking::LinkRegistry& registry_;
  pms::PmsDirectory& pms_;
  IntegrationLog& log_;
  CheckStore& checks_;
  const core::Clock& clock_;
  IntegrationWorkerOptions options_;
  std::unique_ptr<PmsCircuits> own_circuits_;  // when the options name none
  PmsCircuits& circuits_;
  std::unique_ptr<core::LanePool> lanes_;  // started at the first batch writing to several PMSs
};

// Delay before attempt `attempt` (1-based) of a transient failure: full jitter over an
// exponential ceiling, so a recovering PMS is not hit by every worker at once.
std::chrono::milliseconds RetryBackoff(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds max, double unit_random);

}  // namespace chansync::integration
