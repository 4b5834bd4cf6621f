#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::fiassim {

// The failures fiassim injects, set at start (--faults) and at run time (POST /faults), each a
// JSON member of the same name. Counters count down as postings arrive. Thread-safe.
class Faults {
 public:
  // What to do with a posting that just arrived.
  enum class PostingFault {
    kNone,
    kDropBeforeBooking,  // drop the link without booking or answering
    kDropAfterBooking,   // book, then drop the link without answering
    kNeverAnswer,        // book, never send the PA, keep the link
    kAnswerTwice,        // book and send the PA twice
  };

  // Decides for the next posting (a P# not booked before or sent again alike).
  PostingFault NextPosting();

  bool refuse_handshake() const { return refuse_handshake_.load(); }
  bool ignore_keep_alive() const { return ignore_keep_alive_.load(); }
  int latency_ms() const { return latency_ms_.load(); }

  // Applies the members present in a JSON object: refuse_handshake, ignore_keep_alive (bools),
  // latency_ms, drop_before_booking, drop_after_booking, never_answer, answer_twice (counts of
  // next postings), drop_every (every Nth posting received is booked and its link dropped
  // unanswered; 0 = off). INVALID_ARGUMENT, and nothing changed, on a bad member.
  core::Status Apply(std::string_view json);
  std::string ToJson() const;

 private:
  static bool TakeOne(std::atomic<int>& counter);
  // The switches by their JSON names, for Apply and ToJson alike.
  template <typename Self>
  static auto FlagsOf(Self& self);
  template <typename Self>
  static auto CountsOf(Self& self);

  std::atomic<bool> refuse_handshake_{false};
  std::atomic<bool> ignore_keep_alive_{false};
  std::atomic<int> latency_ms_{0};
  std::atomic<int> drop_before_booking_{0};
  std::atomic<int> drop_after_booking_{0};
  std::atomic<int> never_answer_{0};
  std::atomic<int> answer_twice_{0};
  std::atomic<int> drop_every_{0};
  std::atomic<int64_t> postings_seen_{0};
};

}  // namespace chansync::fiassim
