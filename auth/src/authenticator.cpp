#include "chansync/auth/authenticator.h"

#include <cctype>

namespace chansync::auth {
namespace {

// Bounds the cache: ids come from the callers, and unknown ones are never cached.
constexpr size_t kMaxCachedKeys = 10000;

core::Error Unauthenticated() {
  return {core::ErrorCode::kUnauthenticated,
          "a valid API key is required (Authorization: Bearer <key>)"};
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

}  // namespace

core::Result<Principal> Authenticator::Authenticate(std::string_view authorization) const {
  const auto text = ParseKey(BearerToken(authorization));
  if (!text) return std::unexpected(Unauthenticated());
  return Verify(*text, Lookup(text->id));
}

std::optional<core::Result<Principal>> Authenticator::AuthenticateIfKnown(
    std::string_view authorization) const {
  const auto text = ParseKey(BearerToken(authorization));
  if (!text) return core::Result<Principal>(std::unexpected(Unauthenticated()));
  auto key = FreshInCache(text->id);
  if (!key) return std::nullopt;
  return Verify(*text, std::move(*key));
}

core::Result<Principal> Authenticator::Verify(const KeyText& text, core::Result<ApiKey> key) const {
  if (!key) {
    if (key.error().code == core::ErrorCode::kNotFound) return std::unexpected(Unauthenticated());
    return std::unexpected(key.error());
  }
  // Hash first, compare in constant time: how much of the secret matched must not show in time.
  if (!SameHash(HashSecret(text.secret), key->secret_hash) || !key->ActiveAt(clock_.Now())) {
    return std::unexpected(Unauthenticated());
  }
  return Principal{key->id, key->name, key->role, key->channel, key->property};
}

std::optional<ApiKey> Authenticator::FreshInCache(const std::string& id) const {
  const auto now = clock_.SteadyNow();
  std::lock_guard lock(mutex_);
  auto it = cache_.find(id);
  if (it != cache_.end() && now - it->second.read_at < cache_ttl_) return it->second.key;
  return std::nullopt;
}

core::Result<ApiKey> Authenticator::Lookup(const std::string& id) const {
  if (auto cached = FreshInCache(id)) return std::move(*cached);
  const auto now = clock_.SteadyNow();
  ASSIGN_OR_RETURN(ApiKey key, store_.Get(id));
  if (cache_ttl_.count() > 0) {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= kMaxCachedKeys) cache_.clear();
    cache_[id] = Cached{key, now};
  }
  return key;
}

}  // namespace chansync::auth
