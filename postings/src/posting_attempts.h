#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/postings/folio_pms_directory.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_setup_store.h"

namespace chansync::postings {

// A record after one attempt to book it in the PMS.
struct AttemptOutcome {
  PostingRecord record;
  // The failure was transient (PMS or store unavailable, deadline): the record stays pending
  // and the posting must be tried again later.
  bool retry = false;
};

// One PMS attempt of some postings, shared by the worker (a claimed batch) and a forced posting:
// each property's set-up and PMS are read once, each posting gets its PMS code (an unmapped
// centre or type fails it untried), and the mapped ones go to their PMS in one PostMany per PMS,
// with the posting id as the idempotency key, so a retry never books twice.
class PostingAttempts {
 public:
  PostingAttempts(PostingSetupStore& setups, PostingProperties& properties, FolioPmsDirectory& pms,
                  const core::Clock& clock, size_t max_in_flight,
                  std::chrono::milliseconds pms_deadline);

  // One outcome per record, in order: posted with its receipt, pending to retry, or failed with
  // the error's code, message and a hint for the operator.
  std::vector<AttemptOutcome> Run(const std::vector<PostingRecord>& records);

 private:
  PostingSetupStore& setups_;
  PostingProperties& properties_;
  FolioPmsDirectory& pms_;
  const core::Clock& clock_;
  const size_t max_in_flight_;
  const std::chrono::milliseconds pms_deadline_;
};

// What an operator can do about a posting that failed with `code`.
std::string HintFor(core::ErrorCode code);

}  // namespace chansync::postings
