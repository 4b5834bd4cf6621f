#include <grpcpp/server_context.h>
#include <gtest/gtest.h>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/spa_proto.h"
#include "chansync/postings/testing/scripted_posting_desk.h"
#include "chansync/v1/postings.grpc.pb.h"

namespace chansync::api {
namespace {

using postings::testing::ScriptedPostingDesk;

v1::PostingTarget SpaAccount() {
  v1::PostingTarget target;
  target.set_kind(v1::TARGET_KIND_ACCOUNT);
  target.set_id("Spa");
  return target;
}

// The seed's order: one 50 € treatment paid 50 € by card, a prepayment type.
v1::SpaOrder Order() {
  v1::SpaOrder order;
  order.set_order_id("O1");
  order.set_spa_id("trybe");
  order.set_currency("EUR");
  *order.mutable_target() = SpaAccount();
  v1::SpaOrderLine& line = *order.add_lines();
  line.set_revenue_centre("spa");
  line.set_amount_minor_units(5000);
  v1::SpaPayment& payment = *order.add_payments();
  payment.set_number(1);
  payment.set_amount_minor_units(5000);
  payment.set_payment_type("card");
  payment.set_prepayment(true);
  payment.set_taken_on("2026-06-15");
  return order;
}

v1::Voucher Voucher() {
  v1::Voucher voucher;
  voucher.set_voucher_id("V1");
  voucher.set_spa_id("trybe");
  voucher.set_currency("EUR");
  *voucher.mutable_target() = SpaAccount();
  voucher.set_price_minor_units(4000);
  voucher.set_value_minor_units(5000);
  return voucher;
}

std::vector<std::string> Ids(const std::vector<postings::Posting>& postings) {
  std::vector<std::string> ids;
  for (const auto& posting : postings) ids.push_back(posting.Id());
  return ids;
}

// The service's methods called in process, as the gRPC server would, with authorization off.
class SpaServiceTest : public ::testing::Test {
 protected:
  SpaServiceTest() {
    postings::PostingSetup setup;
    setup.post_prepayments = true;
    desk_.Script({.setup = setup});
  }

  v1::SpaService::Service& Service() { return static_cast<v1::SpaService::Service&>(*service_); }

