#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::channel {

// The portal-facing HTTP routes, as the authorisation check knows them.
enum class IngestRoute { kPushReservation, kPushBatch, kCheckAvailability };

// Whether the authorizer may read its store to answer (a key or a pairing it does not hold).
enum class AuthorizeWait {
  kMayWait,  // always answers
  kAtOnce,   // answers from what it holds, never blocking; nullopt when it would have to read
};

// Whether an HTTP ingest request may proceed; the routes call it, the service's wiring
// supplies it (app/, on auth::Guard). Called first for the request, with the Authorization
// header's value (empty when absent), the route, the channel of the path and no `property`;
// then once per reservation of the body (or for the check) with its property. An error refuses:
// the whole request at the first call (401 UNAUTHENTICATED, 403 PERMISSION_DENIED, from the
// error table), one item at the later ones (its own result in a batch; the answer of a single
// push or check). On the server's event threads it is asked kAtOnce, so a store read never
// stalls the other connections: a nullopt sends the request to the threads that may wait, which
// ask again kMayWait. Must be thread-safe.
using IngestAuthorizer = std::function<std::optional<core::Status>(
    std::string_view authorization, IngestRoute route, std::string_view channel,
    std::optional<std::string_view> property, AuthorizeWait wait)>;

}  // namespace chansync::channel
