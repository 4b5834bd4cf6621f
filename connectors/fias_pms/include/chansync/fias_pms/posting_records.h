#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "chansync/core/error.h"
#include "chansync/fias/record.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::fias_pms {

// Where a posting is booked on the interface: a guest's room and guest number (a guest-verified
// PR), or a room alone (a PS: an internal account is a PMS "room" named like the account).
struct FiasDestination {
  std::string room;
  std::string guest_number;  // empty for a room posting
};

// The PR (with a guest number) or PS record of `request` (docs/fias.md, "Postings over FIAS"):
// RN, G#, TA (amount and tip in minor units), TP (the tip, part of TA), P#, SO (a charge's
// outlet), PM (a payment's selector), CT (the posting id), WS (the point of sale), DA and TI
// (`now`, UTC).
fias::Record PostingRecordOf(const postings::PmsPostingRequest& request,
                             const FiasDestination& destination, int64_t sequence,
                             std::chrono::system_clock::time_point now);

// The inquiry PR for a guest number (and room, when known): no TA, a P# of its own.
fias::Record InquiryOf(const FiasDestination& destination, int64_t sequence);

// What a posting's PA means for the port: the receipt when AS is OK, else
//   UR, NG            NOT_FOUND (room not in house; no such guest in the room)
//   NP                STAY_NOT_CHARGEABLE
//   IA and the rest   PMS_REJECTED
// FIAS tells no balance: the receipt's balance is 0 in the posting's currency.
core::Result<postings::PmsPostingReceipt> ReceiptOf(const fias::Record& answer,
                                                    const postings::PmsPostingRequest& request);

// True for the answer statuses after which the interface booked nothing.
bool IsRefusal(const fias::Record& answer);

}  // namespace chansync::fias_pms
