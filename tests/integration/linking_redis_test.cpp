#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <memory>
#include <thread>

#include "chansync/linking/link_registry.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/linking/token_cipher.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;

core::Property Riviera() {
  return {.id = "riviera",
          .name = "Camping Riviera",
          .timezone = "Europe/Paris",
          .mode = core::GatewayMode::kClassic,
          .levels = {.nightly_planning = false, .availability_recheck = true},
          .multi_link = true,
          .pms = {.endpoint = "http://127.0.0.1:8081",
                  .gateway_id = "GW-42",
                  .credentials = "token \"quoted\" \\ é"}};
}

const TokenCipher& Cipher() {
  static const TokenCipher cipher =
      TokenCipher::FromHexKey("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
          .value();
  return cipher;
}

// Everything a process needs to talk to the linking state: its own pool, stores and registry.
struct Client {
  Client(const test::RedisServer& server, const redis::KeySpace& keys)
      : pool(server.NewPool(2)),
        properties(*pool, keys, {.cipher = &Cipher()}),
        links(*pool, keys),
        registry(properties, links) {}
  std::unique_ptr<redis::RedisPool> pool;
  RedisPropertyStore properties;
  RedisLinkStore links;
  LinkRegistry registry;
};

class LinkingRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() { delete server_; }
  // Tests share the server, each in its own key space.
  void SetUp() override {
    keys_ = test::KeySpaceOfCurrentTest();
    client_ = std::make_unique<Client>(*server_, keys_);
  }

  // riviera with `products` channel products p0.. on channel "sh" and PMS products P0..
  void SeedProperty(int products, bool multi_link) {
    auto property = Riviera();
    property.multi_link = multi_link;
    ASSERT_TRUE(client_->properties.CreateProperty(property));
    ASSERT_TRUE(client_->properties.CreateChannel({.id = "sh", .name = "SecureHoliday"}));
    std::vector<core::ChannelProduct> sold;
    core::PmsCatalog catalog;
    for (int i = 0; i < products; ++i) {
      sold.push_back(
          {.id = "p" + std::to_string(i), .name = "Product", .options = {{"pet", "Pet"}}});
      catalog.products.push_back({"P" + std::to_string(i), "Unit", 3});
    }
    catalog.options = {{"PET", "Pet"}};
    ASSERT_TRUE(client_->properties.SetChannelProducts("riviera", "sh", sold));
    ASSERT_TRUE(client_->properties.SetPmsCatalog("riviera", catalog));
  }

  std::vector<ChannelProductRef> HoldersOf(const std::string& pms_product) {
    auto board = client_->registry.Products("riviera");
    EXPECT_TRUE(board) << board.error().ToString();
    for (const auto& state : board->pms_products) {
      if (state.product.id == pms_product) return state.linked_to;
    }
    ADD_FAILURE() << "no PMS product " << pms_product;
    return {};
  }

  static test::RedisServer* server_;
  redis::KeySpace keys_;
  std::unique_ptr<Client> client_;
};
test::RedisServer* LinkingRedisTest::server_ = nullptr;

