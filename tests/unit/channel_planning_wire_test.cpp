#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/channel/http_endpoint.h"
#include "chansync/channel/planning_wire.h"

namespace chansync::channel::wire {
namespace {

using core::ErrorCode;
using core::PlanningPush;
using core::PlanningRun;
using ::testing::HasSubstr;

core::CivilDate Date(const char* text) { return *core::CivilDate::Parse(text); }

PlanningRun RunOf(const char* from, std::vector<int> free) { return {Date(from), std::move(free)}; }

// Every (product, night) -> free of a list of requests, in the order they would be applied.
std::vector<std::tuple<std::string, core::CivilDate, int>> Cells(
    const std::vector<PlanningPush>& pushes) {
  std::vector<std::tuple<std::string, core::CivilDate, int>> cells;
  for (const auto& push : pushes) {
    for (const auto& product : push.products) {
      for (const auto& run : product.runs) {
        for (size_t i = 0; i < run.free_units.size(); ++i) {
          cells.emplace_back(product.product, run.from.AddDays(static_cast<int64_t>(i)),
                             run.free_units[i]);
        }
      }
    }
  }
  return cells;
}

PlanningPush Sample() {
  return {"riviera",
          "booking",
          {{"chalet", {RunOf("2026-07-01", {3, 3, 2}), RunOf("2026-07-10", {1})}},
           {"pitch", {RunOf("2026-12-30", {30, 29, 28, 27})}}}};
}

TEST(ChannelPlanningWireTest, PushWithinTheBoundIsOneRequestUnchanged) {
  const PlanningPush push = Sample();
  const auto requests = SplitPlanningPush(push, push.Cells());
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0], push);
}

TEST(ChannelPlanningWireTest, ExactBoundFillsEveryRequest) {
  const PlanningPush push{
      "riviera", "booking", {{"chalet", {RunOf("2026-07-01", {1, 2, 3, 4, 5, 6})}}}};
  const auto requests = SplitPlanningPush(push, 3);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].products[0].runs, (std::vector{RunOf("2026-07-01", {1, 2, 3})}));
  EXPECT_EQ(requests[1].products[0].runs, (std::vector{RunOf("2026-07-04", {4, 5, 6})}));
}

TEST(ChannelPlanningWireTest, RunIsSplitAcrossRequestsAndMonthEnds) {
  const PlanningPush push = Sample();  // 8 cells: chalet 3 + 1, pitch 4
  const auto requests = SplitPlanningPush(push, 5);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].Cells(), 5);
  EXPECT_EQ(requests[1].Cells(), 3);
  ASSERT_EQ(requests[0].products.size(), 2u);
  EXPECT_EQ(requests[0].products[1].product, "pitch");
  EXPECT_EQ(requests[0].products[1].runs, (std::vector{RunOf("2026-12-30", {30})}));
  ASSERT_EQ(requests[1].products.size(), 1u);
  EXPECT_EQ(requests[1].products[0].product, "pitch");
  EXPECT_EQ(requests[1].products[0].runs, (std::vector{RunOf("2026-12-31", {29, 28, 27})}));
  for (const auto& request : requests) {
    EXPECT_EQ(request.property, "riviera");
    EXPECT_EQ(request.channel, "booking");
  }
}

TEST(ChannelPlanningWireTest, ManySmallRunsKeepOrderAndConserveCells) {
  PlanningPush push{"riviera", "booking", {}};
  for (int p = 0; p < 7; ++p) {
    core::ProductPlanning product{"product-" + std::to_string(p), {}};
    for (int r = 0; r < 20; ++r) {
      product.runs.push_back(RunOf("2026-01-01", std::vector<int>(1 + (r + p) % 3, p * 100 + r)));
      product.runs.back().from = Date("2026-01-01").AddDays(r * 5);
    }
    push.products.push_back(std::move(product));
  }
  for (int64_t bound : {1, 2, 3, 7, 50, 1000}) {
    const auto requests = SplitPlanningPush(push, bound);
    int64_t total = 0;
    for (size_t i = 0; i < requests.size(); ++i) {
      EXPECT_LE(requests[i].Cells(), bound);
      if (i + 1 < requests.size()) {
        EXPECT_EQ(requests[i].Cells(), bound) << "bound " << bound;
      }
      total += requests[i].Cells();
    }
    EXPECT_EQ(total, push.Cells());
    EXPECT_EQ(static_cast<int64_t>(requests.size()), (push.Cells() + bound - 1) / bound);
    EXPECT_EQ(Cells(requests), Cells({push})) << "bound " << bound;
  }
}

TEST(ChannelPlanningWireTest, EmptyPushGivesNoRequestAndBoundBelowOneCountsAsOne) {
  EXPECT_TRUE(SplitPlanningPush({"riviera", "booking", {}}, 10).empty());
  EXPECT_TRUE(SplitPlanningPush({"riviera", "booking", {{"chalet", {}}}}, 10).empty());
  const PlanningPush push{"riviera", "booking", {{"chalet", {RunOf("2026-07-01", {1, 2})}}}};
  EXPECT_EQ(SplitPlanningPush(push, 0).size(), 2u);
  EXPECT_EQ(SplitPlanningPush(push, -5).size(), 2u);
}

