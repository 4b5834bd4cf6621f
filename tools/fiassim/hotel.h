#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chansync/fias/record.h"

namespace chansync::fiassim {

// A guest in house, as FIAS names it: room (RN), guest number (G#), name (GN), first name (GF).
struct Guest {
  std::string room;
  std::string guest_number;
  std::string name;
  std::string first_name;
  bool no_post = false;  // the PMS does not let this guest be charged

  // The GI record that announces the guest (GO / GC take the same fields).
  fias::Record ToRecord(std::string type) const;
};

// What the interface holds and books: in-house guests, one folio per guest, and every posting
// it was sent, by posting sequence number (P#). Thread-safe.
class Hotel {
 public:
  // Answer statuses of a PA (docs/fias.md).
  static constexpr const char* kOk = "OK";
  static constexpr const char* kUnknownRoom = "UR";
  static constexpr const char* kGuestMismatch = "NG";
  static constexpr const char* kNoPost = "NP";
  static constexpr const char* kInvalid = "IA";

  // Adds a guest, or replaces the one with the same guest number.
  void CheckIn(Guest guest);
  // Takes the guest out of house; nullopt when no such guest.
  std::optional<Guest> CheckOut(const std::string& guest_number);
  // Changes a guest (name, room move); nullopt when no such guest.
  std::optional<Guest> Change(const std::string& guest_number, const std::string& room,
                              const std::string& name);

  std::vector<Guest> InHouse() const;
  // The in-house guests of a room, or the one guest of a guest number.
  std::vector<Guest> Find(const std::string& room, const std::string& guest_number) const;

  // Books a PR or PS posting once per P#: the first time it is decided and, when OK, added to
  // the guest's folio; every later time the same P# answers that first PA unbooked.
  // `first` is set to whether this P# was new.
  fias::Record Post(const fias::Record& posting, bool* first);

  // {"booked_total", "postings": {P#: {"received", "booked", "status", "room", "amount"}}}
  std::string PostingsJson() const;
  // {"folios": {G#: {"room", "balance", "postings"}}}
  std::string FoliosJson() const;

 private:
  struct Booking {
    int received = 0;
    bool booked = false;
    std::string room;
    int64_t amount = 0;
    fias::Record answer;
  };
  struct Folio {
    std::string room;
    int64_t balance = 0;
    int postings = 0;
  };

  // The PA of a posting seen for the first time; books it when OK. Callers hold mutex_.
  fias::Record DecideLocked(const fias::Record& posting, Booking& booking);

  mutable std::mutex mutex_;
  std::map<std::string, Guest> guests_;      // by guest number
  std::map<std::string, Folio> folios_;      // by guest number, kept after check-out
  std::map<std::string, Booking> bookings_;  // by P#
  int64_t booked_total_ = 0;
};

}  // namespace chansync::fiassim
