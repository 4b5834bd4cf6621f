#include <gtest/gtest.h>

#include "chansync/auth/authorizer.h"
#include "chansync/auth/cached_pairing.h"
#include "chansync/auth/guard.h"
#include "chansync/auth/key_manager.h"
#include "chansync/auth/testing/fixed_pairing.h"
#include "chansync/auth/testing/in_memory_key_store.h"
#include "chansync/core/testing/fake_clock.h"

namespace chansync::auth {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

// The rights, written out role by role: what each may do, everything else refused.
const std::map<Role, std::set<Action>> kExpected = {
    {Role::kPortal,
     {Action::kPushReservation, Action::kCheckAvailability, Action::kRefreshPlanning}},
    {Role::kPos,
     {Action::kSearchGuests, Action::kSubmitPosting, Action::kVoidPosting, Action::kReadPostings}},
    {Role::kOperator,
     {Action::kReadDeclarations, Action::kReadIntegrations, Action::kForceIntegration,
      Action::kReadPostings, Action::kForcePosting}},
    {Role::kAdmin,
     {Action::kReadDeclarations, Action::kReadIntegrations, Action::kForceIntegration,
      Action::kLink, Action::kDeclareChannel, Action::kUpdateProperty, Action::kSetGateway,
      Action::kRefreshPlanning, Action::kManageKeys, Action::kReadAudit, Action::kPushReservation,
      Action::kCheckAvailability, Action::kReadPostings, Action::kForcePosting,
      Action::kRunEndOfDay, Action::kSetPostingSetup}},
};

TEST(AuthorizerTableTest, EachRoleHasExactlyItsRights) {
  for (const ActionRule& rule : ActionRules()) {
    for (const auto& [role, allowed] : kExpected) {
      EXPECT_EQ(RoleMay(role, rule.action), allowed.contains(rule.action))
          << RoleName(role) << " " << rule.name;
    }
    // The vendor may do everything.
    EXPECT_TRUE(RoleMay(Role::kVendor, rule.action)) << rule.name;
    EXPECT_EQ(ParseAction(rule.name), rule.action);
  }
  EXPECT_FALSE(RoleMay(Role::kAdmin, Action::kEnableMultiLink));
  EXPECT_FALSE(RoleMay(Role::kAdmin, Action::kCreateProperty));
}

class AuthorizerScopeTest : public ::testing::Test {
 protected:
  void SetUp() override { pairing_.Pair("riviera", "secureholiday"); }

