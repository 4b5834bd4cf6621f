#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chansync/fias/record.h"
#include "chansync/postings/folio.h"

namespace chansync::fias_pms {

// The in-house guests of one FIAS interface, kept in memory from the interface's GI / GO / GC
// records and replaced by each database resync (DR -> DS, GI..., DE). A guest's stay id and
// folio id are its guest number (G#). Lost with the process: the adapter resyncs on each new
// connection, so it is whole again once the link is up. Thread-safe.
class GuestIndex {
 public:
  // Applies a GI (check-in), GO (check-out) or GC (change, room move); other records are
  // ignored.
  void Apply(const fias::Record& event);
  // Replaces the whole index with the GIs among `resync`.
  void Replace(const std::vector<fias::Record>& resync);
  // Whether a resync filled the index once.
  bool synced() const;

  std::optional<postings::InHouseStay> Find(const std::string& guest_number) const;
  // The guests whose name, first name or room contains `text`, ignoring ASCII case.
  std::vector<postings::InHouseStay> Search(const std::string& text) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, postings::InHouseStay> stays_;  // by guest number
  bool synced_ = false;
};

// The stay a GI or GC record describes: RN, G#, GN, GF, NP (Y: not chargeable), GA / GD
// (arrival and departure, YYMMDD) when sent.
postings::InHouseStay StayOfGuestRecord(const fias::Record& record);

}  // namespace chansync::fias_pms
