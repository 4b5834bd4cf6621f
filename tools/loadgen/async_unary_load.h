#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stats.h"

namespace chansync::loadgen {

struct UnaryLoadResult {
  int64_t ok = 0;
  int64_t failed = 0;
  std::string first_error;
  double seconds = 0;
  std::vector<double> latencies_us;  // of the calls that succeeded
};

// Keeps `in_flight` unary calls outstanding on one CompletionQueue for `seconds`, then waits
// for the last ones. `prepare(context, request, cq)` is the stub's PrepareAsync<Method>;
// `next_request()` makes each request. Runs on the calling thread.
template <typename Response, typename Request, typename Prepare, typename NextRequest>
UnaryLoadResult RunUnaryLoad(Prepare prepare, NextRequest next_request, int in_flight,
                             double seconds) {
  struct Call {
    grpc::ClientContext context;
    Response response;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
    std::chrono::steady_clock::time_point started;
  };
  grpc::CompletionQueue cq;
  auto launch = [&] {
    auto* call = new Call;
    Request request = next_request();
    call->started = std::chrono::steady_clock::now();
    call->reader = prepare(&call->context, request, &cq);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
  };
  UnaryLoadResult result;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < in_flight; ++i) launch();
  int outstanding = in_flight;
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    if (ok && call->status.ok()) {
      ++result.ok;
      result.latencies_us.push_back(std::chrono::duration<double, std::micro>(
                                        std::chrono::steady_clock::now() - call->started)
                                        .count());
    } else {
      if (result.failed++ == 0) result.first_error = call->status.error_message();
    }
    if (SecondsSince(start) < seconds) {
      launch();
    } else {
      --outstanding;
    }
  }
  result.seconds = SecondsSince(start);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) delete static_cast<Call*>(tag);
  return result;
}

// Prints the result as `benchmark`'s JSON line with ops/s and latency quantiles.
void PrintUnaryLoad(const std::string& benchmark, UnaryLoadResult& result, int in_flight,
                    size_t payload_bytes);

}  // namespace chansync::loadgen
