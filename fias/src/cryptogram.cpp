#include "chansync/fias/cryptogram.h"

#include <openssl/evp.h>

#include <memory>

namespace chansync::fias {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

core::Result<LinkKey> ParseLinkKey(std::string_view hex) {
  LinkKey key{};
  if (hex.size() != 2 * key.size()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "a FIAS link key is 32 hex digits");
  }
  for (size_t i = 0; i < key.size(); ++i) {
    const int high = HexDigit(hex[2 * i]);
    const int low = HexDigit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return core::Fail(core::ErrorCode::kInvalidArgument, "a FIAS link key is 32 hex digits");
    }
    key[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return key;
}

std::string MakeCryptogram(const LinkKey& key, std::string_view date, std::string_view time) {
  const std::string text = std::string(date) + std::string(time);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(),
                                                                          EVP_CIPHER_CTX_free);
  // ECB over at most two blocks (DA and TI make 12 bytes; longer text takes a second block).
  unsigned char out[64];
  int written = 0;
  int last = 0;
  const bool ok =
      context && text.size() <= 32 &&
      EVP_EncryptInit_ex(context.get(), EVP_aes_128_ecb(), nullptr, key.data(), nullptr) == 1 &&
      EVP_EncryptUpdate(context.get(), out, &written,
                        reinterpret_cast<const unsigned char*>(text.data()),
                        static_cast<int>(text.size())) == 1 &&
      EVP_EncryptFinal_ex(context.get(), out + written, &last) == 1;
  if (!ok) return {};  // never equal to a real cryptogram, so the interface refuses the link
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (int i = 0; i < written + last; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 0xF];
  }
  return hex;
}

}  // namespace chansync::fias
