#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/pms/testing/fake_pms.h"
#include "chansync/pms/testing/in_memory_pms_directory.h"

namespace chansync::pms::testing {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;

core::Property PropertyOn(const std::string& id, const std::string& endpoint) {
  core::Property property{.id = id, .name = id, .timezone = "Europe/Paris"};
  property.pms.endpoint = endpoint;
  return property;
}

TEST(InMemoryPmsDirectoryTest, AnswersEachPropertyWithItsOwnPmsElseTheFallback) {
  FakePms fallback, lagoon_pms;
  InMemoryPmsDirectory directory(fallback);
  directory.Assign("lagoon", lagoon_pms);

  auto lagoon = directory.For(PropertyOn("lagoon", "http://127.0.0.1:1"));
  ASSERT_TRUE(lagoon) << lagoon.error().ToString();
  EXPECT_EQ(*lagoon, &lagoon_pms);
  auto riviera = directory.For(PropertyOn("riviera", "http://127.0.0.1:1"));
  ASSERT_TRUE(riviera) << riviera.error().ToString();
  EXPECT_EQ(*riviera, &fallback);
}

TEST(InMemoryPmsDirectoryTest, WithoutFallbackAnUnassignedPropertyIsInvalid) {
  FakePms lagoon_pms;
  InMemoryPmsDirectory directory;
  directory.Assign("lagoon", lagoon_pms);
  auto riviera = directory.For(PropertyOn("riviera", "http://127.0.0.1:1"));
  ASSERT_FALSE(riviera);
  EXPECT_EQ(riviera.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(riviera.error().message, HasSubstr("riviera"));
}

TEST(InMemoryPmsDirectoryTest, NoEndpointIsInvalidAsInTheCurlDirectory) {
  FakePms pms;
  InMemoryPmsDirectory directory(pms);
  const core::Property property = PropertyOn("riviera", "");
  auto twin = directory.For(property);
  CurlPmsDirectory real;
  auto production = real.For(property);
  ASSERT_FALSE(twin);
  ASSERT_FALSE(production);
  EXPECT_EQ(twin.error().code, production.error().code);
  EXPECT_EQ(twin.error().message, production.error().message);
}

TEST(InMemoryPmsDirectoryTest, AnUnusableConnectionIsInvalidUntilRepaired) {
  FakePms pms;
  InMemoryPmsDirectory directory(pms);
  const core::Property riviera = PropertyOn("riviera", "http://127.0.0.1:1");
  directory.SetUnusable("riviera", true);

  auto broken = directory.For(riviera);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(broken.error().message, HasSubstr("riviera"));
  EXPECT_TRUE(directory.For(PropertyOn("lagoon", "http://127.0.0.1:1")));

  directory.SetUnusable("riviera", false);
  auto repaired = directory.For(riviera);
  ASSERT_TRUE(repaired) << repaired.error().ToString();
  EXPECT_EQ(*repaired, &pms);
}

}  // namespace
}  // namespace chansync::pms::testing
