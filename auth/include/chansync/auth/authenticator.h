#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "chansync/auth/key_store.h"
#include "chansync/auth/principal.h"
#include "chansync/core/clock.h"

namespace chansync::auth {

// Turns a call's credentials into its Principal.
// Thread-safe. Keys read from the store are kept for `cache_ttl`, so a busy portal costs one
// store read per key and ttl, not one per call; a revocation made elsewhere takes effect within
// that time.
class Authenticator {
 public:
  Authenticator(KeyStore& store, const core::Clock& clock,
                std::chrono::milliseconds cache_ttl = std::chrono::seconds(1))
      : store_(store), clock_(clock), cache_ttl_(cache_ttl) {}

  // `authorization` is the value of an Authorization header (HTTP) or `authorization` metadata
  // (gRPC): "Bearer <key>", the scheme in any case. UNAUTHENTICATED for a missing, malformed,
  // unknown, expired or revoked key, always with the same message so the answer tells nothing
  // of which; STORE_UNAVAILABLE when the store cannot be read.
  core::Result<Principal> Authenticate(std::string_view authorization) const;
  // Authenticate without reading the store, for threads that must not wait: nullopt when the
  // key is not in the cache (or its entry is older than cache_ttl), else Authenticate's answer.
  std::optional<core::Result<Principal>> AuthenticateIfKnown(std::string_view authorization) const;

 private:
  core::Result<ApiKey> Lookup(const std::string& id) const;
  std::optional<ApiKey> FreshInCache(const std::string& id) const;
  // The principal of `text` when `key` is its stored key and active; UNAUTHENTICATED otherwise.
  core::Result<Principal> Verify(const KeyText& text, core::Result<ApiKey> key) const;

  struct Cached {
    ApiKey key;
    std::chrono::steady_clock::time_point read_at;
  };

  KeyStore& store_;
  const core::Clock& clock_;
  const std::chrono::milliseconds cache_ttl_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace chansync::auth
