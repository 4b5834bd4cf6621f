#include "chansync/linking/token_cipher.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace chansync::linking {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::string_view kVersion = "v1:";
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

core::Status EnsureSodium() {
  // sodium_init is idempotent and thread-safe; it fails only without a usable random source.
  if (sodium_init() < 0) {
    return Fail(ErrorCode::kSecretsNotConfigured, "libsodium could not be initialised");
  }
  return core::Ok();
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

core::Result<TokenCipher> TokenCipher::FromKeyFile(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    return Fail(ErrorCode::kSecretsNotConfigured, "cannot read secrets key file " + path);
  }
  // The key opens every PMS token: a file others can read gives them all away.
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Fail(ErrorCode::kSecretsNotConfigured,
                "secrets key file " + path + " must be readable by its owner only (chmod 600)");
  }
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kSecretsNotConfigured, "cannot read secrets key file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto cipher = FromHexKey(text.str());
  if (!cipher) {
    return Fail(ErrorCode::kSecretsNotConfigured,
                "secrets key file " + path + ": " + cipher.error().message);
  }
  return cipher;
}

core::Result<TokenCipher> TokenCipher::FromHexKey(std::string_view hex) {
  RETURN_IF_ERROR(EnsureSodium());
  const std::string_view digits = Trim(hex);
  std::array<unsigned char, kKeyBytes> key{};
  size_t length = 0;
  const char* end = nullptr;
  if (digits.size() != 2 * kKeyBytes ||
      sodium_hex2bin(key.data(), key.size(), digits.data(), digits.size(), nullptr, &length,
                     &end) != 0 ||
      length != kKeyBytes) {
    sodium_memzero(key.data(), key.size());
    return Fail(ErrorCode::kSecretsNotConfigured,
                "the secrets key must be " + std::to_string(2 * kKeyBytes) + " hex digits");
  }
  return TokenCipher(key);
}

std::string TokenCipher::Seal(std::string_view token, std::string_view bound_to) const {
  std::vector<unsigned char> box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + token.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long sealed_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &sealed_length, Bytes(token),
      token.size(), Bytes(bound_to), bound_to.size(), nullptr, nonce, key_.data());
  std::string text(sodium_base64_ENCODED_LEN(box.size(), kBase64Variant), '\0');
  sodium_bin2base64(text.data(), text.size(), box.data(), box.size(), kBase64Variant);
  text.resize(text.find('\0'));
  return std::string(kVersion) + text;
}

core::Result<std::string> TokenCipher::Open(std::string_view sealed,
                                            std::string_view bound_to) const {
  auto refuse = [&] {
    return Fail(ErrorCode::kSecretsNotConfigured,
                "the stored PMS token of " + std::string(bound_to) +
                    " does not open with the configured secrets key (another key sealed it, or it "
                    "was altered)");
  };
  if (!sealed.starts_with(kVersion)) return refuse();
  const std::string_view text = sealed.substr(kVersion.size());
  if (text.empty()) return refuse();  // and libsodium is never handed an empty (null) buffer
  std::vector<unsigned char> box(text.size());
  size_t box_length = 0;
  if (sodium_base642bin(box.data(), box.size(), text.data(), text.size(), nullptr, &box_length,
                        nullptr, kBase64Variant) != 0 ||
      box_length < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                       crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return refuse();
  }
  const unsigned char* nonce = box.data();
  const unsigned char* ciphertext = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  const size_t ciphertext_length = box_length - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string token(ciphertext_length - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long token_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(token.data()), &token_length, nullptr, ciphertext,
          ciphertext_length, Bytes(bound_to), bound_to.size(), nonce, key_.data()) != 0) {
    return refuse();
  }
  token.resize(token_length);
  return token;
}

}  // namespace chansync::linking