  ScriptedPostingDesk desk_;
  std::unique_ptr<grpc::Service> service_ = MakeSpaGrpcService({}, &desk_);
  grpc::ServerContext context_;
  v1::PostingAcceptances response_;
};

TEST_F(SpaServiceTest, AnOrdersEventsReachTheDeskAsTheirPostings) {
  v1::SpaPaymentTakenRequest paid;
  paid.set_property_id("lodge");
  *paid.mutable_order() = Order();
  *paid.mutable_payment() = Order().payments(0);
  ASSERT_TRUE(Service().PaymentTaken(&context_, &paid, &response_).ok());
  EXPECT_EQ(Ids(desk_.last_all()), (std::vector<std::string>{"trybe:O1:101", "trybe:O1:201"}));
  EXPECT_EQ(desk_.calls().back().property, "lodge");

  v1::SpaOrderCheckedOutRequest checked_out;
  checked_out.set_property_id("lodge");
  *checked_out.mutable_order() = Order();
  checked_out.set_checked_out_on("2026-06-17");
  ASSERT_TRUE(Service().OrderCheckedOut(&context_, &checked_out, &response_).ok());
  EXPECT_EQ(Ids(desk_.last_all()), (std::vector<std::string>{"trybe:O1:301", "trybe:O1:401"}));
  for (const auto& posting : desk_.last_all()) {
    EXPECT_EQ(posting.business_date.ToString(), "2026-06-17");
  }

  v1::SpaOrderRefundedRequest refunded;
  refunded.set_property_id("lodge");
  *refunded.mutable_order() = Order();
  refunded.set_checked_out_on("2026-06-17");
  refunded.set_refunded_on("2026-06-18");
  ASSERT_TRUE(Service().OrderRefunded(&context_, &refunded, &response_).ok());
  EXPECT_EQ(desk_.last_all().size(), 4u);
}

TEST_F(SpaServiceTest, AVouchersFourMomentsReachTheDesk) {
  v1::VoucherSoldRequest sold;
  sold.set_property_id("lodge");
  *sold.mutable_voucher() = Voucher();
  sold.set_sold_on("2026-05-01");
  ASSERT_TRUE(Service().VoucherSold(&context_, &sold, &response_).ok());
  EXPECT_EQ(Ids(desk_.last_all()),
            (std::vector<std::string>{"trybe:voucher.V1:1", "trybe:voucher.V1:2"}));

  v1::VoucherRedeemedRequest redeemed;
  redeemed.set_property_id("lodge");
  *redeemed.mutable_voucher() = Voucher();
  redeemed.set_redeemed_on("2026-06-01");
  ASSERT_TRUE(Service().VoucherRedeemed(&context_, &redeemed, &response_).ok());
  EXPECT_EQ(desk_.last_all().size(), 3u);

  v1::VoucherServedRequest served;
  served.set_property_id("lodge");
  *served.mutable_voucher() = Voucher();
  served.set_offer_revenue_centre("massage");
  served.set_served_on("2026-06-20");
  ASSERT_TRUE(Service().VoucherServed(&context_, &served, &response_).ok());
  EXPECT_EQ(desk_.last_all()[1].revenue_centre, "massage");

  v1::VoucherRefundedRequest refunded;
  refunded.set_property_id("lodge");
  *refunded.mutable_voucher() = Voucher();
  refunded.set_refunded_on("2026-06-22");
  ASSERT_TRUE(Service().VoucherRefunded(&context_, &refunded, &response_).ok());
  EXPECT_EQ(Ids(desk_.last_all()),
            (std::vector<std::string>{"trybe:voucher.V1:5011", "trybe:voucher.V1:5012",
                                      "trybe:voucher.V1:5013"}));
  refunded.set_served_revenue_centre("massage");
  ASSERT_TRUE(Service().VoucherRefunded(&context_, &refunded, &response_).ok());
  EXPECT_EQ(desk_.last_all().size(), 6u);
}

TEST_F(SpaServiceTest, AMembershipPaymentReachesTheDesk) {
  postings::PostingSetup setup;
  setup.post_offline_membership_payments = true;
  desk_.Script({.setup = setup});
  v1::MembershipPaymentTakenRequest request;
  request.set_property_id("lodge");
  request.set_spa_id("trybe");
  request.set_payment_id("M7");
  request.set_currency("EUR");
  *request.mutable_target() = SpaAccount();
  request.set_amount_minor_units(9000);
  request.set_payment_type("cash");
  request.set_revenue_centre("membership");
  request.set_taken_on("2026-06-15");
  ASSERT_TRUE(Service().MembershipPaymentTaken(&context_, &request, &response_).ok());
  EXPECT_EQ(Ids(desk_.last_all()),
            (std::vector<std::string>{"trybe:membership.M7:1", "trybe:membership.M7:2"}));
}

TEST_F(SpaServiceTest, RequestsOutOfShapeAreRefusedNamingTheField) {
  v1::SpaOrderCheckedOutRequest request;
  request.set_property_id("lodge");
  *request.mutable_order() = Order();
  auto refused = [&](const char* message) {
    const grpc::Status status = Service().OrderCheckedOut(&context_, &request, &response_);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << message;
    EXPECT_NE(status.error_message().find(message), std::string::npos) << status.error_message();
  };
  refused("INVALID_ARGUMENT: checked_out_on: is required");
  request.set_checked_out_on("17/06/2026");
  refused("checked_out_on: expected a date as YYYY-MM-DD");
  request.set_checked_out_on("2026-06-17");
  request.mutable_order()->mutable_payments(0)->set_taken_on("");
  refused("order.payments[0].taken_on: is required");
  *request.mutable_order() = Order();
  request.mutable_order()->mutable_target()->set_kind(v1::TARGET_KIND_UNSPECIFIED);
  refused("order.target.kind");
  *request.mutable_order() = Order();
  request.mutable_order()->mutable_payments(0)->set_number(0);
  refused("payment.number must be 1..99");
  for (const auto& call : desk_.calls()) EXPECT_NE(call.method, "SubmitAll");

  v1::VoucherServedRequest served;
  served.set_property_id("lodge");
  *served.mutable_voucher() = Voucher();
  served.set_served_on("2026-06-20");
  served.mutable_voucher()->mutable_target()->set_kind(v1::TARGET_KIND_UNSPECIFIED);
  const grpc::Status status = Service().VoucherServed(&context_, &served, &response_);
  EXPECT_NE(status.error_message().find("voucher.target.kind"), std::string::npos)
      << status.error_message();
}

TEST_F(SpaServiceTest, TheDesksRefusalsKeepTheirStableCode) {
  desk_.Script({.submit_all = std::unexpected(core::Error{core::ErrorCode::kConflict, "amounts"})});
  v1::VoucherSoldRequest sold;
  sold.set_property_id("lodge");
  *sold.mutable_voucher() = Voucher();
  sold.set_sold_on("2026-05-01");
  const grpc::Status status = Service().VoucherSold(&context_, &sold, &response_);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(status.error_message(), "CONFLICT: amounts");
}

TEST(SpaServiceWithoutDeskTest, EveryCallIsUnimplemented) {
  auto service = MakeSpaGrpcService({}, nullptr);
  auto& spa = static_cast<v1::SpaService::Service&>(*service);
  grpc::ServerContext context;
  v1::VoucherSoldRequest request;
  request.set_property_id("lodge");
  v1::PostingAcceptances response;
  EXPECT_EQ(spa.VoucherSold(&context, &request, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

}  // namespace
}  // namespace chansync::api
