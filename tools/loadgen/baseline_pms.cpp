#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "pms_client.h"
#include "stats.h"
#include "timed_phase.h"
#include "workload.h"

namespace chansync::loadgen {
// pmssim's own rates through the same client the workers use: creates, then checks.
int BaselinePms(const Flags& flags) {
  auto client = PmsClientFrom(flags);
  if (!client) return 1;
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "baseline-pms");
  const int threads = static_cast<int>(flags.GetInt("threads", 8));
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  PhaseResult creates = RunPhase(threads, seconds, [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    pms::CreateReservationRequest request;
    request.idempotency_key = run + ":" + std::to_string(sequence);
    request.channel = r.channel;
    request.channel_reservation_id = r.channel_reservation_id;
    request.product = PmsProductOf(r);
    request.stay = r.stay;
    request.guest_name = r.guest_name;
    request.price = r.price;
    auto created = client->CreateReservation(r.property, request);
    return created ? "" : created.error().ToString();
  });
  PhaseResult checks = RunPhase(threads, seconds, [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    auto checked = client->Check(r.property, PmsProductOf(r), r.stay);
    if (!checked) return checked.error().ToString();
    return checked->available ? "" : "no availability";
  });
  JsonLine("baseline-pms")
      .Number("creates", static_cast<double>(creates.ok))
      .Number("create_failed", static_cast<double>(creates.failed))
      .Number("create_per_s", static_cast<double>(creates.ok) / creates.seconds)
      .Number("create_p50_us", Quantile(creates.latencies_us, 0.50))
      .Number("create_p99_us", Quantile(creates.latencies_us, 0.99))
      .Number("checks", static_cast<double>(checks.ok))
      .Number("check_failed", static_cast<double>(checks.failed))
      .Number("check_per_s", static_cast<double>(checks.ok) / checks.seconds)
      .Number("check_p50_us", Quantile(checks.latencies_us, 0.50))
      .Number("check_p99_us", Quantile(checks.latencies_us, 0.99))
      .Text("first_error", creates.first_error.empty() ? checks.first_error : creates.first_error)
      .Number("threads", threads)
      .Print();
  return creates.ok > 0 && checks.ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
