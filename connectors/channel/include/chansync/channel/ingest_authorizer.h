#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::channel {

// The portal-facing HTTP routes, as the authorisation check knows them.
enum class IngestRoute { kPushReservation, kPushBatch, kCheckAvailability };

// Whether an HTTP ingest request may proceed; the transport calls it, the service's wiring
// supplies it (app/, on auth::Guard). Called first for the request, before its body is read,
// with the Authorization header's value (empty when absent), the route, the channel of the path
// and no `property`; then once per reservation of the body (or for the check) with its
// property. An error refuses: the whole request at the first call (401 UNAUTHENTICATED, 403
// PERMISSION_DENIED, from the error table), one item at the later ones (its own result in a
// batch; the answer of a single push or check). Must be thread-safe.
using IngestAuthorizer =
    std::function<core::Status(std::string_view authorization, IngestRoute route,
                               std::string_view channel, std::optional<std::string_view> property)>;

}  // namespace chansync::channel
