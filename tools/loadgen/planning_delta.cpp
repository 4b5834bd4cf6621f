#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "commands.h"
#include "planning_estate.h"
#include "service_access.h"
#include "stats.h"

namespace chansync::loadgen {
namespace {

constexpr int kProductsPerProperty = 20;  // as run.sh declares them
constexpr int kNights = 2;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Sample `i` books two nights of one product of one property; distinct samples touch distinct
// cells, so each one lowers its nights by exactly one unit.
core::Reservation DeltaReservation(int properties, const std::string& run, int i,
                                   core::CivilDate today) {
  core::Reservation r;
  r.channel = kPlanningChannel;
  r.channel_reservation_id = run + "-" + std::to_string(i);
  r.property = PlanningPropertyName((i * 37) % properties);
  r.sold_at = std::chrono::system_clock::now();
  const core::CivilDate arrival = today.AddDays(30 + (i / kProductsPerProperty) * kNights);
  r.stay = core::Stay{arrival, arrival.AddDays(kNights)};
  r.guest_name = "Delta guest " + std::to_string(i);
  r.product = PlanningChannelProduct(i % kProductsPerProperty);
  r.price = core::Money{18000, "EUR"};
  return r;
}

// The free units the portal shows for every night of the stay; empty when one is missing.
std::vector<int> FreeOf(const std::vector<PortalNight>& nights) {
  std::vector<int> free;
  for (const auto& night : nights) free.push_back(night.free);
  return free.size() == kNights ? free : std::vector<int>{};
}

}  // namespace

// PMS change → portal: --samples reservations pushed one at a time (gRPC PushReservation) for
// the planning properties, each integrated into the PMS by the workers, whose changed nights
// the delta pusher sends to portalsim. A sample's latency runs from just before the push to the
// instant the portal applied the last of its changed nights (portalsim's received_at_us; same
// machine, same clock). A sample not seen within --sample-timeout-ms counts as lost.
int PlanningDelta(const Flags& flags) {
  const int properties = static_cast<int>(flags.GetInt("properties", 1000));
  const int samples = static_cast<int>(flags.GetInt("samples", 50));
  const auto sample_timeout = std::chrono::milliseconds(flags.GetInt("sample-timeout-ms", 5000));
  const std::string run = flags.Get("run", "delta");
  auto ingest = v1::IngestService::NewStub(ServiceChannel(flags));
  PortalReader portal(flags.Get("portal", "http://127.0.0.1:7482"));
  const core::CivilDate today = PlanningToday();

  std::vector<double> latencies_ms;
  int lost = 0;
  std::string first_error;
  auto fail = [&](const std::string& error) {
    if (first_error.empty()) first_error = error;
    ++lost;
  };
  for (int i = 0; i < samples && lost < 3; ++i) {
    const core::Reservation r = DeltaReservation(properties, run, i, today);
    auto before = portal.Nights(r.property, r.product, r.stay.arrival, r.stay.departure);
    if (!before || FreeOf(*before).empty()) {
      fail(before ? r.property + "/" + r.product + ": the portal has no planning for the stay"
                  : before.error().ToString());
      continue;
    }
    std::vector<int> expected = FreeOf(*before);
    for (int& free : expected) --free;

    v1::PushReservationRequest request;
    *request.mutable_reservation() = api::ReservationToProto(r);
    v1::PushReservationResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    const int64_t pushed_us = NowMicros();
    auto status = ingest->PushReservation(&context, request, &response);
    if (!status.ok()) {
      fail("PushReservation: " + status.error_message());
      continue;
    }
    const auto give_up = std::chrono::steady_clock::now() + sample_timeout;
    bool seen = false;
    while (!seen && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      auto now = portal.Nights(r.property, r.product, r.stay.arrival, r.stay.departure);
      if (!now || FreeOf(*now) != expected) continue;
      int64_t received_us = 0;
      for (const auto& night : *now) received_us = std::max(received_us, night.received_at_us);
      latencies_ms.push_back(static_cast<double>(received_us - pushed_us) / 1000);
      seen = true;
    }
    if (!seen) fail(r.property + "/" + r.product + ": the change never reached the portal");
  }
  const auto seen = static_cast<double>(latencies_ms.size());
  JsonLine("planning-delta")
      .Number("samples", seen)
      .Number("lost", lost)
      .Text("first_error", first_error)
      .Number("p50_ms", Quantile(latencies_ms, 0.50))
      .Number("p95_ms", Quantile(latencies_ms, 0.95))
      .Number("max_ms", Quantile(latencies_ms, 1.0))
      .Print();
  return lost == 0 && seen > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
