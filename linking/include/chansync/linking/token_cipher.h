#pragma once

#include <array>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::linking {

// Seals PMS tokens for storage with XChaCha20-Poly1305 (libsodium) under the service's secrets
// key: each Seal draws a fresh random nonce, and the text is bound to what it belongs to (the
// property id, as associated data), so a sealed token copied onto another property does not
// open. Immutable once built; thread-safe.
class TokenCipher {
 public:
  static constexpr size_t kKeyBytes = 32;

  // The key in a file: 64 hex digits, surrounding whitespace ignored (`make run` writes one with
  // `od -An -tx1 -N32 /dev/urandom`). SECRETS_NOT_CONFIGURED naming the path when it cannot be
  // read, is not 64 hex digits, or is readable by other users than its owner.
  static core::Result<TokenCipher> FromKeyFile(const std::string& path);
  // The key as 64 hex digits; SECRETS_NOT_CONFIGURED when it is not.
  static core::Result<TokenCipher> FromHexKey(std::string_view hex);

  // "v1:" then base64 (URL-safe, unpadded) of nonce and ciphertext. Never contains `token`.
  std::string Seal(std::string_view token, std::string_view bound_to) const;
  // The token Seal was given; SECRETS_NOT_CONFIGURED when `sealed` was not sealed for
  // `bound_to` with this key (another key, another property, or altered text).
  core::Result<std::string> Open(std::string_view sealed, std::string_view bound_to) const;

 private:
  explicit TokenCipher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {}

  std::array<unsigned char, kKeyBytes> key_;
};

}  // namespace chansync::linking
