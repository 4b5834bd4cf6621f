#pragma once

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "chansync/channel/ingestor.h"

namespace chansync::api {

// One PushReservations call: every message read is pushed at once (PushAsync; the group-commit
// queue batches them with every other push), and the call is answered when the stream has ended
// and every push has its result: one result per message, in order. No thread waits meanwhile.
//
// A reservation refused RATE_LIMITED adds the `retry-after` trailer to the answer.
// A message that does not parse ends the call with INVALID_ARGUMENT, as does a stream longer
// than kMaxMessages; the reservations read before it may have been accepted, and sending them
// again is safe (the worker applies a revision once).
class PushStreamReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  // Bounds the answer, which holds one result per message, well under gRPC's 4 MiB default.
  static constexpr size_t kMaxMessages = 10000;

  // Whether the caller may push this reservation; a refusal is that message's result.
  using Admission = std::function<core::Status(const core::Reservation&)>;

  // Starts reading; deletes itself when gRPC is done with the call. `context` and `response`
  // are gRPC's.
  PushStreamReactor(const channel::Ingestor& ingestor, grpc::CallbackServerContext* context,
                    grpc::ByteBuffer* response, Admission admit);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  void Push(grpc::ByteBuffer& bytes);
  void Settle(size_t position, core::Result<channel::Acceptance> result);
  void EndOfStream(std::optional<grpc::Status> refusal);
  // Finishes the call once the stream has ended and no push is outstanding.
  void FinishIfDoneLocked();

  const channel::Ingestor& ingestor_;
  grpc::CallbackServerContext* const context_;
  const Admission admit_;
  grpc::ByteBuffer* const response_;
  grpc::ByteBuffer request_;  // the message being read
  std::mutex mutex_;          // the pushes' completions run on the queue's sender thread
  std::vector<core::Result<channel::Acceptance>> results_;
  size_t outstanding_ = 0;
  bool ended_ = false;
  bool finished_ = false;
  std::optional<grpc::Status> refusal_;
};

// A PushReservations call refused before its first message (its caller is not admitted).
class RefusedPushStream final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  explicit RefusedPushStream(const grpc::Status& refusal) { Finish(refusal); }
  void OnDone() override { delete this; }
};

}  // namespace chansync::api
