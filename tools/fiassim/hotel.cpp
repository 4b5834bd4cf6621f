#include "hotel.h"

#include <algorithm>

#include "chansync/core/json_fields.h"
#include "chansync/fias/wire_values.h"

namespace chansync::fiassim {

fias::Record Guest::ToRecord(std::string type) const {
  fias::Record record(std::move(type));
  record.Set("RN", room).Set("G#", guest_number).Set("GN", name);
  if (!first_name.empty()) record.Set("GF", first_name);
  if (no_post) record.Set("NP", "Y");
  return record;
}

void Hotel::CheckIn(Guest guest) {
  std::lock_guard lock(mutex_);
  folios_[guest.guest_number].room = guest.room;
  guests_[guest.guest_number] = std::move(guest);
}

std::optional<Guest> Hotel::CheckOut(const std::string& guest_number) {
  std::lock_guard lock(mutex_);
  auto found = guests_.find(guest_number);
  if (found == guests_.end()) return std::nullopt;
  Guest guest = std::move(found->second);
  guests_.erase(found);
  return guest;
}

std::optional<Guest> Hotel::Change(const std::string& guest_number, const std::string& room,
                                   const std::string& name) {
  std::lock_guard lock(mutex_);
  auto found = guests_.find(guest_number);
  if (found == guests_.end()) return std::nullopt;
  if (!room.empty()) found->second.room = folios_[guest_number].room = room;
  if (!name.empty()) found->second.name = name;
  return found->second;
}

std::vector<Guest> Hotel::InHouse() const {
  std::lock_guard lock(mutex_);
  std::vector<Guest> out;
  for (const auto& [number, guest] : guests_) out.push_back(guest);
  return out;
}

std::vector<Guest> Hotel::Find(const std::string& room, const std::string& guest_number) const {
  std::lock_guard lock(mutex_);
  std::vector<Guest> out;
  for (const auto& [number, guest] : guests_) {
    if ((room.empty() || guest.room == room) && (guest_number.empty() || number == guest_number)) {
      out.push_back(guest);
    }
  }
  return out;
}

fias::Record Hotel::Post(const fias::Record& posting, bool* first) {
  std::lock_guard lock(mutex_);
  Booking& booking = bookings_[std::string(posting.GetOr("P#"))];
  *first = ++booking.received == 1;
  if (*first) booking.answer = DecideLocked(posting, booking);
  return booking.answer;
}

fias::Record Hotel::DecideLocked(const fias::Record& posting, Booking& booking) {
  const std::string room(posting.GetOr("RN"));
  const std::string guest_number(posting.GetOr("G#"));
  fias::Record answer("PA");
  answer.Set("RN", room).Set("P#", std::string(posting.GetOr("P#")));
  if (!guest_number.empty()) answer.Set("G#", guest_number);
  auto amount = fias::ParseAmount(posting.GetOr("TA"));
  const Guest* guest = nullptr;
  for (const auto& [number, candidate] : guests_) {
    if (candidate.room == room && (guest_number.empty() || number == guest_number)) {
      guest = &candidate;
      break;
    }
  }
  const bool room_in_house =
      guest != nullptr || std::any_of(guests_.begin(), guests_.end(), [&room](const auto& entry) {
        return entry.second.room == room;
      });
  const char* status = !amount || posting.GetOr("P#").empty() ? kInvalid
                       : !room_in_house                       ? kUnknownRoom
                       : guest == nullptr                     ? kGuestMismatch
                       : guest->no_post                       ? kNoPost
                                                              : kOk;
  answer.Set("AS", status);
  booking.room = room;
  booking.amount = amount.value_or(0);
  if (status == std::string_view(kOk)) {
    Folio& folio = folios_[guest->guest_number];
    folio.balance += *amount;
    ++folio.postings;
    booking.booked = true;
    ++booked_total_;
    answer.Set("G#", guest->guest_number);
  }
  return answer;
}

std::string Hotel::PostingsJson() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "booked_total");
  w.Int64(booked_total_);
  core::json::Key(w, "postings");
  w.StartObject();
  for (const auto& [number, booking] : bookings_) {
    core::json::Key(w, number);
    w.StartObject();
    core::json::Key(w, "received");
    w.Int(booking.received);
    core::json::Key(w, "booked");
    w.Bool(booking.booked);
    core::json::Key(w, "status");
    core::json::String(w, booking.answer.GetOr("AS"));
    core::json::Key(w, "room");
    core::json::String(w, booking.room);
    core::json::Key(w, "amount");
    w.Int64(booking.amount);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return core::json::Text(buffer);
}

std::string Hotel::FoliosJson() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  core::json::Writer w(buffer);
  w.StartObject();
  core::json::Key(w, "folios");
  w.StartObject();
  for (const auto& [number, folio] : folios_) {
    core::json::Key(w, number);
    w.StartObject();
    core::json::Key(w, "room");
    core::json::String(w, folio.room);
    core::json::Key(w, "balance");
    w.Int64(folio.balance);
    core::json::Key(w, "postings");
    w.Int(folio.postings);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return core::json::Text(buffer);
}

}  // namespace chansync::fiassim