TEST_F(LinkingRedisTest, PropertiesRoundTripAndCreateOnlyOnce) {
  auto& store = client_->properties;
  ASSERT_TRUE(store.CreateProperty(Riviera()));
  auto got = store.GetProperty("riviera");
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(*got, Riviera());

  auto twice = store.CreateProperty(Riviera());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);

  auto unknown = Riviera();
  unknown.id = "lagoon";
  auto update_unknown = store.UpdateProperty(unknown);
  ASSERT_FALSE(update_unknown);
  EXPECT_EQ(update_unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.GetProperty("lagoon").error().code, ErrorCode::kNotFound);

  auto renamed = Riviera();
  renamed.name = "Riviera Plage";
  ASSERT_TRUE(store.UpdateProperty(renamed));
  EXPECT_EQ(store.GetProperty("riviera")->name, "Riviera Plage");

  auto bad = Riviera();
  bad.timezone = "Mars/Olympus";
  EXPECT_EQ(store.CreateProperty(bad).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store.GetProperty("bad key").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(LinkingRedisTest, ListsAreSortedById) {
  auto& store = client_->properties;
  for (const char* id : {"delta", "alpha", "charlie"}) {
    ASSERT_TRUE(store.CreateProperty({.id = id, .name = id}));
    ASSERT_TRUE(store.CreateChannel({.id = id, .name = id}));
  }
  auto properties = store.ListProperties();
  ASSERT_TRUE(properties);
  ASSERT_EQ(properties->size(), 3u);
  EXPECT_EQ((*properties)[0].id, "alpha");
  EXPECT_EQ((*properties)[2].id, "delta");
  auto channels = store.ListChannels();
  ASSERT_TRUE(channels);
  EXPECT_EQ((*channels)[1].id, "charlie");
}

TEST_F(LinkingRedisTest, ChannelsRoundTripAndCreateOnlyOnce) {
  auto& store = client_->properties;
  const core::Channel channel{"sh", "SecureHoliday", "http://127.0.0.1:9000/planning"};
  ASSERT_TRUE(store.CreateChannel(channel));
  EXPECT_EQ(*store.GetChannel("sh"), channel);
  EXPECT_EQ(store.CreateChannel(channel).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(store.UpdateChannel({"bk", "Booking"}).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store.UpdateChannel({"sh", "Secure Holiday"}));
  EXPECT_EQ(store.GetChannel("sh")->name, "Secure Holiday");
  EXPECT_EQ(store.GetChannel("bk").error().code, ErrorCode::kNotFound);
}

TEST_F(LinkingRedisTest, CatalogsRoundTripPerProperty) {
  auto& store = client_->properties;
  ASSERT_TRUE(store.CreateProperty(Riviera()));
  ASSERT_TRUE(store.CreateChannel({"sh", "SecureHoliday"}));
  ASSERT_TRUE(store.CreateChannel({"bk", "Booking"}));
  EXPECT_TRUE(store.GetChannelProducts("riviera", "sh")->empty());
  EXPECT_TRUE(store.ListPropertyChannels("riviera")->empty());
  EXPECT_EQ(*store.GetPmsCatalog("riviera"), core::PmsCatalog{});

  const std::vector<core::ChannelProduct> sold{
      {"mh-4p", "Mobile home", {{"linen", "Linen"}, {"pet", "Pet"}}}, {"chalet", "Chalet", {}}};
  ASSERT_TRUE(store.SetChannelProducts("riviera", "sh", sold));
  ASSERT_TRUE(store.SetChannelProducts("riviera", "bk", {{"x", "X", {}}}));
  EXPECT_EQ(*store.GetChannelProducts("riviera", "sh"), sold);
  EXPECT_EQ(*store.ListPropertyChannels("riviera"), (std::vector<core::ChannelId>{"bk", "sh"}));
  ASSERT_TRUE(store.SetChannelProducts("riviera", "bk", {}));
  EXPECT_EQ(*store.ListPropertyChannels("riviera"), (std::vector<core::ChannelId>{"sh"}));

  const core::PmsCatalog catalog{{{"MH4", "Mobile home", 12}}, {{"PET", "Pet"}}};
  ASSERT_TRUE(store.SetPmsCatalog("riviera", catalog));
  EXPECT_EQ(*store.GetPmsCatalog("riviera"), catalog);

  EXPECT_EQ(store.SetChannelProducts("lagoon", "sh", sold).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.SetChannelProducts("riviera", "xx", sold).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.GetChannelProducts("riviera", "xx").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.SetPmsCatalog("lagoon", catalog).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.GetPmsCatalog("lagoon").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.ListPropertyChannels("lagoon").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store.SetChannelProducts("riviera", "sh", {sold[0], sold[0]}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(LinkingRedisTest, CorruptRecordsAreInternalErrorsNotCrashes) {
  auto& store = client_->properties;
  ASSERT_TRUE(store.CreateProperty(Riviera()));
  ASSERT_TRUE(client_->pool->Command({"HSET", keys_.Properties(), "broken", "{not json"}));
  ASSERT_TRUE(
      client_->pool->Command({"HSET", keys_.Properties(), "typed", R"({"id":"typed","name":7})"}));
  ASSERT_TRUE(client_->pool->Command({"SET", keys_.Property("riviera").PmsCatalog(), "[]"}));
  EXPECT_EQ(store.GetProperty("broken").error().code, ErrorCode::kInternal);
  EXPECT_EQ(store.GetProperty("typed").error().code, ErrorCode::kInternal);
  EXPECT_EQ(store.ListProperties().error().code, ErrorCode::kInternal);
  EXPECT_EQ(store.GetPmsCatalog("riviera").error().code, ErrorCode::kInternal);
  ASSERT_TRUE(
      client_->pool->Command({"HSET", keys_.Property("riviera").Links(), "p|only-two", "X"}));
  EXPECT_EQ(client_->links.Load("riviera").error().code, ErrorCode::kInternal);
}

TEST_F(LinkingRedisTest, GetPropertiesAnswersEachIdInOrderInOneCall) {
  auto& store = client_->properties;
  auto lagoon = Riviera();
  lagoon.id = "lagoon";
  ASSERT_TRUE(store.CreateProperty(Riviera()));
  ASSERT_TRUE(store.CreateProperty(lagoon));
  ASSERT_TRUE(client_->pool->Command({"HSET", keys_.Properties(), "broken", "{not json"}));

  auto got = store.GetProperties({"lagoon", "nowhere", "bad key", "riviera", "broken", "lagoon"});
  ASSERT_TRUE(got) << got.error().ToString();
  ASSERT_EQ(got->size(), 6u);
  EXPECT_EQ((*got)[0]->id, "lagoon");
  EXPECT_EQ((*got)[1].error().code, ErrorCode::kNotFound);
  EXPECT_THAT((*got)[1].error().message, HasSubstr("nowhere"));
  EXPECT_EQ((*got)[2].error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(*(*got)[3], Riviera());
  EXPECT_EQ((*got)[4].error().code, ErrorCode::kInternal);
  EXPECT_EQ((*got)[5]->id, "lagoon");

  auto none = store.GetProperties({});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto only_invalid = store.GetProperties({"a b"});
  ASSERT_TRUE(only_invalid);
  EXPECT_EQ((*only_invalid)[0].error().code, ErrorCode::kInvalidArgument);
}

TEST_F(LinkingRedisTest, LoadManyReadsEachPropertysLinksInOrder) {
  auto& store = client_->links;
  ASSERT_TRUE(store.Apply("riviera", 0, {.put_products = {{"sh", "mh-4p", "MH4"}}}));
  ASSERT_TRUE(store.Apply(
      "lagoon", 0,
      {.put_products = {{"sh", "bung", "B"}}, .put_options = {{"sh", "bung", "pet", "PET"}}}));
  ASSERT_TRUE(store.Apply("lagoon", 1, {}));

  auto many = store.LoadMany({"lagoon", "empty", "riviera"});
  ASSERT_TRUE(many) << many.error().ToString();
  ASSERT_EQ(many->size(), 3u);
  EXPECT_EQ((*many)[0].version, 2u);
  EXPECT_EQ((*many)[0].options, (std::vector<OptionLink>{{"sh", "bung", "pet", "PET"}}));
  EXPECT_EQ((*many)[1].version, 0u);
  EXPECT_TRUE((*many)[1].products.empty());
  EXPECT_EQ((*many)[2].products, (std::vector<ProductLink>{{"sh", "mh-4p", "MH4"}}));
  EXPECT_TRUE(store.LoadMany({})->empty());

  EXPECT_EQ(store.LoadMany({"riviera", "bad key"}).error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(
      client_->pool->Command({"HSET", keys_.Property("lagoon").Links(), "p|only-two", "X"}));
  EXPECT_EQ(store.LoadMany({"riviera", "lagoon"}).error().code, ErrorCode::kInternal);
  ASSERT_TRUE(client_->pool->Command({"SET", keys_.Property("riviera").Links(), "not a hash"}));
  EXPECT_EQ(store.LoadMany({"riviera"}).error().code, ErrorCode::kInternal);
}

TEST_F(LinkingRedisTest, TwoKeySpacesOnOneServerDoNotSeeEachOther) {
  Client other(*server_, test::KeySpaceOfCurrentTest("other"));
  SeedProperty(1, false);
  ASSERT_TRUE(client_->links.Apply("riviera", 0, {.put_products = {{"sh", "p0", "P0"}}}));

  EXPECT_EQ(other.properties.GetProperty("riviera").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(other.properties.ListChannels()->empty());
  auto none = other.links.Load("riviera");
  ASSERT_TRUE(none) << none.error().ToString();
  EXPECT_EQ(none->version, 0u);
  EXPECT_TRUE(none->products.empty());

  // The same ids in the other space are other records; versions count apart.
  auto elsewhere = Riviera();
  elsewhere.name = "Riviera elsewhere";
  ASSERT_TRUE(other.properties.CreateProperty(elsewhere));
  ASSERT_TRUE(other.links.Apply("riviera", 0, {.put_products = {{"sh", "p9", "P9"}}}));
  EXPECT_EQ(client_->properties.GetProperty("riviera")->name, Riviera().name);
  EXPECT_EQ(other.properties.GetProperty("riviera")->name, "Riviera elsewhere");
  auto ours = client_->links.Load("riviera");
  ASSERT_TRUE(ours);
  EXPECT_EQ(ours->version, 1u);
  EXPECT_EQ(ours->products, (std::vector<ProductLink>{{"sh", "p0", "P0"}}));
  EXPECT_EQ(other.links.Load("riviera")->products, (std::vector<ProductLink>{{"sh", "p9", "P9"}}));
}

TEST_F(LinkingRedisTest, ConcurrentCreatesHaveOneWinner) {
  std::atomic<int> created = 0;
  std::atomic<int> already_exists = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      Client client(*server_, keys_);
      auto status = client.properties.CreateProperty(Riviera());
      if (status) ++created;
      if (!status && status.error().code == ErrorCode::kAlreadyExists) ++already_exists;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(already_exists, 7);
}

TEST_F(LinkingRedisTest, LinkStoreAppliesOnlyOnTheExpectedVersion) {
  auto& store = client_->links;
  auto empty = store.Load("riviera");
  ASSERT_TRUE(empty) << empty.error().ToString();
  EXPECT_EQ(empty->version, 0u);
  EXPECT_TRUE(empty->products.empty());

  const ProductLink product{"sh", "mh-4p", "MH4"};
  const OptionLink option{"sh", "mh-4p", "pet", "PET"};
  ASSERT_TRUE(store.Apply("riviera", 0, {.put_products = {product}, .put_options = {option}}));
  auto one = store.Load("riviera");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->version, 1u);
  EXPECT_EQ(one->products, std::vector<ProductLink>{product});
  EXPECT_EQ(one->options, std::vector<OptionLink>{option});

  auto stale = store.Apply("riviera", 0, {.remove_products = {product}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store.Load("riviera")->products.size(), 1u);

  ASSERT_TRUE(store.Apply("riviera", 1, {}));  // an empty change still bumps
  EXPECT_EQ(store.Load("riviera")->version, 2u);

  // Removals run before puts, and a put replaces the link with the same key.
  ASSERT_TRUE(store.Apply("riviera", 2,
                          {.put_products = {{"sh", "mh-4p", "MH6"}},
                           .remove_products = {product},
                           .remove_options = {option}}));
  auto replaced = store.Load("riviera");
  EXPECT_EQ(replaced->products, (std::vector<ProductLink>{{"sh", "mh-4p", "MH6"}}));
  EXPECT_TRUE(replaced->options.empty());

  // Removing everything keeps the version: it never goes back.
  ASSERT_TRUE(store.Apply("riviera", 3, {.remove_products = {{"sh", "mh-4p", ""}}}));
  auto cleared = store.Load("riviera");
  EXPECT_TRUE(cleared->products.empty());
  EXPECT_EQ(cleared->version, 4u);
  EXPECT_EQ(store.Apply("riviera", 4, {.put_products = {{"s|h", "x", "Y"}}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store.Load("riviera")->version, 4u);
}

TEST_F(LinkingRedisTest, RegistryWorksEndToEndOnRedis) {
  SeedProperty(2, false);
  auto& registry = client_->registry;
  ASSERT_TRUE(registry.LinkProduct("riviera", "sh", "p0", "P1"));
  ASSERT_TRUE(registry.LinkOption("riviera", "sh", "p0", "pet", "PET"));
  core::Reservation reservation;
  reservation.channel = "sh";
  reservation.property = "riviera";
  reservation.product = "p0";
  reservation.options = {{"pet", 2}};
  auto resolution = registry.Resolve(reservation);
  ASSERT_TRUE(resolution) << resolution.error().ToString();
  EXPECT_EQ(resolution->pms_product, "P1");
  ASSERT_EQ(resolution->options.size(), 1u);
  EXPECT_EQ(resolution->options[0].pms_option, "PET");
  EXPECT_EQ(resolution->options[0].quantity, 2);

  auto removed = registry.SetPmsCatalog("riviera", {.products = {{"P1", "Unit", 3}}});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(registry.Resolve(reservation).error().code, ErrorCode::kOptionNotLinked);
  EXPECT_EQ(*registry.UnlinkProduct("riviera", "sh", "p0"), 0);
  EXPECT_EQ(registry.Resolve(reservation).error().code, ErrorCode::kProductNotLinked);
}

constexpr int kRounds = 50;
constexpr int kThreads = 8;

// Each thread is a separate admin with its own connections.
std::vector<std::unique_ptr<Client>> Admins(const test::RedisServer& server,
                                            const redis::KeySpace& keys) {
  std::vector<std::unique_ptr<Client>> admins;
  for (int t = 0; t < kThreads; ++t) admins.push_back(std::make_unique<Client>(server, keys));
  return admins;
}

TEST_F(LinkingRedisTest, RacingLinksOfOneChannelProductHaveExactlyOneWinner) {
  SeedProperty(kThreads, true);
  auto admins = Admins(*server_, keys_);
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> wins = 0;
    std::atomic<int> already_linked = 0;
    std::barrier start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        auto link = admins[t]->registry.LinkProduct("riviera", "sh", "p0", "P" + std::to_string(t));
        if (link) ++wins;
        if (!link && link.error().code == ErrorCode::kProductAlreadyLinked) ++already_linked;
      });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(wins, 1) << "round " << round;
    ASSERT_EQ(already_linked, kThreads - 1) << "round " << round;
    ASSERT_EQ(client_->links.Load("riviera")->products.size(), 1u);
    ASSERT_TRUE(client_->registry.UnlinkProduct("riviera", "sh", "p0"));
  }
}

TEST_F(LinkingRedisTest, RacingLinksOfOnePmsProductHaveExactlyOneWinnerWithoutMultiLink) {
  SeedProperty(kThreads, false);
  auto admins = Admins(*server_, keys_);
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> wins = 0;
    std::atomic<int> already_linked = 0;
    std::barrier start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        auto link = admins[t]->registry.LinkProduct("riviera", "sh", "p" + std::to_string(t), "P0");
        if (link) ++wins;
        if (!link && link.error().code == ErrorCode::kPmsProductAlreadyLinked) ++already_linked;
      });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(wins, 1) << "round " << round;
    ASSERT_EQ(already_linked, kThreads - 1) << "round " << round;
    auto holders = HoldersOf("P0");
    ASSERT_EQ(holders.size(), 1u);
    ASSERT_TRUE(client_->registry.UnlinkProduct("riviera", "sh", holders[0].product));
  }
}

// One admin turns multi-link off while the others link more channel products to P0, which p0
// already holds. Whoever wins, the flag and the links must agree afterwards.
TEST_F(LinkingRedisTest, TurningMultiLinkOffRacesSafelyWithLinkers) {
  SeedProperty(kThreads, true);
  auto admins = Admins(*server_, keys_);
  ASSERT_TRUE(client_->registry.LinkProduct("riviera", "sh", "p0", "P0"));
  int disabled_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> linked = 0;
    std::atomic<int> refused = 0;
    core::Status disabled;
    std::barrier start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        if (t == 0) {
          disabled = admins[t]->registry.SetMultiLink("riviera", false);
          return;
        }
        auto link = admins[t]->registry.LinkProduct("riviera", "sh", "p" + std::to_string(t), "P0");
        if (link) ++linked;
        if (!link && link.error().code == ErrorCode::kPmsProductAlreadyLinked) ++refused;
      });
    }
    for (auto& thread : threads) thread.join();

    const bool multi_link = client_->properties.GetProperty("riviera")->multi_link;
    const auto holders = HoldersOf("P0");
    ASSERT_EQ(linked + refused, kThreads - 1) << "round " << round;
    ASSERT_EQ(holders.size(), 1u + linked) << "round " << round;
    if (disabled) {
      ++disabled_rounds;
      ASSERT_FALSE(multi_link) << "round " << round;
      ASSERT_EQ(holders.size(), 1u) << "round " << round;
    } else {
      ASSERT_EQ(disabled.error().code, ErrorCode::kPmsProductAlreadyLinked)
          << disabled.error().ToString();
      ASSERT_TRUE(multi_link) << "round " << round;
      ASSERT_GE(holders.size(), 2u) << "round " << round;
    }
    for (const auto& holder : holders) {
      if (holder.product != "p0") {
        ASSERT_TRUE(client_->registry.UnlinkProduct("riviera", "sh", holder.product));
      }
    }
    ASSERT_TRUE(client_->registry.SetMultiLink("riviera", true));
  }
  RecordProperty("rounds_where_multi_link_went_off", disabled_rounds);
}

}  // namespace
}  // namespace chansync::linking
