#include <gtest/gtest.h>

#include "chansync/auth/authenticator.h"
#include "chansync/auth/key_manager.h"
#include "chansync/auth/testing/in_memory_key_store.h"
#include "chansync/core/testing/fake_clock.h"

namespace chansync::auth {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

class AuthKeysTest : public ::testing::Test {
 protected:
  IssuedKey Make(KeyRequest request) {
    auto issued = manager_.Create(request);
    EXPECT_TRUE(issued.has_value()) << issued.error().ToString();
    return *issued;
  }

  core::testing::FakeClock clock_{core::Timestamp(std::chrono::hours(24 * 20000))};
  testing::InMemoryKeyStore store_;
  KeyManager manager_{store_, clock_};
  // No cache: each call reads the store, so revocations count at once in these tests.
  Authenticator authenticator_{store_, clock_, 0ms};
};

TEST_F(AuthKeysTest, AKeyIsShownOnceAndStoredOnlyAsItsHash) {
  const IssuedKey issued = Make({.role = Role::kAdmin, .name = "ops"});
  ASSERT_TRUE(issued.text.starts_with("csk_" + issued.key.id + "_"));
  const std::string secret = issued.text.substr(issued.text.rfind('_') + 1);
  EXPECT_EQ(secret.size(), 64u);
  auto stored = store_.Get(issued.key.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->secret_hash, HashSecret(secret));
  EXPECT_EQ(stored->secret_hash.find(secret), std::string::npos);
  // Two keys never share a secret or an id.
  const IssuedKey other = Make({.role = Role::kAdmin});
  EXPECT_NE(other.text, issued.text);
  EXPECT_NE(other.key.id, issued.key.id);
}

TEST_F(AuthKeysTest, TheRightKeyAuthenticatesAsItsHolder) {
  const IssuedKey issued = Make({.role = Role::kPortal, .channel = "secureholiday", .name = "SH"});
  auto principal = authenticator_.Authenticate("Bearer " + issued.text);
  ASSERT_TRUE(principal.has_value()) << principal.error().ToString();
  EXPECT_EQ(principal->key_id, issued.key.id);
  EXPECT_EQ(principal->key_name, "SH");
  EXPECT_EQ(principal->role, Role::kPortal);
  EXPECT_EQ(principal->channel, "secureholiday");
  EXPECT_TRUE(authenticator_.Authenticate("bearer  " + issued.text + " ").has_value());
}

TEST_F(AuthKeysTest, APosKeyAuthenticatesWithItsOneProperty) {
  const IssuedKey issued = Make({.role = Role::kPos, .property = "riviera", .name = "bar till"});
  EXPECT_EQ(store_.Get(issued.key.id)->property, "riviera");
  auto principal = authenticator_.Authenticate("Bearer " + issued.text);
  ASSERT_TRUE(principal.has_value()) << principal.error().ToString();
  EXPECT_EQ(principal->role, Role::kPos);
  EXPECT_EQ(principal->property, "riviera");
  EXPECT_FALSE(principal->channel.has_value());
  EXPECT_EQ(ParseRole("pos"), Role::kPos);
  EXPECT_TRUE(KeyManager::MayIssue(Role::kAdmin, Role::kPos));
}

TEST_F(AuthKeysTest, MissingWrongExpiredAndRevokedKeysAreAllTheSameRefusal) {
  const IssuedKey good = Make({.role = Role::kOperator});
  const IssuedKey expiring = Make({.role = Role::kOperator, .expires_in = 60s});
  const IssuedKey revoked = Make({.role = Role::kOperator});
  ASSERT_TRUE(manager_.Revoke(revoked.key.id).has_value());
  clock_.Advance(61s);
  std::string wrong_secret = good.text;
  wrong_secret.back() = wrong_secret.back() == '0' ? '1' : '0';
  const std::string unknown_id = "csk_0000000000000000_" + std::string(64, 'a');

  std::string first_message;
  for (const std::string& header :
       {std::string(), std::string("Bearer"), std::string("Basic abc"), "Bearer " + wrong_secret,
        "Bearer " + unknown_id, "Bearer " + expiring.text, "Bearer " + revoked.text,
        good.text /* no scheme */}) {
    auto principal = authenticator_.Authenticate(header);
    ASSERT_FALSE(principal.has_value()) << header;
    EXPECT_EQ(principal.error().code, ErrorCode::kUnauthenticated) << header;
    if (first_message.empty()) first_message = principal.error().message;
    EXPECT_EQ(principal.error().message, first_message) << "the answer must not say which";
  }
  EXPECT_TRUE(authenticator_.Authenticate("Bearer " + good.text).has_value());
}

TEST_F(AuthKeysTest, KnownKeysAreReadOncePerCacheTime) {
  const IssuedKey issued = Make({.role = Role::kAdmin});
  Authenticator cached(store_, clock_, 1s);
  const int before = store_.gets();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(cached.Authenticate("Bearer " + issued.text));
  EXPECT_EQ(store_.gets() - before, 1);
  ASSERT_TRUE(manager_.Revoke(issued.key.id));
  clock_.Advance(1001ms);
  auto after = cached.Authenticate("Bearer " + issued.text);
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthKeysTest, WithoutReadingTheStoreOnlyCachedKeysAreKnown) {
  const IssuedKey issued = Make({.role = Role::kAdmin});
  Authenticator cached(store_, clock_, 1s);
  const int before = store_.gets();
  EXPECT_FALSE(cached.AuthenticateIfKnown("Bearer " + issued.text).has_value()) << "not cached";
  auto malformed = cached.AuthenticateIfKnown("Bearer nonsense");
  ASSERT_TRUE(malformed.has_value()) << "a malformed key needs no read to be refused";
  EXPECT_EQ(malformed->error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_.gets(), before);

  ASSERT_TRUE(cached.Authenticate("Bearer " + issued.text));
  auto known = cached.AuthenticateIfKnown("Bearer " + issued.text);
  ASSERT_TRUE(known.has_value());
  ASSERT_TRUE(known->has_value());
  EXPECT_EQ((*known)->key_id, issued.key.id);
  std::string wrong_secret = issued.text;
  wrong_secret.back() = wrong_secret.back() == '0' ? '1' : '0';
  auto wrong = cached.AuthenticateIfKnown("Bearer " + wrong_secret);
  ASSERT_TRUE(wrong.has_value());
  EXPECT_EQ(wrong->error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_.gets() - before, 1);

  clock_.Advance(1s);
  EXPECT_FALSE(cached.AuthenticateIfKnown("Bearer " + issued.text).has_value()) << "stale";
}

TEST_F(AuthKeysTest, RequestsAreCheckedFieldByField) {
  struct Case {
    KeyRequest request;
    std::string message_start;
  };
  const std::vector<Case> cases = {
      {{.role = Role::kPortal}, "channel: a portal key is bound"},
      {{.role = Role::kPortal, .channel = "bad channel"}, "channel \""},
      {{.role = Role::kAdmin, .channel = "secureholiday"}, "channel: only a portal key"},
      {{.role = Role::kPos}, "property: a pos key is bound"},
      {{.role = Role::kPos, .property = "bad property"}, "property \""},
      {{.role = Role::kPos, .channel = "secureholiday", .property = "riviera"}, "channel:"},
      {{.role = Role::kOperator, .property = "riviera"}, "property: only a pos key"},
      {{.role = Role::kAdmin, .expires_in = 0s}, "expires_in:"},
      {{.role = Role::kAdmin, .name = std::string(101, 'x')}, "name:"},
      {{.role = Role::kAdmin, .name = "a\nb"}, "name:"},
  };
  for (const auto& c : cases) {
    auto issued = manager_.Create(c.request);
    ASSERT_FALSE(issued.has_value()) << c.message_start;
    EXPECT_EQ(issued.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(issued.error().message.starts_with(c.message_start)) << issued.error().message;
  }
  EXPECT_TRUE(manager_.List()->empty());
}

TEST_F(AuthKeysTest, TheBootstrapKeyIsMadeOnlyWhileNoAdminKeyIsActive) {
  Make({.role = Role::kOperator});
  auto first = manager_.EnsureAdminKey("bootstrap");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->key.role, Role::kAdmin);
  auto second = manager_.EnsureAdminKey("bootstrap");
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(second->has_value());
  ASSERT_TRUE(manager_.Revoke((*first)->key.id));
  auto after_revoke = manager_.EnsureAdminKey("bootstrap");
  ASSERT_TRUE(after_revoke.has_value());
  EXPECT_TRUE(after_revoke->has_value());
}

TEST_F(AuthKeysTest, OnlyAVendorDealsInVendorKeys) {
  EXPECT_TRUE(KeyManager::MayIssue(Role::kVendor, Role::kVendor));
  EXPECT_TRUE(KeyManager::MayIssue(Role::kAdmin, Role::kAdmin));
  EXPECT_TRUE(KeyManager::MayIssue(Role::kAdmin, Role::kPortal));
  EXPECT_FALSE(KeyManager::MayIssue(Role::kAdmin, Role::kVendor));
  EXPECT_FALSE(KeyManager::MayIssue(Role::kOperator, Role::kOperator));
  EXPECT_FALSE(KeyManager::MayIssue(Role::kPortal, Role::kPortal));
}

TEST(AuthKeyTextTest, OnlyWellFormedKeysParse) {
  const KeyText text = NewKeyText();
  auto parsed = ParseKey(FormatKey(text));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->id, text.id);
  EXPECT_EQ(parsed->secret, text.secret);
  for (std::string_view bad : {"", "csk_", "csk_abc_def", "xsk_0000000000000000_" /* prefix */,
                               "csk_000000000000000G_aaaa"}) {
    EXPECT_FALSE(ParseKey(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace chansync::auth
