#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/postings/redis_posting_setup_store.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::postings {
namespace {

PostingSetup WithCentre(PostingSetup setup, const std::string& centre) {
  setup.revenue_centres[centre] = {"OUT-" + centre, "TC-" + centre};
  return setup;
}

class PostingSetupStoreRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static inline test::RedisServer* server_ = nullptr;
  std::unique_ptr<redis::RedisPool> pool_ = server_->NewPool(16);
  RedisPostingSetupStore store_{*pool_, test::KeySpaceOfCurrentTest()};
};

TEST_F(PostingSetupStoreRedisTest, ReplaceAppliesOnlyOnTheSetUpItWasMadeTo) {
  // Nothing stored yet: the defaults are what a change is made to.
  ASSERT_TRUE(store_.Replace("lodge", PostingSetup{}, WithCentre({}, "bar")));
  EXPECT_EQ(store_.Get("lodge")->revenue_centres.size(), 1u);

  const PostingSetup read = *store_.Get("lodge");
  ASSERT_TRUE(store_.Put("lodge", WithCentre(read, "spa")));  // another admin, meanwhile
  auto stale = store_.Replace("lodge", read, WithCentre(read, "shop"));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(store_.Get("lodge")->revenue_centres.contains("shop"));

  const PostingSetup fresh = *store_.Get("lodge");
  ASSERT_TRUE(store_.Replace("lodge", fresh, WithCentre(fresh, "shop")));
  EXPECT_EQ(store_.Get("lodge")->revenue_centres.size(), 3u);
}

// Eight admins each add their own rows by read, change, compare-and-set, again on CONFLICT:
// every row of every admin is there at the end, none lost to a concurrent write.
TEST_F(PostingSetupStoreRedisTest, ConcurrentReadModifyWritesLoseNoChange) {
  constexpr int kAdmins = 8;
  constexpr int kRowsEach = 10;
  {
    std::vector<std::jthread> admins;
    for (int a = 0; a < kAdmins; ++a) {
      admins.emplace_back([&, a] {
        for (int row = 0; row < kRowsEach; ++row) {
          const std::string centre = "c" + std::to_string(a) + "-" + std::to_string(row);
          for (int attempt = 0; attempt < 1000; ++attempt) {
            auto read = store_.Get("lodge");
            ASSERT_TRUE(read) << read.error().ToString();
            auto replaced = store_.Replace("lodge", *read, WithCentre(*read, centre));
            if (replaced) break;
            ASSERT_EQ(replaced.error().code, core::ErrorCode::kConflict);
          }
        }
      });
    }
  }
  EXPECT_EQ(store_.Get("lodge")->revenue_centres.size(), size_t{kAdmins * kRowsEach});
}

}  // namespace
}  // namespace chansync::postings
