#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <string>

#include "chansync/v1/ingest.grpc.pb.h"
#include "commands.h"
#include "pms_client.h"
#include "service_access.h"
#include "stats.h"
#include "timed_phase.h"
#include "workload.h"

namespace chansync::loadgen {

// The availability re-check a portal makes while a guest books, through chansync (gRPC →
// links → PMS → check kept in Redis), against the same check asked of pmssim directly. Phases
// alternate (direct, chansync, direct, chansync) so both see the same machine load.
int CheckLatency(const Flags& flags) {
  auto client = PmsClientFrom(flags);
  if (!client) return 1;
  auto stub = v1::IngestService::NewStub(ServiceChannel(flags));
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "check");
  const int threads = static_cast<int>(flags.GetInt("threads", 4));
  const double half = static_cast<double>(flags.GetInt("seconds", 5)) / 2;

  auto direct = [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    auto checked = client->Check(r.property, PmsProductOf(r), r.stay);
    if (!checked) return checked.error().ToString();
    return checked->available ? "" : "no availability";
  };
  auto through_chansync = [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    v1::CheckAvailabilityRequest request;
    request.set_channel_id(r.channel);
    request.set_property_id(r.property);
    request.set_channel_product_id(r.product);
    request.set_arrival(r.stay.arrival.ToString());
    request.set_departure(r.stay.departure.ToString());
    v1::CheckAvailabilityResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    auto status = stub->CheckAvailability(&context, request, &response);
    if (!status.ok()) return status.error_message();
    if (response.outcome() != v1::AVAILABILITY_OUTCOME_AVAILABLE) {
      return "outcome " + std::to_string(response.outcome()) + " " + response.error_code() + ": " +
             response.error_message();
    }
    return "";
  };
  PhaseResult pms_only = RunPhase(threads, half, direct);
  PhaseResult chansync = RunPhase(threads, half, through_chansync);
  PhaseResult pms_again = RunPhase(threads, half, direct);
  PhaseResult chansync_again = RunPhase(threads, half, through_chansync);
  auto merge = [](PhaseResult& into, PhaseResult& from) {
    into.ok += from.ok;
    into.failed += from.failed;
    into.seconds += from.seconds;
    if (into.first_error.empty()) into.first_error = from.first_error;
    into.latencies_us.insert(into.latencies_us.end(), from.latencies_us.begin(),
                             from.latencies_us.end());
  };
  merge(pms_only, pms_again);
  merge(chansync, chansync_again);
  const double pms_p50 = Quantile(pms_only.latencies_us, 0.50);
  const double pms_p99 = Quantile(pms_only.latencies_us, 0.99);
  const double chansync_p50 = Quantile(chansync.latencies_us, 0.50);
  const double chansync_p99 = Quantile(chansync.latencies_us, 0.99);
  JsonLine("check-latency")
      .Number("checks", static_cast<double>(chansync.ok))
      .Number("failed", static_cast<double>(chansync.failed + pms_only.failed))
      .Number("pms_p50_us", pms_p50)
      .Number("pms_p99_us", pms_p99)
      .Number("chansync_p50_us", chansync_p50)
      .Number("chansync_p99_us", chansync_p99)
      .Number("overhead_p50_us", chansync_p50 - pms_p50)
      .Number("overhead_p99_us", chansync_p99 - pms_p99)
      .Number("chansync_per_s", static_cast<double>(chansync.ok) / chansync.seconds)
      .Text("first_error",
            chansync.first_error.empty() ? pms_only.first_error : chansync.first_error)
      .Number("threads", threads)
      .Print();
  return chansync.ok > 0 && pms_only.ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
