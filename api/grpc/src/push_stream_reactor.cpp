#include "push_stream_reactor.h"

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/proto_buffer_writer.h>

#include <string>
#include <utility>

#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/v1/ingest.pb.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

void FillResult(const core::Result<channel::Acceptance>& result, v1::PushResult* out) {
  if (result) {
    out->mutable_accepted()->set_tracking_id(result->tracking_id);
    out->mutable_accepted()->set_id(result->id);
  } else {
    out->mutable_error()->set_code(std::string(core::CodeName(result.error().code)));
    out->mutable_error()->set_message(result.error().message);
  }
}

grpc::Status Refusal(std::string message) {
  return ToGrpcStatus(core::Error{core::ErrorCode::kInvalidArgument, std::move(message)});
}

}  // namespace

PushStreamReactor::PushStreamReactor(const channel::Ingestor& ingestor,
                                     grpc::CallbackServerContext* context,
                                     grpc::ByteBuffer* response, Admission admit)
    : ingestor_(ingestor), context_(context), admit_(std::move(admit)), response_(response) {
  StartRead(&request_);
}

void PushStreamReactor::OnReadDone(bool ok) {
  if (!ok) return EndOfStream(std::nullopt);
  {
    std::lock_guard lock(mutex_);
    if (results_.size() == kMaxMessages) {
      ended_ = true;
      refusal_ =
          Refusal("stream: at most " + std::to_string(kMaxMessages) + " reservations per call");
      return FinishIfDoneLocked();
    }
  }
  grpc::ByteBuffer bytes;
  bytes.Swap(&request_);
  Push(bytes);
}

void PushStreamReactor::Push(grpc::ByteBuffer& bytes) {
  v1::PushReservationRequest request;
  if (!grpc::SerializationTraits<v1::PushReservationRequest>::Deserialize(&bytes, &request).ok()) {
    return EndOfStream(Refusal("stream: a message is not a chansync.v1.PushReservationRequest"));
  }
  size_t position = 0;
  {
    std::lock_guard lock(mutex_);
    position = results_.size();
    results_.emplace_back(channel::Acceptance{});
    ++outstanding_;
  }
  auto reservation = ReservationFromProto(request.reservation());
  if (!reservation) {
    Settle(position, std::unexpected(reservation.error()));
  } else if (auto allowed = admit_(*reservation); !allowed) {
    Settle(position, std::unexpected(allowed.error()));
  } else {
    ingestor_.PushAsync(std::move(*reservation),
                        [this, position](core::Result<channel::Acceptance> accepted) {
                          Settle(position, std::move(accepted));
                        });
  }
  StartRead(&request_);
}

void PushStreamReactor::Settle(size_t position, core::Result<channel::Acceptance> result) {
  std::lock_guard lock(mutex_);
  results_[position] = std::move(result);
  --outstanding_;
  FinishIfDoneLocked();
}

void PushStreamReactor::EndOfStream(std::optional<grpc::Status> refusal) {
  std::lock_guard lock(mutex_);
  ended_ = true;
  if (refusal) refusal_ = std::move(refusal);
  FinishIfDoneLocked();
}

void PushStreamReactor::FinishIfDoneLocked() {
  if (!ended_ || outstanding_ > 0 || finished_) return;
  finished_ = true;
  if (refusal_) return Finish(*refusal_);
  v1::PushReservationsResponse response;
  int accepted = 0;
  const core::Error* rate_limited = nullptr;
  for (const auto& result : results_) {
    accepted += result.has_value();
    if (!result && result.error().code == core::ErrorCode::kRateLimited) {
      rate_limited = &result.error();
    }
    FillResult(result, response.add_results());
  }
  if (rate_limited != nullptr) AddRetryAfter(*context_, *rate_limited);
  response.set_accepted(accepted);
  bool own_buffer = false;
  Finish(grpc::SerializationTraits<v1::PushReservationsResponse>::Serialize(response, response_,
                                                                            &own_buffer));
}

}  // namespace chansync::api
