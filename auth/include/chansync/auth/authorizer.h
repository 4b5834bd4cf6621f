#pragma once

#include <optional>

#include "chansync/auth/action.h"
#include "chansync/auth/channel_pairing.h"
#include "chansync/auth/principal.h"
#include "chansync/core/error.h"

namespace chansync::auth {

// What a call acts on, as far as a portal's rights depend on it.
struct Scope {
  std::optional<core::ChannelId> channel;
  std::optional<core::PropertyId> property;
};

// The authorisation table (action.h) plus a portal's scope. Thread-safe.
class Authorizer {
 public:
  explicit Authorizer(ChannelPairing& pairing) : pairing_(pairing) {}

  // PERMISSION_DENIED when the role may not perform `action`; for a portal, when the scope
  // names another channel or a property not paired with the portal's channel; for a pos key,
  // unless the scope names exactly the key's property. The message
  // names the key's role and the action only: whether the property exists is never told, and
  // the pairing is asked only after the role and channel passed. STORE_UNAVAILABLE when the
  // pairing cannot be read.
  core::Status Authorize(const Principal& principal, Action action, const Scope& scope) const;
  // Authorize without reading the store, for threads that must not wait: nullopt when the
  // answer needs a pairing that ChannelPairing::PairsIfKnown does not know.
  std::optional<core::Status> AuthorizeIfKnown(const Principal& principal, Action action,
                                               const Scope& scope) const;

 private:
  ChannelPairing& pairing_;
};

}  // namespace chansync::auth
