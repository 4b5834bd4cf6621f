#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "chansync/linking/link_registry.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"

namespace chansync::linking {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;

class LinkRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(properties_.CreateProperty({.id = "riviera", .name = "Camping Riviera"}));
    ASSERT_TRUE(properties_.CreateChannel({.id = "secureholiday", .name = "SecureHoliday"}));
    ASSERT_TRUE(properties_.CreateChannel({.id = "booking", .name = "Booking"}));
    ASSERT_TRUE(properties_.SetChannelProducts(
        "riviera", "secureholiday",
        {{.id = "mh-4p", .name = "Mobile home 4p", .options = {{"linen", "Linen"}, {"pet", "Pet"}}},
         {.id = "mh-6p", .name = "Mobile home 6p", .options = {{"linen", "Linen"}}},
         {.id = "chalet", .name = "Chalet"}}));
    ASSERT_TRUE(properties_.SetChannelProducts("riviera", "booking",
                                               {{.id = "bk-mh4", .name = "Mobile home"}}));
    ASSERT_TRUE(properties_.SetPmsCatalog(
        "riviera", {.products = {{"MH4", "Mobile home 4", 10},
                                 {"MH6", "Mobile home 6", 5},
                                 {"CHA", "Chalet", 2}},
                    .options = {{"LINEN", "Linen"}, {"PET", "Pet"}, {"CLEAN", "Cleaning"}}}));
  }

  core::Property Property() { return *properties_.GetProperty("riviera"); }

  core::Reservation Reservation(std::string product, std::vector<core::OptionLine> options = {}) {
    core::Reservation r;
    r.channel = "secureholiday";
    r.channel_reservation_id = "SH-1";
    r.property = "riviera";
    r.product = std::move(product);
    r.options = std::move(options);
    return r;
  }

  const ChannelProductState& Find(const ProductBoard& board, std::string_view channel,
                                  std::string_view product) {
    for (const auto& state : board.channel_products) {
      if (state.channel == channel && state.product.id == product) return state;
    }
    ADD_FAILURE() << "no channel product " << product;
    return board.channel_products.front();
  }

  const PmsProductState& FindPms(const ProductBoard& board, std::string_view product) {
    for (const auto& state : board.pms_products) {
      if (state.product.id == product) return state;
    }
    ADD_FAILURE() << "no PMS product " << product;
    return board.pms_products.front();
  }

  testing::InMemoryPropertyStore properties_;
  testing::InMemoryLinkStore links_;
  LinkRegistry registry_{properties_, links_};
};

template <typename T>
ErrorCode CodeOf(const core::Result<T>& result) {
  EXPECT_FALSE(result.has_value());
  return result ? ErrorCode::kInternal : result.error().code;
}

TEST_F(LinkRegistryTest, FreshBoardShowsEverythingFree) {
  auto board = registry_.Products("riviera");
  ASSERT_TRUE(board) << board.error().ToString();
  EXPECT_FALSE(board->multi_link);
  ASSERT_EQ(board->channel_products.size(), 4u);
  EXPECT_EQ(board->channel_products[0].channel, "booking");   // channels sorted
  EXPECT_EQ(board->channel_products[1].product.id, "mh-4p");  // then as declared
  for (const auto& state : board->channel_products) {
    EXPECT_EQ(state.state(), LinkState::kFree);
    EXPECT_FALSE(state.pms_product);
  }
  ASSERT_EQ(board->pms_products.size(), 3u);
  for (const auto& state : board->pms_products) {
    EXPECT_TRUE(state.linked_to.empty());
    EXPECT_TRUE(state.selectable);
  }
}

TEST_F(LinkRegistryTest, LinkedProductShowsOnBothSides) {
  auto link = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4");
  ASSERT_TRUE(link) << link.error().ToString();
  EXPECT_EQ(*link, (ProductLink{"secureholiday", "mh-4p", "MH4"}));

  auto board = registry_.Products("riviera");
  ASSERT_TRUE(board);
  const auto& linked = Find(*board, "secureholiday", "mh-4p");
  EXPECT_EQ(linked.state(), LinkState::kLinked);
  EXPECT_EQ(linked.pms_product, "MH4");
  EXPECT_EQ(Find(*board, "secureholiday", "mh-6p").state(), LinkState::kFree);
  const auto& pms = FindPms(*board, "MH4");
  EXPECT_EQ(pms.linked_to, (std::vector<ChannelProductRef>{{"secureholiday", "mh-4p"}}));
  EXPECT_FALSE(pms.selectable);
  EXPECT_TRUE(FindPms(*board, "MH6").selectable);
}

