#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/core/reservation_json.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "commands.h"
#include "workload.h"

namespace chansync::loadgen {
namespace {

// A gRPC message on the wire (gRPC over HTTP/2, "Length-Prefixed-Message"): no compression
// flag, the length in 4 big-endian bytes, then the protobuf.
std::string GrpcFrame(const std::string& message) {
  const auto size = static_cast<uint32_t>(message.size());
  std::string frame = {'\0', static_cast<char>(size >> 24), static_cast<char>(size >> 16),
                       static_cast<char>(size >> 8), static_cast<char>(size)};
  return frame + message;
}

}  // namespace

// h2load sends one body file for every request, so both sides push the same reservation: the
// ingest path does the same work for it each time (it does not deduplicate; workers would).
int H2loadBodies(const Flags& flags) {
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string dir = flags.Get("out", ".");
  const core::Reservation reservation = MakeReservation(shape, flags.Get("run", "h2load"), 0);
  v1::PushReservationRequest request;
  *request.mutable_reservation() = api::ReservationToProto(reservation);
  std::ofstream(dir + "/reservation.json", std::ios::binary)
      << core::ReservationToJson(reservation);
  std::ofstream(dir + "/reservation.grpc", std::ios::binary)
      << GrpcFrame(request.SerializeAsString());
  std::printf("%s\n", reservation.channel.c_str());
  return 0;
}

}  // namespace chansync::loadgen
