#include <gtest/gtest.h>

#include <cstdint>

#include "command_line.h"
#include "posting_cli_requests.h"
#include "posting_print.h"

namespace chansync::app {
namespace {

Args Options(std::map<std::string, std::string> options, std::vector<std::string> positionals = {},
             std::map<std::string, std::vector<std::string>> repeated = {}) {
  return Args(std::move(positionals), std::move(options), std::move(repeated));
}

TEST(PostingCliTest, TheReportNeedsAPropertyAndADay) {
  auto request = ListPostingsRequestOf(
      Options({{"property", "riviera"}, {"day", "2026-03-14"}, {"failed", "true"}}));
  ASSERT_TRUE(request.has_value()) << request.error().ToString();
  EXPECT_EQ(request->property_id(), "riviera");
  EXPECT_EQ(request->business_date(), "2026-03-14");
  EXPECT_EQ(request->state(), v1::POSTING_STATE_FAILED);
  EXPECT_EQ(
      ListPostingsRequestOf(Options({{"property", "riviera"}, {"day", "2026-03-14"}}))->state(),
      v1::POSTING_STATE_UNSPECIFIED);
  EXPECT_EQ(ListPostingsRequestOf(Options({{"day", "2026-03-14"}})).error().message,
            "--property is required");
  EXPECT_EQ(
      ListPostingsRequestOf(Options({{"property", "riviera"}, {"day", "14/03"}})).error().message,
      "--day takes a date as YYYY-MM-DD, got \"14/03\"");
}

TEST(PostingCliTest, EndOfDayTakesAnOptionalDay) {
  EXPECT_EQ(EndOfDayRequestOf(Options({{"property", "riviera"}}))->business_date(), "");
  EXPECT_EQ(
      EndOfDayRequestOf(Options({{"property", "riviera"}, {"day", "2026-03-13"}}))->business_date(),
      "2026-03-13");
  EXPECT_FALSE(EndOfDayRequestOf(Options({{"property", "riviera"}, {"day", "yesterday"}})));
}

TEST(PostingCliTest, GuestsAndOnePostingNeedTheirArguments) {
  EXPECT_EQ(SearchGuestsRequestOf(Options({{"property", "riviera"}, {"search", "dup"}}))->text(),
            "dup");
  EXPECT_EQ(SearchGuestsRequestOf(Options({{"property", "riviera"}})).error().message,
            "--search is required");
  auto id = PostingIdOf(Options({{"property", "riviera"}}, {"bar:T1:1"}));
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->first, "riviera");
  EXPECT_EQ(id->second, "bar:T1:1");
  EXPECT_FALSE(PostingIdOf(Options({{"property", "riviera"}})));
  EXPECT_FALSE(PostingIdOf(Options({}, {"bar:T1:1"})));
}

TEST(PostingCliTest, SetupChangesApplyOverTheCurrentSetup) {
  v1::PostingSetup setup;
  setup.set_closing_time("05:30");
  (*setup.mutable_payment_types())["cash"] = "SEL1";
  const Args args = Options(
      {{"property", "riviera"},
       {"closing", "04:00"},
       {"post-prepayments", "on"},
       {"revenue-centre", "spa=OUT2:TC200"},
       {"payment-type", "card=SEL9"}},
      {},
      {{"revenue-centre", {"bar=OUT1:TC100", "spa=OUT2:TC200"}}, {"payment-type", {"card=SEL9"}}});
  EXPECT_TRUE(ChangesPostingSetup(args));
  ASSERT_TRUE(ApplyPostingSetupArgs(args, setup).has_value());
  EXPECT_EQ(setup.closing_time(), "04:00");
  EXPECT_TRUE(setup.post_prepayments());
  EXPECT_EQ(setup.revenue_centres().at("bar").outlet(), "OUT1");
  EXPECT_EQ(setup.revenue_centres().at("spa").transaction_code(), "TC200");
  EXPECT_EQ(setup.payment_types().at("card"), "SEL9");
  EXPECT_EQ(setup.payment_types().at("cash"), "SEL1");
  EXPECT_FALSE(ChangesPostingSetup(Options({{"property", "riviera"}})));
}

TEST(PostingCliTest, MalformedSetupChangesAreRefusedNamingTheOption) {
  const std::vector<std::pair<Args, std::string>> cases = {
      {Options({}, {}, {{"revenue-centre", {"bar"}}}), "--revenue-centre takes NAME=OUTLET:CODE"},
      {Options({}, {}, {{"revenue-centre", {"bar=OUT1"}}}),
       "--revenue-centre takes NAME=OUTLET:CODE"},
      {Options({}, {}, {{"revenue-centre", {"=OUT1:TC"}}}),
       "--revenue-centre takes NAME=OUTLET:CODE"},
      {Options({}, {}, {{"payment-type", {"card="}}}), "--payment-type takes NAME=SELECTOR"},
      {Options({{"post-prepayments", "yes"}}), "--post-prepayments takes on or off"},
  };
  for (const auto& [args, message] : cases) {
    v1::PostingSetup setup;
    auto applied = ApplyPostingSetupArgs(args, setup);
    ASSERT_FALSE(applied.has_value()) << message;
    EXPECT_TRUE(applied.error().message.starts_with(message)) << applied.error().message;
  }
}

TEST(PostingCliTest, ARepeatableOptionKeepsEveryValue) {
  CommandLine cli("test", "");
  Args seen;
  cli.Add({.path = {"posting-setup"},
           .options = {{"property", "P", "the property", true},
                       {.name = "revenue-centre", .value_name = "R", .repeatable = true}},
           .run = [&](const Args& args) {
             seen = args;
             return 0;
           }});
  ASSERT_EQ(cli.Run({"posting-setup", "--property", "riviera", "--revenue-centre", "bar=O1:T1",
                     "--revenue-centre", "spa=O2:T2"}),
            0);
  EXPECT_EQ(seen.GetAll("revenue-centre"), (std::vector<std::string>{"bar=O1:T1", "spa=O2:T2"}));
  EXPECT_EQ(seen.GetOr("property", ""), "riviera");
}

TEST(PostingCliTest, AmountsAreShownInTheCurrencysUnit) {
  EXPECT_EQ(FormatAmount(1250, "EUR"), "12.50 EUR");
  EXPECT_EQ(FormatAmount(-5, "EUR"), "-0.05 EUR");
  EXPECT_EQ(FormatAmount(0, "EUR"), "0.00 EUR");
  EXPECT_EQ(FormatAmount(1250, "JPY"), "1250 JPY");
  EXPECT_EQ(FormatAmount(1250, "KWD"), "1.250 KWD");
  EXPECT_EQ(FormatAmount(INT64_MIN, "EUR"), "-92233720368547758.08 EUR");
}

}  // namespace
}  // namespace chansync::app
