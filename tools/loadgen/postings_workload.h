#pragma once

#include <cstdint>
#include <string>

#include "chansync/core/civil_date.h"
#include "chansync/postings/folio_pms.h"
#include "flags.h"

namespace chansync::loadgen {

// The postings bench's estate, named the same way by tests/bench/run.sh when it writes the
// pmssim data and the posting set-up: one property whose `stays` guests are checked in, stay
// "BS<n>" in room 100+n, and one revenue centre ("bar", outlet OUT-BAR, code TC-200).
struct PostingsShape {
  std::string property = "bp000";
  int stays = 50;
  int tills = 4;
};

// --property, --stays and --tills, defaulting to the fields above.
PostingsShape PostingsShapeFrom(const Flags& flags);

std::string StayName(int index);  // "BS007"

// Charge number `sequence` of a run, as a till sends it: 12.50 EUR + 1.00 tip at the bar on
// stay `sequence % stays`, from till `sequence % tills`, ticket "<run>-<sequence>", line 1.
// The posting's id (its PMS idempotency key) is therefore new for every sequence of a run.
postings::Posting MakeCharge(const PostingsShape& shape, const std::string& run, int64_t sequence,
                             core::CivilDate business_date);

// The body of POST /v1/properties/{p}/postings for `charge` (docs/postings-api.md), without a
// business date: chansync dates it, as it does a till's.
std::string TillPostingBody(const postings::Posting& charge);

// The same charge as chansync asks the PMS to book it, with the bar's PMS codes.
postings::PmsPostingRequest PmsRequestOf(const postings::Posting& charge);

// Today's date in UTC: what the bench's pmssim and the direct baseline date their postings.
core::CivilDate TodayUtc();

}  // namespace chansync::loadgen
