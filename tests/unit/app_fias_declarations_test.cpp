// A property on FIAS in the declarations file and in the property's validation.
#include <gtest/gtest.h>

#include "declarations.h"

namespace chansync::app {
namespace {

std::string WithPms(const std::string& pms) {
  return R"({"channels": [], "properties": [{"id": "spa-hotel", "name": "Spa Hotel", "timezone": "UTC",
    "pms": )" +
         pms + "}]}";
}

TEST(FiasDeclarationsTest, AFiasInterfaceIsItsAddressKeyAndCodePage) {
  auto parsed = ParseDeclarations(WithPms(R"({"kind": "fias", "host": "127.0.0.1", "port": 5010,
    "auth_key": "000102030405060708090a0b0c0d0e0f", "code_page": "CP1252"})"));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  const core::PmsConnection& pms = parsed->properties.at(0).property.pms;
  EXPECT_EQ(pms.kind, core::PmsKind::kFias);
  EXPECT_EQ(pms.endpoint, "127.0.0.1:5010");
  EXPECT_EQ(pms.credentials, "000102030405060708090a0b0c0d0e0f");
  EXPECT_EQ(pms.code_page, "CP1252");
}

TEST(FiasDeclarationsTest, HttpStaysTheDefault) {
  auto parsed = ParseDeclarations(WithPms(R"({"endpoint": "http://127.0.0.1:8081"})"));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->properties.at(0).property.pms.kind, core::PmsKind::kHttp);
  EXPECT_EQ(parsed->properties.at(0).property.pms.endpoint, "http://127.0.0.1:8081");
}

TEST(FiasDeclarationsTest, RefusesAnUnknownKindOrABadPort) {
  auto unknown = ParseDeclarations(WithPms(R"({"kind": "telnet"})"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("pms.kind"), std::string::npos);
  auto no_port = ParseDeclarations(WithPms(R"({"kind": "fias", "host": "127.0.0.1"})"));
  ASSERT_FALSE(no_port);
  EXPECT_NE(no_port.error().message.find("port"), std::string::npos);
  EXPECT_FALSE(ParseDeclarations(WithPms(R"({"kind": "fias", "host": "h", "port": 70000})")));
}

TEST(FiasDeclarationsTest, AFiasPropertyNeedsHostAndPort) {
  core::Property property{.id = "p", .name = "P"};
  property.pms.kind = core::PmsKind::kFias;
  property.pms.endpoint = "127.0.0.1";
  EXPECT_FALSE(core::ValidateProperty(property));
  property.pms.endpoint = "127.0.0.1:5010";
  EXPECT_TRUE(core::ValidateProperty(property));
  EXPECT_EQ(core::ParseInterfaceAddress("::1:5010")->host, "::1");
  EXPECT_FALSE(core::ParseInterfaceAddress(":5010"));
  EXPECT_FALSE(core::ParseInterfaceAddress("h:0"));
}

}  // namespace
}  // namespace chansync::app
