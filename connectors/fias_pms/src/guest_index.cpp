#include "chansync/fias_pms/guest_index.h"

#include <algorithm>
#include <cctype>

#include "chansync/fias/wire_values.h"

namespace chansync::fias_pms {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool Contains(std::string_view haystack, const std::string& lowered_needle) {
  return Lower(haystack).find(lowered_needle) != std::string::npos;
}

}  // namespace

postings::InHouseStay StayOfGuestRecord(const fias::Record& record) {
  postings::InHouseStay stay;
  stay.id = std::string(record.GetOr("G#"));
  stay.folio_id = stay.id;
  stay.room = std::string(record.GetOr("RN"));
  stay.last_name = std::string(record.GetOr("GN"));
  stay.first_name = std::string(record.GetOr("GF"));
  stay.state = postings::CheckInState::kCheckedIn;
  stay.charge_transfers_allowed = record.GetOr("NP") != "Y";
  auto arrival = fias::ParseDate(record.GetOr("GA"));
  auto departure = fias::ParseDate(record.GetOr("GD"));
  if (arrival && departure) stay.dates = core::Stay{*arrival, *departure};
  return stay;
}

void GuestIndex::Apply(const fias::Record& event) {
  const std::string guest(event.GetOr("G#"));
  if (guest.empty()) return;
  std::lock_guard lock(mutex_);
  if (event.type() == "GO") {
    stays_.erase(guest);
  } else if (event.type() == "GI") {
    stays_[guest] = StayOfGuestRecord(event);
  } else if (event.type() == "GC") {
    // A change names only what changed; the rest of the guest stays as it was.
    postings::InHouseStay& stay = stays_[guest];
    const postings::InHouseStay changed = StayOfGuestRecord(event);
    stay.id = stay.folio_id = guest;
    stay.state = postings::CheckInState::kCheckedIn;
    if (!changed.room.empty()) stay.room = changed.room;
    if (!changed.last_name.empty()) stay.last_name = changed.last_name;
    if (!changed.first_name.empty()) stay.first_name = changed.first_name;
    if (event.Has("NP")) stay.charge_transfers_allowed = changed.charge_transfers_allowed;
  }
}

void GuestIndex::Replace(const std::vector<fias::Record>& resync) {
  std::map<std::string, postings::InHouseStay> stays;
  for (const fias::Record& record : resync) {
    if (record.type() == "GI" && record.Has("G#")) {
      postings::InHouseStay stay = StayOfGuestRecord(record);
      stays[stay.id] = std::move(stay);
    }
  }
  std::lock_guard lock(mutex_);
  stays_ = std::move(stays);
  synced_ = true;
}

bool GuestIndex::synced() const {
  std::lock_guard lock(mutex_);
  return synced_;
}

std::optional<postings::InHouseStay> GuestIndex::Find(const std::string& guest_number) const {
  std::lock_guard lock(mutex_);
  auto found = stays_.find(guest_number);
  if (found == stays_.end()) return std::nullopt;
  return found->second;
}

std::vector<postings::InHouseStay> GuestIndex::Search(const std::string& text) const {
  const std::string needle = Lower(text);
  std::lock_guard lock(mutex_);
  std::vector<postings::InHouseStay> out;
  for (const auto& [guest, stay] : stays_) {
    if (Contains(stay.last_name, needle) || Contains(stay.first_name, needle) ||
        Contains(stay.room, needle)) {
      out.push_back(stay);
    }
  }
  return out;
}

}  // namespace chansync::fias_pms