TEST_F(LinkRegistryTest, BoardFilteredByChannelStillShowsHoldersOnOtherChannels) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4"));
  auto board = registry_.Products("riviera", "secureholiday");
  ASSERT_TRUE(board);
  EXPECT_EQ(board->channel_products.size(), 3u);
  for (const auto& state : board->channel_products) EXPECT_EQ(state.channel, "secureholiday");
  EXPECT_EQ(FindPms(*board, "MH4").linked_to,
            (std::vector<ChannelProductRef>{{"booking", "bk-mh4"}}));
  EXPECT_EQ(CodeOf(registry_.Products("riviera", "nochannel")), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(registry_.Products("nowhere")), ErrorCode::kNotFound);
}

TEST_F(LinkRegistryTest, ChannelProductLinksOnlyOnce) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  for (const char* pms : {"MH6", "MH4"}) {
    auto again = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", pms);
    ASSERT_EQ(CodeOf(again), ErrorCode::kProductAlreadyLinked);
    EXPECT_THAT(again.error().message, HasSubstr("\"MH4\""));
    EXPECT_THAT(again.error().message, HasSubstr("\"mh-4p\""));
  }
}

TEST_F(LinkRegistryTest, PmsProductLinksOnceWhenMultiLinkIsOff) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  auto second = registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4");
  ASSERT_EQ(CodeOf(second), ErrorCode::kPmsProductAlreadyLinked);
  EXPECT_THAT(second.error().message, HasSubstr("\"mh-4p\""));
  EXPECT_THAT(second.error().message, HasSubstr("\"secureholiday\""));
}

TEST_F(LinkRegistryTest, MultiLinkLetsAPmsProductLinkSeveralTimesAndStaysSelectable) {
  ASSERT_TRUE(registry_.SetMultiLink("riviera", true));
  EXPECT_TRUE(Property().multi_link);
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4"));
  auto board = registry_.Products("riviera");
  ASSERT_TRUE(board);
  EXPECT_TRUE(board->multi_link);
  const auto& pms = FindPms(*board, "MH4");
  EXPECT_EQ(pms.linked_to,
            (std::vector<ChannelProductRef>{{"booking", "bk-mh4"}, {"secureholiday", "mh-4p"}}));
  EXPECT_TRUE(pms.selectable);
  // The channel side still links once.
  EXPECT_EQ(CodeOf(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH6")),
            ErrorCode::kProductAlreadyLinked);
}

TEST_F(LinkRegistryTest, UnknownItemsAreNotFoundByName) {
  struct Case {
    std::string property, channel, product, pms, named;
  };
  for (const auto& c : {Case{"nowhere", "secureholiday", "mh-4p", "MH4", "nowhere"},
                        Case{"riviera", "nochannel", "mh-4p", "MH4", "nochannel"},
                        Case{"riviera", "secureholiday", "tent", "MH4", "tent"},
                        Case{"riviera", "booking", "mh-4p", "MH4", "mh-4p"},
                        Case{"riviera", "secureholiday", "mh-4p", "VILLA", "VILLA"}}) {
    auto link = registry_.LinkProduct(c.property, c.channel, c.product, c.pms);
    ASSERT_EQ(CodeOf(link), ErrorCode::kNotFound) << c.named;
    EXPECT_THAT(link.error().message, HasSubstr(c.named));
  }
}

TEST_F(LinkRegistryTest, MalformedIdsAreInvalidArgument) {
  EXPECT_EQ(CodeOf(registry_.LinkProduct("riviera", "secure|holiday", "mh-4p", "MH4")),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(registry_.LinkProduct("riviera", "secureholiday", "", "MH4")),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "P ET")),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(registry_.Products("riv/iera")), ErrorCode::kInvalidArgument);
}

