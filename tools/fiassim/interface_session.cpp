#include "interface_session.h"

#include <chrono>
#include <thread>

namespace chansync::fiassim {
namespace {

// FIAS lists several guests of one inquiry in one PL, each field's values separated by '\'.
constexpr char kListSeparator = '\\';

void AppendListed(std::string& list, const std::string& value) {
  if (!list.empty()) list += kListSeparator;
  list += value;
}

}  // namespace

void InterfaceSession::Start(const std::string& date, const std::string& time) {
  start_date_ = date;
  start_time_ = time;
  output_.Send(fias::Record("LS").Set("DA", date).Set("TI", time));
}

void InterfaceSession::OnRecord(const fias::Record& record) {
  const std::string& type = record.type();
  if (state_ == State::kEnded) {
    // The client's answer to our LE: the link is over.
    if (type == "LE") output_.Drop();
    return;
  }
  if (type == "LE") {
    output_.Send(fias::Record("LE").Set("DA", start_date_).Set("TI", start_time_));
    state_ = State::kEnded;
    output_.Drop();
    return;
  }
  if (state_ != State::kAlive) return OnHandshake(record);
  if (type == "LA") {
    if (!faults_.ignore_keep_alive()) output_.Send(fias::Record("LA"));
  } else if (type == "PS" || (type == "PR" && record.Has("TA"))) {
    OnPosting(record);
  } else if (type == "PR") {
    OnInquiry(record);
  } else if (type == "DR") {
    OnResync();
  }
  // Anything else (an unknown record among them) is ignored, as FIAS asks of both sides.
}

void InterfaceSession::OnHandshake(const fias::Record& record) {
  const std::string& type = record.type();
  if (type == "LD") {
    if (faults_.refuse_handshake()) return Refuse("handshake refused (fault switch)");
    link_description_ = record;
    announced_.clear();
    cryptogram_.clear();
    state_ = State::kAwaitingAlive;
  } else if (type == "LR" && state_ == State::kAwaitingAlive) {
    announced_[std::string(record.GetOr("RI"))] = std::string(record.GetOr("FL"));
  } else if (type == "CG" && state_ == State::kAwaitingAlive) {
    cryptogram_ = std::string(record.GetOr("CV"));
  } else if (type == "LA" && state_ == State::kAwaitingAlive) {
    if (!Authenticated()) return Refuse("cryptogram missing or wrong");
    state_ = State::kAlive;
    output_.Send(fias::Record("LA").Set("DA", start_date_).Set("TI", start_time_));
  }
}

bool InterfaceSession::Authenticated() const {
  return !key_ || (!cryptogram_.empty() &&
                   cryptogram_ == fias::MakeCryptogram(*key_, start_date_, start_time_));
}

// The client answers LE with LE and closes; closing here at once could reset the connection
// before it reads the LE.
void InterfaceSession::Refuse(const std::string& reason) {
  output_.Send(fias::Record("LE").Set("CT", reason));
  state_ = State::kEnded;
}

void InterfaceSession::OnPosting(const fias::Record& record) {
  const Faults::PostingFault fault = faults_.NextPosting();
  if (fault == Faults::PostingFault::kDropBeforeBooking) return output_.Drop();
  bool first = false;
  const fias::Record answer = hotel_.Post(record, &first);
  Slow();
  switch (fault) {
    case Faults::PostingFault::kDropAfterBooking:
      return output_.Drop();
    case Faults::PostingFault::kNeverAnswer:
      return;
    case Faults::PostingFault::kAnswerTwice:
      output_.Send(answer);
      return output_.Send(answer);
    default:
      return output_.Send(answer);
  }
}

void InterfaceSession::OnInquiry(const fias::Record& record) {
  Slow();
  const auto guests = hotel_.Find(std::string(record.GetOr("RN")), std::string(record.GetOr("G#")));
  fias::Record list("PL");
  std::string rooms, numbers, names;
  for (const Guest& guest : guests) {
    AppendListed(rooms, guest.room);
    AppendListed(numbers, guest.guest_number);
    AppendListed(names, guest.name);
  }
  list.Set("P#", std::string(record.GetOr("P#")))
      .Set("AS", guests.empty() ? Hotel::kGuestMismatch : Hotel::kOk);
  if (!guests.empty()) list.Set("RN", rooms).Set("G#", numbers).Set("GN", names);
  output_.Send(list);
}

void InterfaceSession::OnResync() {
  Slow();
  output_.Send(fias::Record("DS"));
  for (const Guest& guest : hotel_.InHouse()) output_.Send(guest.ToRecord("GI"));
  output_.Send(fias::Record("DE"));
}

void InterfaceSession::Slow() const {
  if (const int ms = faults_.latency_ms(); ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }
}

}  // namespace chansync::fiassim
