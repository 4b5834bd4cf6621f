#include <gtest/gtest.h>

#include "chansync/api/grpc/posting_proto.h"

namespace chansync::api {
namespace {

using core::ErrorCode;

postings::Posting BarCharge() {
  postings::Posting posting;
  posting.property = "riviera";
  posting.kind = postings::PostingKind::kCharge;
  posting.amount = {1250, "EUR"};
  posting.tip_minor_units = 200;
  posting.revenue_centre = "bar";
  posting.business_date = *core::CivilDate::Parse("2026-03-14");
  posting.source = {"bar-1", "T1001", 2};
  posting.target = {postings::PostingTarget::Kind::kStay, "R214"};
  return posting;
}

TEST(PostingProtoTest, APostingRoundTrips) {
  const postings::Posting charge = BarCharge();
  const v1::Posting proto = PostingToProto(charge);
  EXPECT_EQ(proto.id(), "bar-1:T1001:2");
  EXPECT_EQ(proto.amount().minor_units(), 1250);
  EXPECT_EQ(proto.kind(), v1::POSTING_KIND_CHARGE);
  EXPECT_EQ(proto.target().kind(), v1::TARGET_KIND_STAY);
  auto back = PostingFromProto(proto);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(*back, charge);

  postings::Posting payment = BarCharge();
  payment.kind = postings::PostingKind::kPayment;
  payment.revenue_centre.clear();
  payment.payment_type = "card";
  payment.target = {postings::PostingTarget::Kind::kAccount, "Deposit"};
  payment.amount.minor_units = -5000;
  EXPECT_EQ(*PostingFromProto(PostingToProto(payment)), payment);
}

TEST(PostingProtoTest, AnEmptyBusinessDateIsTheDesksNow) {
  v1::Posting proto = PostingToProto(BarCharge());
  proto.clear_business_date();
  EXPECT_EQ(PostingFromProto(proto)->business_date, core::CivilDate{});
}

TEST(PostingProtoTest, BadWireFormsNameTheirField) {
  struct Case {
    void (*spoil)(v1::Posting&);
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](v1::Posting& p) { p.set_kind(v1::POSTING_KIND_UNSPECIFIED); }, "posting.kind"},
      {[](v1::Posting& p) { p.set_business_date("14/03/2026"); }, "posting.business_date"},
      {[](v1::Posting& p) { p.mutable_target()->set_kind(v1::TARGET_KIND_UNSPECIFIED); },
       "posting.target.kind"},
      {[](v1::Posting& p) { p.set_kind(static_cast<v1::PostingKind>(77)); }, "posting.kind"},
  };
  for (const auto& c : cases) {
    v1::Posting proto = PostingToProto(BarCharge());
    c.spoil(proto);
    auto parsed = PostingFromProto(proto);
    ASSERT_FALSE(parsed.has_value()) << c.field;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(parsed.error().message.starts_with(c.field + ":")) << parsed.error().message;
  }
}

TEST(PostingProtoTest, ATicketKeepsItsLinesAndSplit) {
  v1::SubmitTicketRequest request;
  request.set_property_id("riviera");
  request.set_pos_id("bar-1");
  request.set_ticket_id("T7");
  request.set_currency("EUR");
  request.mutable_target()->set_kind(v1::TARGET_KIND_STAY);
  request.mutable_target()->set_id("R214");
  auto* line = request.add_lines();
  line->set_revenue_centre("food");
  line->set_amount_minor_units(3000);
  line = request.add_lines();
  line->set_revenue_centre("drinks");
  line->set_amount_minor_units(1000);
  request.set_charged_minor_units(2000);
  request.set_tip_minor_units(100);
  auto ticket = TicketFromProto(request);
  ASSERT_TRUE(ticket.has_value()) << ticket.error().ToString();
  EXPECT_EQ(ticket->lines.size(), 2u);
  EXPECT_EQ(ticket->lines[1].revenue_centre, "drinks");
  EXPECT_EQ(ticket->charged_minor_units, 2000);
  EXPECT_EQ(ticket->tip_minor_units, 100);
  EXPECT_EQ(ticket->business_date, core::CivilDate{});
  request.mutable_target()->set_kind(v1::TARGET_KIND_UNSPECIFIED);
  EXPECT_EQ(TicketFromProto(request).error().message.substr(0, 12), "target.kind:");
}

TEST(PostingProtoTest, StateFiltersReadUnspecifiedAsEveryState) {
  EXPECT_EQ(*PostingStateFilterFromProto(v1::POSTING_STATE_UNSPECIFIED), std::nullopt);
  EXPECT_EQ(*PostingStateFilterFromProto(v1::POSTING_STATE_FAILED),
            postings::PostingState::kFailed);
  EXPECT_FALSE(PostingStateFilterFromProto(static_cast<v1::PostingState>(9)).has_value());
  for (auto state : {postings::PostingState::kPending, postings::PostingState::kPosted,
                     postings::PostingState::kFailed}) {
    EXPECT_EQ(**PostingStateFilterFromProto(PostingStateToProto(state)), state);
  }
}

TEST(PostingProtoTest, TheSetupRoundTripsAndItsClosingTimeIsChecked) {
  postings::PostingSetup setup;
  setup.end_of_day = {4, 0};
  setup.revenue_centres["bar"] = {"OUT1", "TC100"};
  setup.payment_types["card"] = "SEL9";
  setup.post_prepayments = true;
  const v1::PostingSetup proto = PostingSetupToProto(setup);
  EXPECT_EQ(proto.closing_time(), "04:00");
  EXPECT_EQ(*PostingSetupFromProto(proto), setup);

  v1::PostingSetup defaults;
  EXPECT_EQ(PostingSetupFromProto(defaults)->end_of_day, (postings::EndOfDay{5, 30}));
  defaults.set_closing_time("25:00");
  auto refused = PostingSetupFromProto(defaults);
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(refused.error().message.starts_with("setup.closing_time:"));
}

TEST(PostingProtoTest, RecordsAndReportsCarryEveryField) {
  postings::PostingRecord record;
  record.posting = BarCharge();
  record.state = postings::PostingState::kPosted;
  record.attempts = 2;
  record.receipt = postings::PmsPostingReceipt{"P-9", "F-214", {4450, "EUR"}};
  postings::DayReport report{.property = "riviera", .business_date = record.posting.business_date};
  report.postings.push_back(record);
  report.totals.push_back({"bar-1", postings::PostingKind::kCharge, "bar", {1250, "EUR"}, 200, 1});
  report.posted = 1;
  const v1::DayReport proto = DayReportToProto(report);
  ASSERT_EQ(proto.postings_size(), 1);
  EXPECT_EQ(proto.postings(0).state(), v1::POSTING_STATE_POSTED);
  EXPECT_EQ(proto.postings(0).receipt().folio_balance().minor_units(), 4450);
  EXPECT_EQ(proto.totals(0).amount().minor_units(), 1250);
  EXPECT_EQ(proto.totals(0).tip_minor_units(), 200);
  EXPECT_EQ(proto.business_date(), "2026-03-14");
  EXPECT_EQ(proto.posted(), 1);
}

}  // namespace
}  // namespace chansync::api
