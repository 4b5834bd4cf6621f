#pragma once

#include "chansync/channel/http_exchange.h"
#include "chansync/postings/posting_desk.h"
#include "posting_route_match.h"

namespace chansync::pos {

// A spa system's event (the spa/... routes, docs/postings-api.md "Spa events"): its JSON body
// (spa_wire.h) must be application/json (415), is decoded into the event of `route` (400 naming
// the field), posted by postings::SpaPostings on `desk`, all of its postings or none, and
// answered 202 {"postings": [acceptance...]} (an empty list when the event posts nothing).
// `route.route` must be one of the spa routes.
channel::HttpAnswer AnswerSpaEvent(postings::PostingDesk& desk, const MatchedRoute& route,
                                   const channel::HttpRequest& request);

}  // namespace chansync::pos
