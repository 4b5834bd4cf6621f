#include <gtest/gtest.h>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/postings/cached_posting_sources.h"
#include "chansync/postings/testing/in_memory_posting_properties.h"
#include "chansync/postings/testing/in_memory_posting_setup_store.h"

namespace chansync::postings {
namespace {

using std::chrono::milliseconds;

PostingSetup ClosingAt(int hour) {
  PostingSetup setup;
  setup.end_of_day = EndOfDay{hour, 0};
  return setup;
}

class CachedSourcesTest : public ::testing::Test {
 protected:
  CachedSourcesTest() {
    core::Property lodge;
    lodge.id = "lodge";
    lodge.timezone = "Europe/Paris";
    properties_.Put(lodge);
    EXPECT_TRUE(setups_.Put("lodge", ClosingAt(5)));
  }

  core::testing::FakeClock clock_;
  testing::InMemoryPostingProperties properties_;
  testing::InMemoryPostingSetupStore setups_;
  CachedPostingProperties cached_properties_{properties_, clock_, milliseconds(1000)};
  CachedPostingSetupStore cached_setups_{setups_, clock_, milliseconds(1000)};
};

TEST_F(CachedSourcesTest, AChangeMadeElsewhereIsSeenOnceTheTtlHasPassed) {
  ASSERT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 5);
  ASSERT_TRUE(setups_.Put("lodge", ClosingAt(6)));  // behind the cache's back
  clock_.Advance(milliseconds(999));
  EXPECT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 5);
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 6);
}

TEST_F(CachedSourcesTest, ASetUpStoredThroughTheCacheCountsAtOnce) {
  ASSERT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 5);
  ASSERT_TRUE(cached_setups_.Put("lodge", ClosingAt(7)));
  EXPECT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 7);
  EXPECT_EQ(setups_.Get("lodge")->end_of_day.hour, 7);
}

TEST_F(CachedSourcesTest, AReplaceCountsAtOnceAndAStaleOneIsAConflict) {
  const PostingSetup read = *cached_setups_.Get("lodge");
  ASSERT_TRUE(cached_setups_.Replace("lodge", read, ClosingAt(8)));
  EXPECT_EQ(cached_setups_.Get("lodge")->end_of_day.hour, 8);
  auto stale = cached_setups_.Replace("lodge", read, ClosingAt(9));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(setups_.Get("lodge")->end_of_day.hour, 8);
}

TEST_F(CachedSourcesTest, PropertiesAreKeptForTheTtlAndErrorsNever) {
  EXPECT_EQ(cached_properties_.Get("nowhere").error().code, core::ErrorCode::kNotFound);
  core::Property nowhere;
  nowhere.id = "nowhere";
  nowhere.timezone = "UTC";
  properties_.Put(nowhere);
  EXPECT_TRUE(cached_properties_.Get("nowhere"));  // the error was not kept

  ASSERT_EQ(cached_properties_.Get("lodge")->timezone, "Europe/Paris");
  core::Property moved;
  moved.id = "lodge";
  moved.timezone = "America/Martinique";
  properties_.Put(moved);
  EXPECT_EQ(cached_properties_.Get("lodge")->timezone, "Europe/Paris");
  clock_.Advance(milliseconds(1000));
  EXPECT_EQ(cached_properties_.Get("lodge")->timezone, "America/Martinique");
}

TEST(TtlCacheTest, AReadThatRacedAForgetIsNotKept) {
  core::testing::FakeClock clock;
  core::TtlCache<std::string, int> cache(clock, milliseconds(1000));
  const uint64_t before = cache.Generation();  // a read of the source starts
  cache.Forget("lodge");                       // a write lands meanwhile
  cache.Keep("lodge", 1, before);              // the read's (maybe old) value
  EXPECT_FALSE(cache.Find("lodge"));
  cache.Keep("lodge", 2, cache.Generation());
  EXPECT_EQ(cache.Find("lodge"), 2);
}

TEST(TtlCacheTest, AKeyPastTheBoundStartsTheCacheAfresh) {
  core::testing::FakeClock clock;
  core::TtlCache<std::string, int> cache(clock, milliseconds(1000), 2);
  cache.Keep("a", 1, cache.Generation());
  cache.Keep("b", 2, cache.Generation());
  cache.Keep("b", 3, cache.Generation());  // a known key never passes the bound
  EXPECT_EQ(cache.Find("a"), 1);
  cache.Keep("c", 4, cache.Generation());
  EXPECT_FALSE(cache.Find("a"));
  EXPECT_FALSE(cache.Find("b"));
  EXPECT_EQ(cache.Find("c"), 4);
}

}  // namespace
}  // namespace chansync::postings
