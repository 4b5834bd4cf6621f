#pragma once

#include "chansync/auth/action.h"
#include "chansync/auth/guard.h"
#include "chansync/pos/posting_authorizer.h"

namespace chansync::app {

// The action each postings HTTP route performs, as PostingService's methods do in the gRPC
// method table: search_guests, submit_posting (a spa's events too), void_posting, read_postings,
// force_posting.
auth::Action ActionOfPostingRoute(pos::PostingRoute route);

// The postings routes' check on `guard`: the route's action, scoped to the path's property (a pos
// key acts for its own property only). `guard` is copied.
pos::PostingAuthorizer MakePostingAuthorizer(const auth::Guard& guard);

}  // namespace chansync::app