TEST_F(LinkRegistryTest, UnlinkingAProductFreesBothSidesAndTakesItsOptionLinks) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-6p", "MH6"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-6p", "linen", "LINEN"));

  auto removed = registry_.UnlinkProduct("riviera", "secureholiday", "mh-4p");
  ASSERT_TRUE(removed) << removed.error().ToString();
  EXPECT_EQ(*removed, 2);

  auto board = registry_.Products("riviera");
  ASSERT_TRUE(board);
  EXPECT_EQ(Find(*board, "secureholiday", "mh-4p").state(), LinkState::kFree);
  for (const auto& option : Find(*board, "secureholiday", "mh-4p").options) {
    EXPECT_FALSE(option.pms_option);
  }
  EXPECT_TRUE(FindPms(*board, "MH4").linked_to.empty());
  EXPECT_TRUE(FindPms(*board, "MH4").selectable);
  // The other product link keeps its option.
  EXPECT_EQ(Find(*board, "secureholiday", "mh-6p").options[0].pms_option, "LINEN");
  EXPECT_EQ(CodeOf(registry_.Options("riviera", "secureholiday", "mh-4p")),
            ErrorCode::kProductNotLinked);
  // Both sides are free again: relinking works, with no option left over.
  ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "CHA"));
  auto options = registry_.Options("riviera", "secureholiday", "mh-4p");
  ASSERT_TRUE(options);
  for (const auto& option : options->channel_options) EXPECT_FALSE(option.pms_option);
}

TEST_F(LinkRegistryTest, UnlinkingWhatIsNotLinkedIsNotFound) {
  auto product = registry_.UnlinkProduct("riviera", "secureholiday", "mh-4p");
  ASSERT_EQ(CodeOf(product), ErrorCode::kNotFound);
  EXPECT_THAT(product.error().message, HasSubstr("mh-4p"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  auto option = registry_.UnlinkOption("riviera", "secureholiday", "mh-4p", "pet");
  ASSERT_FALSE(option);
  EXPECT_EQ(option.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(registry_.UnlinkProduct("nowhere", "secureholiday", "mh-4p")),
            ErrorCode::kNotFound);
}

TEST_F(LinkRegistryTest, OptionsLinkOnlyInsideAnEffectiveProductLink) {
  auto option = registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET");
  ASSERT_EQ(CodeOf(option), ErrorCode::kProductNotLinked);
  EXPECT_THAT(option.error().message, HasSubstr("mh-4p"));
  EXPECT_EQ(CodeOf(registry_.Options("riviera", "secureholiday", "mh-4p")),
            ErrorCode::kProductNotLinked);
}

TEST_F(LinkRegistryTest, OptionSidesMustExist) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-6p", "MH6"));
  // "pet" is sold with mh-4p, not with mh-6p.
  auto foreign = registry_.LinkOption("riviera", "secureholiday", "mh-6p", "pet", "PET");
  ASSERT_EQ(CodeOf(foreign), ErrorCode::kNotFound);
  EXPECT_THAT(foreign.error().message, HasSubstr("\"pet\""));
  auto unknown_pms = registry_.LinkOption("riviera", "secureholiday", "mh-6p", "linen", "SPA");
  ASSERT_EQ(CodeOf(unknown_pms), ErrorCode::kNotFound);
  EXPECT_THAT(unknown_pms.error().message, HasSubstr("\"SPA\""));
  EXPECT_EQ(CodeOf(registry_.LinkOption("riviera", "secureholiday", "tent", "linen", "LINEN")),
            ErrorCode::kNotFound);
}

TEST_F(LinkRegistryTest, OptionLinksOnceOnBothSidesWithinAProductLink) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  auto link = registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN");
  ASSERT_TRUE(link) << link.error().ToString();
  EXPECT_EQ(*link, (OptionLink{"secureholiday", "mh-4p", "linen", "LINEN"}));

  auto channel_side = registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "CLEAN");
  ASSERT_EQ(CodeOf(channel_side), ErrorCode::kOptionAlreadyLinked);
  EXPECT_THAT(channel_side.error().message, HasSubstr("\"LINEN\""));
  auto pms_side = registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "LINEN");
  ASSERT_EQ(CodeOf(pms_side), ErrorCode::kPmsOptionAlreadyLinked);
  EXPECT_THAT(pms_side.error().message, HasSubstr("\"linen\""));

  // The same PMS option is free again inside another product link.
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-6p", "MH6"));
  EXPECT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-6p", "linen", "LINEN"));
}

