#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "async_unary_load.h"
#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "commands.h"
#include "service_access.h"
#include "workload.h"

namespace chansync::loadgen {
namespace {

v1::PushReservationRequest Request(const WorkloadShape& shape, const std::string& run,
                                   int64_t sequence) {
  v1::PushReservationRequest request;
  *request.mutable_reservation() = api::ReservationToProto(MakeReservation(shape, run, sequence));
  return request;
}

}  // namespace

int IngestGrpc(const Flags& flags) {
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "ingest-grpc");
  const int in_flight = static_cast<int>(flags.GetInt("in-flight", 64));
  auto stub = v1::IngestService::NewStub(ServiceChannel(flags));
  int64_t sequence = 0;
  const size_t payload_bytes = Request(shape, run, 0).ByteSizeLong();
  auto result = RunUnaryLoad<v1::PushReservationResponse, v1::PushReservationRequest>(
      [&](grpc::ClientContext* context, const v1::PushReservationRequest& request,
          grpc::CompletionQueue* cq) {
        return stub->PrepareAsyncPushReservation(context, request, cq);
      },
      [&] { return Request(shape, run, sequence++); }, in_flight,
      static_cast<double>(flags.GetInt("seconds", 5)));
  PrintUnaryLoad("ingest-grpc", result, in_flight, payload_bytes);
  return result.ok > 0 ? 0 : 1;
}

// Client-streaming PushReservations: each stream carries `per-stream` messages, `streams`
// streams run at once, for `seconds`. Counts what the answers report accepted.
int IngestBatch(const Flags& flags) {
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "ingest-batch");
  const int streams = static_cast<int>(flags.GetInt("streams", 2));
  const int64_t per_stream = flags.GetInt("per-stream", 2000);
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  const int64_t limit = flags.GetInt("count", 0);  // 0 = no limit, run for `seconds`
  auto stub = v1::IngestService::NewStub(ServiceChannel(flags));
  std::atomic<int64_t> next{0}, accepted{0}, refused{0}, broken{0};
  std::string first_error;
  std::mutex error_mutex;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::jthread> threads;
  for (int t = 0; t < streams; ++t) {
    threads.emplace_back([&] {
      while (SecondsSince(start) < seconds || limit > 0) {
        const int64_t first = next.fetch_add(per_stream);
        const int64_t last = limit > 0 ? std::min(first + per_stream, limit) : first + per_stream;
        if (first >= last) return;
        grpc::ClientContext context;
        v1::PushReservationsResponse response;
        auto writer = stub->PushReservations(&context, &response);
        for (int64_t s = first; s < last; ++s) {
          if (!writer->Write(Request(shape, run, s))) break;
        }
        writer->WritesDone();
        grpc::Status status = writer->Finish();
        accepted += response.accepted();
        refused += response.results_size() - response.accepted();
        if (!status.ok()) {
          ++broken;
          std::lock_guard lock(error_mutex);
          if (first_error.empty()) first_error = status.error_message();
        }
        for (const auto& r : response.results()) {
          if (r.has_error()) {
            std::lock_guard lock(error_mutex);
            if (first_error.empty()) first_error = r.error().code() + ": " + r.error().message();
            break;
          }
        }
      }
    });
  }
  threads.clear();
  const double elapsed = SecondsSince(start);
  JsonLine("ingest-batch")
      .Number("ops", static_cast<double>(accepted))
      .Number("refused", static_cast<double>(refused))
      .Number("broken_streams", static_cast<double>(broken))
      .Text("first_error", first_error)
      .Number("seconds", elapsed)
      .Number("ops_per_s", static_cast<double>(accepted) / elapsed)
      .Number("streams", streams)
      .Number("per_stream", static_cast<double>(per_stream))
      .Print();
  return accepted > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
