#include <gtest/gtest.h>

#include "chansync/fias/cryptogram.h"

namespace chansync::fias {
namespace {

TEST(FiasCryptogramTest, IsAes128EcbOfDateAndTimeInHex) {
  // FIPS-197 appendix C.1's key; the expected block computed with
  // `printf 260701120000 | openssl enc -aes-128-ecb -K 000102030405060708090a0b0c0d0e0f | xxd -p`.
  auto key = ParseLinkKey("000102030405060708090a0b0c0d0e0f");
  ASSERT_TRUE(key);
  EXPECT_EQ(MakeCryptogram(*key, "260701", "120000"), "21A4167B8ED868665CE7319CB92FC005");
}

TEST(FiasCryptogramTest, DependsOnKeyDateAndTime) {
  auto one = ParseLinkKey("000102030405060708090A0B0C0D0E0F");
  auto other = ParseLinkKey("100102030405060708090A0B0C0D0E0F");
  ASSERT_TRUE(one && other);
  const std::string base = MakeCryptogram(*one, "260701", "120000");
  EXPECT_EQ(base.size(), 32u);
  EXPECT_NE(base, MakeCryptogram(*other, "260701", "120000"));
  EXPECT_NE(base, MakeCryptogram(*one, "260701", "120001"));
  EXPECT_NE(base, MakeCryptogram(*one, "260702", "120000"));
}

TEST(FiasCryptogramTest, AKeyIs32HexDigits) {
  EXPECT_FALSE(ParseLinkKey(""));
  EXPECT_FALSE(ParseLinkKey("000102030405060708090a0b0c0d0e"));
  EXPECT_FALSE(ParseLinkKey("000102030405060708090a0b0c0d0e0g"));
  EXPECT_FALSE(ParseLinkKey("000102030405060708090a0b0c0d0e0f00"));
}

}  // namespace
}  // namespace chansync::fias