TEST_F(LinkRegistryTest, OptionBoardShowsBothSides) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  auto board = registry_.Options("riviera", "secureholiday", "mh-4p");
  ASSERT_TRUE(board) << board.error().ToString();
  EXPECT_EQ(board->link, (ProductLink{"secureholiday", "mh-4p", "MH4"}));
  ASSERT_EQ(board->channel_options.size(), 2u);
  EXPECT_EQ(board->channel_options[0].option.id, "linen");
  EXPECT_FALSE(board->channel_options[0].pms_option);
  EXPECT_EQ(board->channel_options[1].pms_option, "PET");
  ASSERT_EQ(board->pms_options.size(), 3u);
  EXPECT_FALSE(board->pms_options[0].linked_to);  // LINEN
  EXPECT_EQ(board->pms_options[1].linked_to, "pet");
  EXPECT_FALSE(board->pms_options[2].linked_to);  // CLEAN

  auto products = registry_.Products("riviera");
  ASSERT_TRUE(products);
  EXPECT_EQ(Find(*products, "secureholiday", "mh-4p").options[1].pms_option, "PET");
}

TEST_F(LinkRegistryTest, UnlinkingAnOptionFreesBothSides) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  ASSERT_TRUE(registry_.UnlinkOption("riviera", "secureholiday", "mh-4p", "pet"));
  auto board = registry_.Options("riviera", "secureholiday", "mh-4p");
  ASSERT_TRUE(board);
  EXPECT_FALSE(board->channel_options[1].pms_option);
  EXPECT_FALSE(board->pms_options[1].linked_to);
  EXPECT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "PET"));
}

TEST_F(LinkRegistryTest, ResolvesProductAndOptionsWithQuantities) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  auto resolution = registry_.Resolve(Reservation("mh-4p", {{"pet", 1}, {"linen", 3}}));
  ASSERT_TRUE(resolution) << resolution.error().ToString();
  EXPECT_EQ(resolution->pms_product, "MH4");
  ASSERT_EQ(resolution->options.size(), 2u);
  EXPECT_EQ(resolution->options[0].pms_option, "PET");
  EXPECT_EQ(resolution->options[1].pms_option, "LINEN");
  EXPECT_EQ(resolution->options[1].quantity, 3);
}

TEST_F(LinkRegistryTest, GatewayWorksWithSomeProductsAndOptionsUnlinked) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN"));
  auto plain = registry_.Resolve(Reservation("mh-4p"));
  ASSERT_TRUE(plain) << plain.error().ToString();
  EXPECT_TRUE(plain->options.empty());
  EXPECT_TRUE(registry_.Resolve(Reservation("mh-4p", {{"linen", 1}})));

  auto unlinked_option = registry_.Resolve(Reservation("mh-4p", {{"linen", 1}, {"pet", 1}}));
  ASSERT_EQ(CodeOf(unlinked_option), ErrorCode::kOptionNotLinked);
  for (const char* named : {"\"pet\"", "\"mh-4p\"", "\"secureholiday\""}) {
    EXPECT_THAT(unlinked_option.error().message, HasSubstr(named));
  }
  auto unlinked_product = registry_.Resolve(Reservation("mh-6p"));
  ASSERT_EQ(CodeOf(unlinked_product), ErrorCode::kProductNotLinked);
  EXPECT_THAT(unlinked_product.error().message, HasSubstr("\"mh-6p\""));
  EXPECT_THAT(unlinked_product.error().message, HasSubstr("\"secureholiday\""));
  // The same product id on another channel is another channel product.
  auto other_channel = Reservation("mh-4p");
  other_channel.channel = "booking";
  EXPECT_EQ(CodeOf(registry_.Resolve(other_channel)), ErrorCode::kProductNotLinked);
  EXPECT_EQ(CodeOf(registry_.Resolve(Reservation("mh 4p"))), ErrorCode::kInvalidReservation);
}