TEST(ChannelPlanningWireTest, PushRoundTrips) {
  const PlanningPush push = Sample();
  const std::string json = EncodePlanningPush(push);
  EXPECT_THAT(json, HasSubstr(R"({"property":"riviera","channel":"booking","products":[)"));
  EXPECT_THAT(json,
              HasSubstr(R"({"product":"chalet","runs":[{"from":"2026-07-01","free":[3,3,2]})"));
  auto decoded = DecodePlanningPush(json);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
  EXPECT_EQ(*decoded, push);

  auto with_extra =
      DecodePlanningPush(R"({"property":"p","channel":"c","products":[],"sent_by":"x"})");
  ASSERT_TRUE(with_extra.has_value()) << with_extra.error().ToString();
  EXPECT_TRUE(with_extra->products.empty());
}

TEST(ChannelPlanningWireTest, DecodeErrorsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "valid JSON"},
      {"[]", "JSON object"},
      {R"({"channel":"c","products":[]})", "property is required"},
      {R"({"property":"p","channel":"c d","products":[]})", "channel"},
      {R"({"property":"p","channel":"c"})", "products must be an array"},
      {R"({"property":"p","channel":"c","products":[{"runs":[]}]})", "products[0].product"},
      {R"({"property":"p","channel":"c","products":[{"product":"x"}]})", "products[0].runs"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[{"from":"2026-02-30","free":[1]}]}]})",
       "products[0].runs[0].from"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[{"from":"2026-02-01","free":[]}]}]})",
       "products[0].runs[0].free"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[{"from":"2026-02-01","free":[1,-1]}]}]})",
       "products[0].runs[0].free[1]"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[{"from":"2026-02-01","free":[1.5]}]}]})",
       "products[0].runs[0].free[0]"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[
           {"from":"2026-02-01","free":[1,1]},{"from":"2026-02-02","free":[1]}]}]})",
       "products[0].runs[1].from overlaps"},
      {R"({"property":"p","channel":"c","products":[{"product":"x","runs":[]},{"product":"x","runs":[]}]})",
       "products[1].product \"x\" appears twice"},
  };
  for (const auto& [json, field] : cases) {
    auto decoded = DecodePlanningPush(json);
    ASSERT_FALSE(decoded.has_value()) << json;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument) << json;
    EXPECT_THAT(decoded.error().message, HasSubstr(field)) << json;
  }
}

TEST(ChannelPlanningWireTest, AnswersAndErrorsRoundTrip) {
  EXPECT_EQ(EncodeAccepted(18250), R"({"accepted_cells":18250})");
  EXPECT_EQ(DecodeAccepted(EncodeAccepted(18250)).value(), 18250);
  EXPECT_FALSE(DecodeAccepted(R"({"accepted_cells":-1})").has_value());
  EXPECT_FALSE(DecodeAccepted(R"({"accepted":3})").has_value());
  EXPECT_FALSE(DecodeAccepted("<html>").has_value());

  auto error = DecodeError(EncodeError("INVALID", "body channel \"a\" is not \"b\""));
  ASSERT_TRUE(error.has_value()) << error.error().ToString();
  EXPECT_EQ(error->code, "INVALID");
  EXPECT_EQ(error->message, "body channel \"a\" is not \"b\"");
  EXPECT_FALSE(DecodeError(R"({"error":"boom"})").has_value());
  EXPECT_FALSE(DecodeError(R"({"error":{"code":"X"}})").has_value());
}

TEST(ChannelHttpEndpointTest, ParsesHttpUrls) {
  auto endpoint = ParseHttpEndpoint("http://127.0.0.1:7482/v1/channels/booking/planning");
  ASSERT_TRUE(endpoint.has_value()) << endpoint.error().ToString();
  EXPECT_EQ(*endpoint, (HttpEndpoint{"127.0.0.1", 7482, "/v1/channels/booking/planning",
                                     "http://127.0.0.1:7482"}));
  EXPECT_EQ(ParseHttpEndpoint("http://localhost").value(),
            (HttpEndpoint{"localhost", 80, "/", "http://localhost:80"}));
  EXPECT_EQ(ParseHttpEndpoint("http://[::1]:8080/p?x=1").value(),
            (HttpEndpoint{"::1", 8080, "/p?x=1", "http://[::1]:8080"}));
  EXPECT_EQ(ParseHttpEndpoint("http://h?x=1").value().target, "/?x=1");
}

TEST(ChannelHttpEndpointTest, ParsesHttpsUrlsOnTheirOwnOrigin) {
  EXPECT_EQ(ParseHttpEndpoint("https://portal.example/planning").value(),
            (HttpEndpoint{"portal.example", 443, "/planning", "https://portal.example:443", true}));
  EXPECT_EQ(ParseHttpEndpoint("https://[::1]:8443/p").value(),
            (HttpEndpoint{"::1", 8443, "/p", "https://[::1]:8443", true}));
  EXPECT_NE(ParseHttpEndpoint("https://h:8443/").value().origin,
            ParseHttpEndpoint("http://h:8443/").value().origin)
      << "a plain connection is never reused for https";
}

TEST(ChannelHttpEndpointTest, RefusesWhatIsNotHttpOrHttps) {
  for (const char* url :
       {"", "https:/portal.example/planning", "ftp://h/", "https://", "http://", "http:///p",
        "http://h:/p", "http://h:0/p", "http://h:65536/p", "http://h:80x/p", "http://u:pw@h/p",
        "http://h/p q", "http://h/p#f", "http://[::1/p", "http://[::1]x/p", "127.0.0.1:7482/p"}) {
    auto endpoint = ParseHttpEndpoint(url);
    ASSERT_FALSE(endpoint.has_value()) << url;
    EXPECT_EQ(endpoint.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

}  // namespace
}  // namespace chansync::channel::wire
