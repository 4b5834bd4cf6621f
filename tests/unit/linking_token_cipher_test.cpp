#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "chansync/linking/token_cipher.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;

constexpr char kKey[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kOtherKey[] = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(TokenCipherTest, ASealedTokenOpensForItsPropertyAndHoldsNoTraceOfIt) {
  const auto cipher = TokenCipher::FromHexKey(kKey);
  ASSERT_TRUE(cipher) << cipher.error().ToString();
  const std::string sealed = cipher->Seal("tok-4111111111111111", "riviera");
  EXPECT_TRUE(sealed.starts_with("v1:")) << sealed;
  EXPECT_EQ(sealed.find("tok-"), std::string::npos) << sealed;
  EXPECT_EQ(sealed.find("4111"), std::string::npos) << sealed;
  const auto opened = cipher->Open(sealed, "riviera");
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, "tok-4111111111111111");
}

TEST(TokenCipherTest, EachSealDrawsItsOwnNonce) {
  const auto cipher = TokenCipher::FromHexKey(kKey);
  ASSERT_TRUE(cipher);
  EXPECT_NE(cipher->Seal("same", "riviera"), cipher->Seal("same", "riviera"));
}

TEST(TokenCipherTest, AnotherKeyAnotherPropertyOrAlteredTextDoesNotOpen) {
  const auto cipher = TokenCipher::FromHexKey(kKey);
  const auto other = TokenCipher::FromHexKey(kOtherKey);
  ASSERT_TRUE(cipher && other);
  std::string sealed = cipher->Seal("secret", "riviera");
  EXPECT_EQ(other->Open(sealed, "riviera").error().code, ErrorCode::kSecretsNotConfigured);
  EXPECT_EQ(cipher->Open(sealed, "oceane").error().code, ErrorCode::kSecretsNotConfigured);
  sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(cipher->Open(sealed, "riviera").error().code, ErrorCode::kSecretsNotConfigured);
  EXPECT_EQ(cipher->Open("secret", "riviera").error().code, ErrorCode::kSecretsNotConfigured);
  EXPECT_EQ(cipher->Open("v1:", "riviera").error().code, ErrorCode::kSecretsNotConfigured);
}

TEST(TokenCipherTest, AKeyMustBe64HexDigits) {
  EXPECT_EQ(TokenCipher::FromHexKey("abc").error().code, ErrorCode::kSecretsNotConfigured);
  EXPECT_EQ(TokenCipher::FromHexKey(std::string(64, 'z')).error().code,
            ErrorCode::kSecretsNotConfigured);
  EXPECT_TRUE(TokenCipher::FromHexKey(std::string(kKey) + "\n"));
}

TEST(TokenCipherTest, AKeyFileOthersCanReadIsRefused) {
  const std::string path =
      ::testing::TempDir() + "token_cipher_test_" + std::to_string(getpid()) + ".key";
  std::ofstream(path) << kKey << '\n';
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  const auto refused = TokenCipher::FromKeyFile(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kSecretsNotConfigured);
  EXPECT_NE(refused.error().message.find("chmod 600"), std::string::npos);
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(TokenCipher::FromKeyFile(path));
  std::remove(path.c_str());
  EXPECT_EQ(TokenCipher::FromKeyFile(path).error().code, ErrorCode::kSecretsNotConfigured);
}

}  // namespace
}  // namespace chansync::linking