TEST_F(LinkRegistryTest, MultiLinkCannotBeTurnedOffWhileAPmsProductIsLinkedSeveralTimes) {
  ASSERT_TRUE(registry_.SetMultiLink("riviera", true));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4"));
  auto off = registry_.SetMultiLink("riviera", false);
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, ErrorCode::kPmsProductAlreadyLinked);
  EXPECT_THAT(off.error().message, HasSubstr("\"MH4\""));
  EXPECT_TRUE(Property().multi_link);

  ASSERT_TRUE(registry_.UnlinkProduct("riviera", "booking", "bk-mh4"));
  ASSERT_TRUE(registry_.SetMultiLink("riviera", false));
  EXPECT_FALSE(Property().multi_link);
  EXPECT_EQ(CodeOf(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH4")),
            ErrorCode::kPmsProductAlreadyLinked);
  EXPECT_TRUE(registry_.SetMultiLink("riviera", false));  // already off
  EXPECT_EQ(registry_.SetMultiLink("nowhere", true).error().code, ErrorCode::kNotFound);
}

// A linker that read the flag as on before it went off commits a second link to MH4 just
// before the disabling commit: the disabling fails and the flag is back on.
TEST_F(LinkRegistryTest, TurningMultiLinkOffLosesToALinkerThatSawItOn) {
  ASSERT_TRUE(registry_.SetMultiLink("riviera", true));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  links_.BeforeNextApply([&] {
    auto snapshot = links_.Load("riviera");
    ASSERT_TRUE(links_.Apply("riviera", snapshot->version,
                             {.put_products = {{"booking", "bk-mh4", "MH4"}}}));
  });
  auto off = registry_.SetMultiLink("riviera", false);
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, ErrorCode::kPmsProductAlreadyLinked);
  EXPECT_TRUE(Property().multi_link);
}

TEST_F(LinkRegistryTest, TurningMultiLinkOffRechecksAfterAnUnrelatedCommit) {
  ASSERT_TRUE(registry_.SetMultiLink("riviera", true));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  links_.BeforeNextApply(
      [&] { ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH6")); });
  const int applies_before = links_.apply_calls();
  ASSERT_TRUE(registry_.SetMultiLink("riviera", false));
  EXPECT_FALSE(Property().multi_link);
  // The disabling bump, the interleaved link, and the disabling bump again.
  EXPECT_EQ(links_.apply_calls() - applies_before, 3);
}

TEST_F(LinkRegistryTest, LinkerThatLosesTheRaceGetsTheRuleError) {
  links_.BeforeNextApply(
      [&] { ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH6")); });
  auto loser = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4");
  ASSERT_EQ(CodeOf(loser), ErrorCode::kProductAlreadyLinked);
  EXPECT_THAT(loser.error().message, HasSubstr("\"MH6\""));
}

TEST_F(LinkRegistryTest, EndlessContentionEndsInConflict) {
  std::function<void()> meddle = [&] {
    auto snapshot = links_.Load("riviera");
    ASSERT_TRUE(links_.Apply("riviera", snapshot->version, {}));
    links_.BeforeNextApply(meddle);
  };
  links_.BeforeNextApply(meddle);
  auto link = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4");
  ASSERT_EQ(CodeOf(link), ErrorCode::kConflict);
  links_.BeforeNextApply(nullptr);
  EXPECT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
}

TEST_F(LinkRegistryTest, ConcurrentLinkersOfOneChannelProductHaveOneWinner) {
  constexpr int kThreads = 8;
  const std::vector<std::string> targets{"MH4", "MH6", "CHA"};
  std::atomic<int> wins = 0;
  std::atomic<int> already_linked = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto link = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", targets[t % 3]);
      if (link) ++wins;
      if (!link && link.error().code == ErrorCode::kProductAlreadyLinked) ++already_linked;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(already_linked, kThreads - 1);
}

TEST_F(LinkRegistryTest, ReplacingThePmsCatalogPrunesLinksOfVanishedItems) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-6p", "MH6"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-6p", "linen", "LINEN"));

  // PET vanishes: only its option link goes.
  auto removed = registry_.SetPmsCatalog(
      "riviera", {.products = {{"MH4", "Mobile home 4", 10}, {"MH6", "Mobile home 6", 5}},
                  .options = {{"LINEN", "Linen"}}});
  ASSERT_TRUE(removed) << removed.error().ToString();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(CodeOf(registry_.Resolve(Reservation("mh-4p", {{"pet", 1}}))),
            ErrorCode::kOptionNotLinked);

  // MH4 vanishes: its product link and remaining option link go.
  removed = registry_.SetPmsCatalog(
      "riviera", {.products = {{"MH6", "Mobile home 6", 5}}, .options = {{"LINEN", "Linen"}}});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(CodeOf(registry_.Resolve(Reservation("mh-4p"))), ErrorCode::kProductNotLinked);
  auto survivor = registry_.Resolve(Reservation("mh-6p", {{"linen", 1}}));
  ASSERT_TRUE(survivor);
  EXPECT_EQ(survivor->pms_product, "MH6");

  // Nothing vanishes: nothing removed.
  removed = registry_.SetPmsCatalog(
      "riviera", {.products = {{"MH6", "Mobile home 6", 6}}, .options = {{"LINEN", "Linen"}}});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 0);
  EXPECT_EQ(CodeOf(registry_.SetPmsCatalog("nowhere", {})), ErrorCode::kNotFound);
}

