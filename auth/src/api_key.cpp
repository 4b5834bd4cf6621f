#include "chansync/auth/api_key.h"

#include <sodium.h>

#include <cstdlib>

namespace chansync::auth {
namespace {

constexpr std::string_view kKeyPrefix = "csk_";
constexpr size_t kIdBytes = 8;
constexpr size_t kSecretBytes = 32;

void InitSodium() {
  // sodium_init is thread-safe and idempotent; it fails only when the system has no entropy
  // source, and then no key could be made safely.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

std::string RandomHex(size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  sodium_memzero(raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

bool IsLowerHex(std::string_view text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool ApiKey::ActiveAt(core::Timestamp now) const {
  if (revoked_at) return false;
  return !expires_at || now < *expires_at;
}

KeyText NewKeyText() { return {RandomHex(kIdBytes), RandomHex(kSecretBytes)}; }

std::string FormatKey(const KeyText& key) {
  return std::string(kKeyPrefix) + key.id + "_" + key.secret;
}

std::optional<KeyText> ParseKey(std::string_view text) {
  if (!text.starts_with(kKeyPrefix)) return std::nullopt;
  text.remove_prefix(kKeyPrefix.size());
  const auto separator = text.find('_');
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string_view id = text.substr(0, separator);
  const std::string_view secret = text.substr(separator + 1);
  if (!IsLowerHex(id, kIdBytes * 2) || !IsLowerHex(secret, kSecretBytes * 2)) return std::nullopt;
  return KeyText{std::string(id), std::string(secret)};
}

// A key's secret holds 256 random bits, so no dictionary or brute-force search can find it from
// its hash: a deliberately slow password hash (Argon2) would only add its cost to every call. A
// fast cryptographic hash is enough to keep a copy of the store from yielding usable keys.
std::string HashSecret(std::string_view secret) {
  InitSodium();
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  return hash;
}

bool SameHash(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace chansync::auth
