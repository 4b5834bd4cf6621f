#include <gtest/gtest.h>

#include "chansync/linking/admin.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;
using core::GatewayMode;

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(properties_.CreateChannel({.id = "sh", .name = "SecureHoliday"}));
  }

  core::Property NewProperty(GatewayMode mode = GatewayMode::kClassic) {
    core::Property property{.id = "riviera", .name = "Camping Riviera", .mode = mode};
    property.pms = {
        .endpoint = "http://127.0.0.1:8081", .gateway_id = "RIV-1", .credentials = "tok-old"};
    return property;
  }

  void DeclareProducts() {
    ASSERT_TRUE(properties_.SetChannelProducts("riviera", "sh", {{.id = "SH-MH4", .name = "MH"}}));
    ASSERT_TRUE(properties_.SetPmsCatalog("riviera", {.products = {{"mh-4p", "MH", 4}}}));
  }

  testing::InMemoryPropertyStore properties_;
  testing::InMemoryLinkStore links_;
  LinkRegistry registry_{properties_, links_};
  Admin admin_{properties_, registry_};
};

TEST_F(AdminTest, ANewPropertyStartsInClassicModeAndCannotAskForPmsMode) {
  const auto refused = admin_.CreateProperty(NewProperty(GatewayMode::kPms));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPropertyNotLinked);
  EXPECT_EQ(properties_.GetProperty("riviera").error().code, ErrorCode::kNotFound);

  const auto created = admin_.CreateProperty(NewProperty());
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->mode, GatewayMode::kClassic);
}

TEST_F(AdminTest, ActivationWaitsForALinkedProduct) {
  ASSERT_TRUE(admin_.CreateProperty(NewProperty()));
  DeclareProducts();
  const auto refused = admin_.SetGateway("riviera", {.mode = GatewayMode::kPms});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPropertyNotLinked);
  auto update = NewProperty(GatewayMode::kPms);
  EXPECT_EQ(admin_.UpdateProperty(update).error().code, ErrorCode::kPropertyNotLinked);
  EXPECT_EQ(properties_.GetProperty("riviera")->mode, GatewayMode::kClassic);

  ASSERT_TRUE(registry_.LinkProduct("riviera", "sh", "SH-MH4", "mh-4p"));
  const auto activated = admin_.SetGateway("riviera", {.mode = GatewayMode::kPms});
  ASSERT_TRUE(activated) << activated.error().ToString();
  EXPECT_EQ(activated->mode, GatewayMode::kPms);
  // Back to classic needs no link check, and neither does staying in PMS mode.
  EXPECT_TRUE(admin_.SetGateway("riviera", {.mode = GatewayMode::kClassic}));
  EXPECT_TRUE(admin_.UpdateProperty(update));
  EXPECT_TRUE(admin_.UpdateProperty(update));
}

TEST_F(AdminTest, AnEmptyTokenKeepsTheStoredOneOnlyWhileTheEndpointStays) {
  ASSERT_TRUE(admin_.CreateProperty(NewProperty()));
  auto same = NewProperty();
  same.pms.credentials.clear();
  ASSERT_TRUE(admin_.UpdateProperty(same));
  EXPECT_EQ(properties_.GetProperty("riviera")->pms.credentials, "tok-old");

  auto moved = same;
  moved.pms.endpoint = "http://127.0.0.1:9999";
  ASSERT_TRUE(admin_.UpdateProperty(moved));
  EXPECT_EQ(properties_.GetProperty("riviera")->pms.credentials, "");

  auto moved_with_token = moved;
  moved_with_token.pms.endpoint = "http://127.0.0.1:7777";
  moved_with_token.pms.credentials = "tok-new";
  ASSERT_TRUE(admin_.UpdateProperty(moved_with_token));
  EXPECT_EQ(properties_.GetProperty("riviera")->pms.credentials, "tok-new");
}

}  // namespace
}  // namespace chansync::linking
