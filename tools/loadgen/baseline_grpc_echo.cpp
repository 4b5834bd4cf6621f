#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <memory>
#include <string>

#include "async_unary_load.h"
#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/v1/ingest.pb.h"
#include "commands.h"
#include "echo.grpc.pb.h"
#include "workload.h"

namespace chansync::loadgen {
namespace {

class EchoServiceImpl final : public EchoService::Service {
  grpc::Status Echo(grpc::ServerContext*, const EchoMessage* request,
                    EchoMessage* response) override {
    response->set_payload(request->payload());
    return grpc::Status::OK;
  }
};

}  // namespace

void PrintUnaryLoad(const std::string& benchmark, UnaryLoadResult& result, int in_flight,
                    size_t payload_bytes) {
  JsonLine(benchmark)
      .Number("ops", static_cast<double>(result.ok))
      .Number("failed", static_cast<double>(result.failed))
      .Text("first_error", result.first_error)
      .Number("seconds", result.seconds)
      .Number("ops_per_s", static_cast<double>(result.ok) / result.seconds)
      .Number("in_flight", in_flight)
      .Number("payload_bytes", static_cast<double>(payload_bytes))
      .Number("p50_us", Quantile(result.latencies_us, 0.50))
      .Number("p99_us", Quantile(result.latencies_us, 0.99))
      .Print();
}

// The same size as a PushReservation request, so the ratio compares like with like.
int BaselineGrpcEcho(const Flags& flags) {
  v1::PushReservationRequest sample;
  *sample.mutable_reservation() = api::ReservationToProto(MakeReservation({}, "echo", 1));
  const auto payload_bytes = static_cast<size_t>(
      flags.GetInt("payload-bytes", static_cast<long long>(sample.ByteSizeLong())));
  const int in_flight = static_cast<int>(flags.GetInt("in-flight", 64));
  EchoServiceImpl service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::fprintf(stderr, "loadgen: cannot start the echo server\n");
    return 1;
  }
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  auto stub = EchoService::NewStub(channel);
  EchoMessage request;
  request.set_payload(std::string(payload_bytes, 'x'));
  auto result = RunUnaryLoad<EchoMessage, EchoMessage>(
      [&](grpc::ClientContext* context, const EchoMessage& message, grpc::CompletionQueue* cq) {
        return stub->PrepareAsyncEcho(context, message, cq);
      },
      [&] { return request; }, in_flight, static_cast<double>(flags.GetInt("seconds", 5)));
  server->Shutdown();
  PrintUnaryLoad("baseline-grpc-echo", result, in_flight, payload_bytes);
  return result.ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
