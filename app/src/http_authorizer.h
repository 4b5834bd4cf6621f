#pragma once

#include "chansync/auth/guard.h"
#include "chansync/channel/ingest_authorizer.h"

namespace chansync::app {

// The HTTP ingest routes' check on `guard`: a push or batch is push_reservation, a check is
// check_availability, scoped to the path's channel and each item's property. Asked kAtOnce, it
// answers from the guard's caches (Guard::AdmitIfKnown). `guard` is copied.
channel::IngestAuthorizer MakeHttpAuthorizer(const auth::Guard& guard);

}  // namespace chansync::app
