#pragma once

#include <map>
#include <optional>
#include <string>

#include "chansync/fias/cryptogram.h"
#include "chansync/fias/record.h"
#include "faults.h"
#include "hotel.h"

namespace chansync::fiassim {

// Where a session's records go: the connection it serves.
class SessionOutput {
 public:
  virtual ~SessionOutput() = default;
  virtual void Send(const fias::Record& record) = 0;
  // Closes the connection once what was sent is written.
  virtual void Drop() = 0;
};

// The interface's side of one connection (docs/fias.md): it opens with LS, takes LD, the LRs, CG
// when a key is set, and LA, answers LA (the link is then alive), and from then on answers
// keep-alives, inquiries, postings and database resyncs. Not thread-safe: one per connection,
// driven by its reading thread.
class InterfaceSession {
 public:
  InterfaceSession(Hotel& hotel, Faults& faults, std::optional<fias::LinkKey> key,
                   SessionOutput& output)
      : hotel_(hotel), faults_(faults), key_(key), output_(output) {}

  // Sends the LS that opens the link.
  void Start(const std::string& date, const std::string& time);
  void OnRecord(const fias::Record& record);

  bool alive() const { return state_ == State::kAlive; }
  // The record ids the client announced with LR, each with its field list.
  const std::map<std::string, std::string>& announced() const { return announced_; }
  const fias::Record& link_description() const { return link_description_; }

 private:
  enum class State { kAwaitingDescription, kAwaitingAlive, kAlive, kEnded };

  void OnHandshake(const fias::Record& record);
  // Whether the client's CG is the one the key makes; true without a key.
  bool Authenticated() const;
  void Refuse(const std::string& reason);
  void OnPosting(const fias::Record& record);
  void OnInquiry(const fias::Record& record);
  void OnResync();
  void Slow() const;

  Hotel& hotel_;
  Faults& faults_;
  std::optional<fias::LinkKey> key_;
  SessionOutput& output_;
  State state_ = State::kAwaitingDescription;
  std::string start_date_;
  std::string start_time_;
  std::string cryptogram_;
  fias::Record link_description_;
  std::map<std::string, std::string> announced_;
};

}  // namespace chansync::fiassim
