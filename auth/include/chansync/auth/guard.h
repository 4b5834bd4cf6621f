#pragma once

#include <optional>
#include <string_view>

#include "chansync/auth/action.h"
#include "chansync/auth/authenticator.h"
#include "chansync/auth/authorizer.h"

namespace chansync::auth {

// The one check every transport makes before it acts: who calls (Authenticator), then whether
// they may (Authorizer). Cheap to copy; the two must outlive it. Thread-safe.
class Guard {
 public:
  Guard(const Authenticator& authenticator, const Authorizer& authorizer)
      : authenticator_(&authenticator), authorizer_(&authorizer) {}

  // For local experiments (`chansync serve --auth off`): admits every call as an unnamed vendor.
  static Guard Disabled() { return Guard(); }
  bool enabled() const { return authenticator_ != nullptr; }

  // Authenticate, then Authorize: UNAUTHENTICATED before anything about the call is looked at,
  // then PERMISSION_DENIED (see Authorizer::Authorize).
  core::Result<Principal> Admit(std::string_view authorization, Action action,
                                const Scope& scope = {}) const;
  // Admit from what is cached, never reading the store, for threads that must not wait (an
  // HTTP server's event threads): nullopt when the key or the pairing would have to be read;
  // the caller then asks Admit where waiting is fine.
  std::optional<core::Result<Principal>> AdmitIfKnown(std::string_view authorization, Action action,
                                                      const Scope& scope = {}) const;
  // Only who calls: UNAUTHENTICATED for a bad key.
  core::Result<Principal> Authenticate(std::string_view authorization) const;
  // The scope of one item of a call already admitted (a reservation of a batch or stream).
  core::Status Authorize(const Principal& principal, Action action, const Scope& scope) const;

 private:
  Guard() = default;

  const Authenticator* authenticator_ = nullptr;
  const Authorizer* authorizer_ = nullptr;
};

}  // namespace chansync::auth
