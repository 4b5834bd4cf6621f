#pragma once

#include "args.h"
#include "chansync/core/error.h"
#include "chansync/v1/postings.pb.h"

namespace chansync::app {

// The postings commands' requests, from their command lines. Each fails INVALID_ARGUMENT with
// the option's name and what it takes; the service checks the rest.

// postings --property P --day YYYY-MM-DD [--failed]
core::Result<v1::ListPostingsRequest> ListPostingsRequestOf(const Args& args);
// eod --property P [--day YYYY-MM-DD]
core::Result<v1::RunEndOfDayRequest> EndOfDayRequestOf(const Args& args);
// guests --property P --search TEXT
core::Result<v1::SearchGuestsRequest> SearchGuestsRequestOf(const Args& args);
// posting show|force ID --property P: the one positional is the posting id.
core::Result<std::pair<std::string, std::string>> PostingIdOf(const Args& args);

// Whether posting-setup was asked to change anything (else it shows the set-up).
bool ChangesPostingSetup(const Args& args);
// Applies posting-setup's changes to `setup`: --closing HH:MM, each --revenue-centre
// NAME=OUTLET:CODE, each --payment-type NAME=SELECTOR, and the switches --post-prepayments,
// --reverse-deposit-on-checkout, --post-offline-membership-payments (on|off).
core::Status ApplyPostingSetupArgs(const Args& args, v1::PostingSetup& setup);

}  // namespace chansync::app
