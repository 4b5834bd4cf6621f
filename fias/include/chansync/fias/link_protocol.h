#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/fias/link_settings.h"
#include "chansync/fias/record.h"

namespace chansync::fias {

// Where the protocol's decisions go: the connection it runs on.
class LinkOutput {
 public:
  virtual ~LinkOutput() = default;
  virtual void Send(const Record& record) = 0;
  // Close the connection (the runtime then reconnects after its backoff).
  virtual void Drop(const std::string& reason) = 0;
  // A record the interface sent on its own: GI, GO, GC outside a resync.
  virtual void Event(const Record& record) = 0;
};

// The answer to a request: the PA of a posting, the PL of an inquiry, the records of a resync
// from DS to DE.
using Answer = core::Result<std::vector<Record>>;
using AnswerCallback = std::function<void(Answer)>;

// chansync's side of one FIAS connection as a state machine, without I/O or threads: the
// runtime (FiasLink) feeds it what happens and the time, it answers through a LinkOutput.
// Handshake (wait LS, send LD, CG, LRs, LA, alive on the interface's LA), keep-alive, LE, and
// one request at a time matched to its answer by P# (DR: by DS…DE), each with its timeout.
// Not thread-safe: the runtime serializes calls.
class LinkProtocol {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  LinkProtocol(LinkSettings settings, LinkOutput& output);

  // A connection was made at `now`: the interface's LS is awaited.
  void OnConnected(TimePoint now);
  // `record` arrived at `now`; `wall` is the wall time written in LD/LA.
  void OnRecord(const Record& record, TimePoint now, std::chrono::system_clock::time_point wall);
  // The time is `now`: timeouts fire (handshake, keep-alive, the outstanding request).
  void OnTick(TimePoint now, std::chrono::system_clock::time_point wall);
  // The connection is gone: an outstanding request fails PMS_UNAVAILABLE (its outcome unknown).
  void OnDisconnected(const std::string& reason);

  // Sends `request` (PR, PS, DR) and calls `done` once with its answer, DEADLINE_EXCEEDED after
  // its timeout, or PMS_UNAVAILABLE when the link is not alive or goes down first. One request
  // at a time: a second one while another is outstanding fails INTERNAL (callers serialize).
  void Submit(const Record& request, AnswerCallback done, TimePoint now);

  bool alive() const { return state_ == State::kAlive; }
  bool busy() const { return outstanding_.has_value(); }
  // When OnTick has something to do next; nullopt when nothing waits on time.
  std::optional<TimePoint> NextDeadline() const;

 private:
  enum class State { kDisconnected, kAwaitingStart, kAwaitingAlive, kAlive };
  enum class Expecting { kPostingAnswer, kInquiryAnswer, kResync };
  struct Outstanding {
    Expecting expecting;
    std::string sequence;  // P#
    TimePoint deadline;
    std::vector<Record> answer;  // a resync's records so far
    AnswerCallback done;
  };

  void StartHandshake(const Record& link_start, TimePoint now,
                      std::chrono::system_clock::time_point wall);
  void OnAliveRecord(const Record& record);
  // Takes the outstanding request and calls it back with `answer`.
  void Complete(Answer answer);
  void End(const std::string& reason);

  LinkSettings settings_;
  LinkOutput& output_;
  State state_ = State::kDisconnected;
  TimePoint handshake_deadline_{};
  TimePoint last_sent_{};
  std::optional<TimePoint> keep_alive_deadline_;
  std::optional<Outstanding> outstanding_;
};

}  // namespace chansync::fias
