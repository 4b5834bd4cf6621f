#include "chansync/fias/link_protocol.h"

#include <algorithm>

#include "chansync/fias/wire_values.h"

namespace chansync::fias {
namespace {

std::unexpected<core::Error> Unavailable(std::string message) {
  return core::Fail(core::ErrorCode::kPmsUnavailable, std::move(message));
}

Record Stamped(std::string type, std::chrono::system_clock::time_point wall) {
  const WireDateTime now = WireDateTimeOf(wall);
  return Record(std::move(type)).Set("DA", now.date).Set("TI", now.time);
}

}  // namespace

LinkProtocol::LinkProtocol(LinkSettings settings, LinkOutput& output)
    : settings_(std::move(settings)), output_(output) {}

void LinkProtocol::OnConnected(TimePoint now) {
  state_ = State::kAwaitingStart;
  handshake_deadline_ = now + settings_.handshake_timeout;
  keep_alive_deadline_.reset();
}

void LinkProtocol::OnRecord(const Record& record, TimePoint now,
                            std::chrono::system_clock::time_point wall) {
  if (state_ == State::kDisconnected) return;
  // Anything from the interface shows the link lives.
  keep_alive_deadline_.reset();
  const std::string& type = record.type();
  if (type == "LE") {
    output_.Send(Stamped("LE", wall));
    return End("the interface ended the link (LE)");
  }
  if (type == "LS") {
    // On a live link too: the interface restarted its side, and an answer still awaited will
    // not come on this session.
    if (outstanding_) Complete(Unavailable("the interface restarted the link (LS) unanswered"));
    return StartHandshake(record, now, wall);
  }
  if (state_ == State::kAwaitingAlive && type == "LA") {
    state_ = State::kAlive;
    last_sent_ = now;
    return;
  }
  if (state_ == State::kAlive) OnAliveRecord(record);
}

void LinkProtocol::StartHandshake(const Record& link_start, TimePoint now,
                                  std::chrono::system_clock::time_point wall) {
  output_.Send(
      Stamped("LD", wall).Set("V#", settings_.version).Set("IF", settings_.interface_family));
  if (settings_.key) {
    output_.Send(Record("CG").Set(
        "CV", MakeCryptogram(*settings_.key, link_start.GetOr("DA"), link_start.GetOr("TI"))));
  }
  for (const auto& [type, fields] : settings_.records) {
    output_.Send(Record("LR").Set("RI", type).Set("FL", fields));
  }
  output_.Send(Stamped("LA", wall));
  state_ = State::kAwaitingAlive;
  handshake_deadline_ = now + settings_.handshake_timeout;
}

void LinkProtocol::OnAliveRecord(const Record& record) {
  const std::string& type = record.type();
  if (outstanding_) {
    Outstanding& waiting = *outstanding_;
    const bool same_sequence = record.GetOr("P#") == waiting.sequence;
    if (waiting.expecting == Expecting::kPostingAnswer && type == "PA" && same_sequence) {
      return Complete(std::vector<Record>{record});
    }
    if (waiting.expecting == Expecting::kInquiryAnswer && type == "PL" && same_sequence) {
      return Complete(std::vector<Record>{record});
    }
    if (waiting.expecting == Expecting::kResync) {
      if (type == "DS") {
        waiting.answer.clear();
        return;
      }
      if (type == "DE") return Complete(std::move(waiting.answer));
      // The resync's guests are its answer, not events.
      if (type == "GI" || type == "GO" || type == "GC") return waiting.answer.push_back(record);
    }
  }
  // A PA or PL that matches nothing (a late answer, one sent twice) is dropped here: the
  // posting it answers is resolved by sending its P# again. LA answers a keep-alive.
  if (type == "GI" || type == "GO" || type == "GC") output_.Event(record);
}

void LinkProtocol::OnTick(TimePoint now, std::chrono::system_clock::time_point wall) {
  if (state_ == State::kAwaitingStart || state_ == State::kAwaitingAlive) {
    if (now >= handshake_deadline_) {
      End(state_ == State::kAwaitingStart ? "no LS from the interface in time"
                                          : "the interface did not answer the handshake in time");
    }
    return;
  }
  if (state_ != State::kAlive) return;
  if (outstanding_ && now >= outstanding_->deadline) {
    Complete(core::Fail(
        core::ErrorCode::kDeadlineExceeded,
        "no answer from the FIAS interface to P#" + outstanding_->sequence + " in time"));
  }
  if (keep_alive_deadline_ && now >= *keep_alive_deadline_) {
    return End("no answer to a keep-alive in time");
  }
  if (!keep_alive_deadline_ && !outstanding_ && now >= last_sent_ + settings_.keep_alive_interval) {
    output_.Send(Stamped("LA", wall));
    last_sent_ = now;
    keep_alive_deadline_ = now + settings_.answer_timeout;
  }
}

void LinkProtocol::OnDisconnected(const std::string& reason) {
  state_ = State::kDisconnected;
  keep_alive_deadline_.reset();
  if (outstanding_) Complete(Unavailable("FIAS link lost before the answer: " + reason));
}

void LinkProtocol::Submit(const Record& request, AnswerCallback done, TimePoint now) {
  if (state_ != State::kAlive) return done(Unavailable("the FIAS link is not alive"));
  if (outstanding_) {
    return done(core::Fail(core::ErrorCode::kInternal, "a FIAS request is already outstanding"));
  }
  const std::string& type = request.type();
  const Expecting expecting = type == "DR"                         ? Expecting::kResync
                              : type == "PR" && !request.Has("TA") ? Expecting::kInquiryAnswer
                                                                   : Expecting::kPostingAnswer;
  const auto timeout =
      expecting == Expecting::kPostingAnswer ? settings_.answer_timeout : settings_.inquiry_timeout;
  outstanding_ =
      Outstanding{expecting, std::string(request.GetOr("P#")), now + timeout, {}, std::move(done)};
  output_.Send(request);
  last_sent_ = now;
}

std::optional<LinkProtocol::TimePoint> LinkProtocol::NextDeadline() const {
  switch (state_) {
    case State::kDisconnected:
      return std::nullopt;
    case State::kAwaitingStart:
    case State::kAwaitingAlive:
      return handshake_deadline_;
    case State::kAlive:
      break;
  }
  // A keep-alive is due only on a quiet link: none while a request waits for its answer.
  std::optional<TimePoint> next = keep_alive_deadline_;
  if (!next && !outstanding_) next = last_sent_ + settings_.keep_alive_interval;
  if (outstanding_) next = next ? std::min(*next, outstanding_->deadline) : outstanding_->deadline;
  return next;
}

void LinkProtocol::Complete(Answer answer) {
  AnswerCallback done = std::move(outstanding_->done);
  outstanding_.reset();
  done(std::move(answer));
}

void LinkProtocol::End(const std::string& reason) {
  state_ = State::kDisconnected;
  keep_alive_deadline_.reset();
  if (outstanding_) Complete(Unavailable("FIAS link ended before the answer: " + reason));
  output_.Drop(reason);
}

}  // namespace chansync::fias