  testing::FixedPairing pairing_;
  Authorizer authorizer_{pairing_};
  const Principal portal_{"k1", "SH", Role::kPortal, "secureholiday"};
  const Principal admin_{"k2", "ops", Role::kAdmin, std::nullopt};
};

TEST_F(AuthorizerScopeTest, APortalActsForItsChannelAndPairedPropertiesOnly) {
  EXPECT_TRUE(authorizer_.Authorize(portal_, Action::kPushReservation,
                                    {.channel = "secureholiday", .property = "riviera"}));
  for (const Scope& outside : {Scope{.channel = "campingfrance", .property = "riviera"},
                               Scope{.channel = "secureholiday", .property = "other"},
                               Scope{.channel = "secureholiday", .property = "no-such"}}) {
    auto denied = authorizer_.Authorize(portal_, Action::kPushReservation, outside);
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
    // An unknown property and a known unpaired one get the same answer.
    EXPECT_EQ(denied.error().message.find(outside.property.value()), std::string::npos);
  }
}

TEST_F(AuthorizerScopeTest, TheRoleIsCheckedBeforeAnythingIsLookedUp) {
  auto denied =
      authorizer_.Authorize(portal_, Action::kLink, {.channel = "x", .property = "riviera"});
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  auto other_channel = authorizer_.Authorize(portal_, Action::kPushReservation,
                                             {.channel = "campingfrance", .property = "riviera"});
  EXPECT_FALSE(other_channel.has_value());
  EXPECT_EQ(pairing_.asked(), 0);
}

TEST_F(AuthorizerScopeTest, APosKeyActsForItsOnePropertyOnly) {
  const Principal till{"k3", "bar", Role::kPos, std::nullopt, "riviera"};
  EXPECT_TRUE(authorizer_.Authorize(till, Action::kSubmitPosting, {.property = "riviera"}));
  for (const Scope& outside : {Scope{.property = "other"}, Scope{}}) {
    auto denied = authorizer_.Authorize(till, Action::kSubmitPosting, outside);
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(denied.error().message.find("other"), std::string::npos);
  }
  // Its own property gives it no staff rights there.
  EXPECT_FALSE(authorizer_.Authorize(till, Action::kForcePosting, {.property = "riviera"}));
  // A pos key read back without its property acts for nobody.
  const Principal broken{"k4", "bar", Role::kPos, std::nullopt, std::nullopt};
  EXPECT_FALSE(authorizer_.Authorize(broken, Action::kSubmitPosting, {.property = "riviera"}));
  EXPECT_EQ(pairing_.asked(), 0);
}

TEST_F(AuthorizerScopeTest, StaffAreNotBoundToAChannel) {
  EXPECT_TRUE(authorizer_.Authorize(admin_, Action::kLink,
                                    {.channel = "campingfrance", .property = "anything"}));
  EXPECT_EQ(pairing_.asked(), 0);
}

TEST(CachedPairingTest, AnswersAreKeptForTheirTime) {
  testing::FixedPairing source;
  core::testing::FakeClock clock;
  CachedPairing cached(source, clock, 1s);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(*cached.Pairs("riviera", "secureholiday"));
  EXPECT_EQ(source.asked(), 1);
  source.Pair("riviera", "secureholiday");
  clock.Advance(1s);
  EXPECT_TRUE(*cached.Pairs("riviera", "secureholiday"));
  EXPECT_EQ(source.asked(), 2);
}

TEST(CachedPairingTest, OnlyFreshAnswersAreKnownWithoutReadingTheStore) {
  testing::FixedPairing source;
  source.Pair("riviera", "secureholiday");
  core::testing::FakeClock clock;
  CachedPairing cached(source, clock, 1s);
  EXPECT_EQ(cached.PairsIfKnown("riviera", "secureholiday"), std::nullopt);
  EXPECT_EQ(source.asked(), 0);
  ASSERT_TRUE(*cached.Pairs("riviera", "secureholiday"));
  EXPECT_EQ(cached.PairsIfKnown("riviera", "secureholiday"), std::optional(true));
  clock.Advance(1s);
  EXPECT_EQ(cached.PairsIfKnown("riviera", "secureholiday"), std::nullopt);
  EXPECT_EQ(source.asked(), 1);
}

// The check an HTTP event thread makes: it answers from the caches or says it cannot, and never
// reads the key store or the pairing.
TEST(GuardTest, AdmittingWithoutReadingTheStoreAnswersOnlyFromTheCaches) {
  core::testing::FakeClock clock{core::Timestamp(std::chrono::hours(24 * 20000))};
  testing::InMemoryKeyStore store;
  KeyManager manager(store, clock);
  auto issued = manager.Create({.role = Role::kPortal, .channel = "secureholiday", .name = "SH"});
  ASSERT_TRUE(issued.has_value());
  testing::FixedPairing source;
  source.Pair("riviera", "secureholiday");
  CachedPairing pairing(source, clock, 1s);
  Authenticator authenticator(store, clock, 1s);
  Authorizer authorizer(pairing);
  const Guard guard(authenticator, authorizer);
  const std::string header = "Bearer " + issued->text;
  const Scope riviera{.channel = "secureholiday", .property = "riviera"};

  const int reads = store.gets();
  EXPECT_FALSE(guard.AdmitIfKnown(header, Action::kPushReservation, riviera).has_value());
  ASSERT_TRUE(guard.Admit(header, Action::kPushReservation, {.channel = "secureholiday"}));
  EXPECT_FALSE(guard.AdmitIfKnown(header, Action::kPushReservation, riviera).has_value())
      << "the key is cached, the pairing not yet";
  auto denied = guard.AdmitIfKnown(header, Action::kLink, riviera);
  ASSERT_TRUE(denied.has_value()) << "the role alone decides";
  EXPECT_EQ(denied->error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(guard.Admit(header, Action::kPushReservation, riviera));
  auto admitted = guard.AdmitIfKnown(header, Action::kPushReservation, riviera);
  ASSERT_TRUE(admitted.has_value());
  EXPECT_TRUE(admitted->has_value());
  EXPECT_EQ(store.gets() - reads, 1);
  EXPECT_EQ(source.asked(), 1);

  auto disabled = Guard::Disabled().AdmitIfKnown("", Action::kLink);
  ASSERT_TRUE(disabled.has_value());
  EXPECT_TRUE(disabled->has_value());
}

}  // namespace
}  // namespace chansync::auth
