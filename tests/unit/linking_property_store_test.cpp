#include <gtest/gtest.h>

#include "chansync/linking/testing/in_memory_property_store.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;

// The in-memory twin keeps the contract RedisPropertyStore is tested against.
class InMemoryPropertyStoreTest : public ::testing::Test {
 protected:
  testing::InMemoryPropertyStore store_;
};

TEST_F(InMemoryPropertyStoreTest, CreatesOnceUpdatesKnownAndListsSorted) {
  ASSERT_TRUE(store_.CreateProperty({.id = "delta", .name = "Delta"}));
  ASSERT_TRUE(store_.CreateProperty({.id = "alpha", .name = "Alpha"}));
  EXPECT_EQ(store_.CreateProperty({.id = "alpha", .name = "Again"}).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(store_.UpdateProperty({.id = "omega", .name = "Omega"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_.CreateProperty({.id = "x", .name = ""}).error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(store_.UpdateProperty({.id = "alpha", .name = "Alpha", .multi_link = true}));
  EXPECT_TRUE(store_.GetProperty("alpha")->multi_link);
  auto listed = store_.ListProperties();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "alpha");
  EXPECT_EQ(store_.GetProperty("omega").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_.GetProperty("bad id").error().code, ErrorCode::kInvalidArgument);

  ASSERT_TRUE(store_.CreateChannel({"sh", "SecureHoliday"}));
  EXPECT_EQ(store_.CreateChannel({"sh", "Again"}).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(store_.UpdateChannel({"bk", "Booking"}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_.GetChannel("bk").error().code, ErrorCode::kNotFound);
}

TEST_F(InMemoryPropertyStoreTest, CatalogsNeedAKnownPropertyAndChannel) {
  ASSERT_TRUE(store_.CreateProperty({.id = "riviera", .name = "Riviera"}));
  ASSERT_TRUE(store_.CreateChannel({"sh", "SecureHoliday"}));
  EXPECT_TRUE(store_.GetChannelProducts("riviera", "sh")->empty());
  EXPECT_TRUE(store_.GetPmsCatalog("riviera")->products.empty());
  const std::vector<core::ChannelProduct> sold{{"mh", "Mobile home", {{"pet", "Pet"}}}};
  ASSERT_TRUE(store_.SetChannelProducts("riviera", "sh", sold));
  EXPECT_EQ(*store_.GetChannelProducts("riviera", "sh"), sold);
  EXPECT_EQ(*store_.ListPropertyChannels("riviera"), std::vector<core::ChannelId>{"sh"});
  ASSERT_TRUE(store_.SetChannelProducts("riviera", "sh", {}));
  EXPECT_TRUE(store_.ListPropertyChannels("riviera")->empty());
  EXPECT_EQ(store_.SetChannelProducts("riviera", "bk", sold).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_.SetChannelProducts("lagoon", "sh", sold).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_.SetPmsCatalog("lagoon", {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_.SetPmsCatalog("riviera", {.products = {{"A", "A", -1}}}).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chansync::linking
