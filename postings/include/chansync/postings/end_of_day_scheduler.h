#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <stop_token>

#include "chansync/core/civil_date.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/postings/posting_log.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_setup_store.h"

namespace chansync::postings {

struct EndOfDaySchedulerOptions {
  std::chrono::milliseconds tick{30'000};  // how often Run looks for closed business dates
  // How long after a date's closing its end of day is sent: postings still on their way to the
  // PMS then count. While some of the date's postings are pending, the run waits for them until
  // closing + max_wait, then sends what was posted.
  std::chrono::milliseconds grace{5 * 60'000};
  std::chrono::milliseconds max_wait{60 * 60'000};
};

// What one RunDue did.
struct EndOfDayRunReport {
  int sent = 0;     // summaries recorded and sent (or found sent elsewhere)
  int waiting = 0;  // dates not due yet, or waiting for pending postings
  int empty = 0;    // closed dates without postings: nothing to send
  int errors = 0;   // the store or the PMS failed; tried again next tick

  friend bool operator==(const EndOfDayRunReport&, const EndOfDayRunReport&) = default;
};

// Sends each property's end of day automatically, shortly after its closing time (SPEC §2): for
// every property, the business date that closed last (BusinessDateAt of now, minus one day) is
// due `grace` after its closing (BusinessDayEnd); PostingDesk::EndOfDay records its summary once
// and sends it, so several processes running this loop agree on one summary, booked once by the
// PMS under its idempotency key. A date without postings sends nothing. A process that was down
// catches up the last closed date when it starts (only that one).
//
// Thread-safety: RunDue/Run from one thread. The ports must outlive the scheduler.
class EndOfDayScheduler {
 public:
  EndOfDayScheduler(PostingDesk& desk, PostingProperties& properties, PostingSetupStore& setups,
                    PostingLog& log, const core::Clock& clock,
                    EndOfDaySchedulerOptions options = {});

  // One scan of every property. Fails only when the property list cannot be read.
  core::Result<EndOfDayRunReport> RunDue();
  // RunDue every tick until stop is requested.
  void Run(std::stop_token stop);

 private:
  enum class Outcome { kSent, kWaiting, kEmpty, kError };
  Outcome RunProperty(const core::Property& property);

  PostingDesk& desk_;
  PostingProperties& properties_;
  PostingSetupStore& setups_;
  PostingLog& log_;
  const core::Clock& clock_;
  const EndOfDaySchedulerOptions options_;
  // The last business date known settled per property: its end of day needs no further look.
  std::map<core::PropertyId, core::CivilDate> settled_;
};

}  // namespace chansync::postings