TEST_F(LinkRegistryTest, ReplacingChannelProductsPrunesLinksOfVanishedItems) {
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "linen", "LINEN"));
  ASSERT_TRUE(registry_.LinkOption("riviera", "secureholiday", "mh-4p", "pet", "PET"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "secureholiday", "chalet", "CHA"));
  ASSERT_TRUE(registry_.LinkProduct("riviera", "booking", "bk-mh4", "MH6"));

  // mh-4p loses its pet option; chalet is withdrawn.
  auto removed = registry_.SetChannelProducts(
      "riviera", "secureholiday",
      {{.id = "mh-4p", .name = "Mobile home 4p", .options = {{"linen", "Linen"}}}});
  ASSERT_TRUE(removed) << removed.error().ToString();
  EXPECT_EQ(*removed, 2);
  auto board = registry_.Products("riviera");
  ASSERT_TRUE(board);
  EXPECT_TRUE(FindPms(*board, "CHA").linked_to.empty());
  EXPECT_EQ(Find(*board, "secureholiday", "mh-4p").options[0].pms_option, "LINEN");
  EXPECT_EQ(Find(*board, "booking", "bk-mh4").pms_product, "MH6");  // other channel untouched

  // An empty list withdraws the channel and every link it had.
  removed = registry_.SetChannelProducts("riviera", "secureholiday", {});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(*properties_.ListPropertyChannels("riviera"), std::vector<core::ChannelId>{"booking"});
  EXPECT_EQ(CodeOf(registry_.SetChannelProducts("riviera", "nochannel", {})), ErrorCode::kNotFound);
}

// A linker that read the old catalog loses to the pruning commit and re-checks the new one.
TEST_F(LinkRegistryTest, LinkerRacingACatalogReplacementSeesTheNewCatalog) {
  links_.BeforeNextApply([&] {
    auto removed = registry_.SetPmsCatalog("riviera", {.products = {{"MH6", "Mobile home 6", 5}}});
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed, 0);
  });
  auto link = registry_.LinkProduct("riviera", "secureholiday", "mh-4p", "MH4");
  ASSERT_EQ(CodeOf(link), ErrorCode::kNotFound);
  EXPECT_THAT(link.error().message, HasSubstr("\"MH4\""));
  EXPECT_EQ(CodeOf(registry_.Resolve(Reservation("mh-4p"))), ErrorCode::kProductNotLinked);
}

}  // namespace
}  // namespace chansync::linking
