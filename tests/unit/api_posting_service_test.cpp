#include <grpcpp/server_context.h>
#include <gtest/gtest.h>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/posting_proto.h"
#include "chansync/postings/testing/scripted_posting_desk.h"
#include "chansync/v1/postings.grpc.pb.h"

namespace chansync::api {
namespace {

using postings::testing::ScriptedPostingDesk;

// The service's methods called in process, as the gRPC server would, with authorization off: the
// translation is what is tested here (the guard has its own tests).
class PostingServiceTest : public ::testing::Test {
 protected:
  v1::PostingService::Service& Service() {
    return static_cast<v1::PostingService::Service&>(*service_);
  }

  ScriptedPostingDesk desk_;
  std::unique_ptr<grpc::Service> service_ = MakePostingGrpcService({}, &desk_);
  grpc::ServerContext context_;
};

TEST_F(PostingServiceTest, ASubmissionReachesTheDeskAndItsAcceptanceComesBack) {
  v1::SubmitPostingRequest request;
  v1::Posting& posting = *request.mutable_posting();
  posting.set_property_id("riviera");
  posting.set_kind(v1::POSTING_KIND_CHARGE);
  posting.mutable_amount()->set_minor_units(1250);
  posting.mutable_amount()->set_currency("EUR");
  posting.set_revenue_centre("bar");
  posting.mutable_source()->set_pos_id("bar-1");
  posting.mutable_source()->set_ticket_id("T1");
  posting.mutable_source()->set_line(1);
  posting.mutable_target()->set_kind(v1::TARGET_KIND_STAY);
  posting.mutable_target()->set_id("R214");
  v1::PostingAcceptance response;
  ASSERT_TRUE(Service().SubmitPosting(&context_, &request, &response).ok());
  EXPECT_EQ(response.id(), "bar-1:T1:1");
  EXPECT_EQ(response.state(), v1::POSTING_STATE_PENDING);
  EXPECT_EQ(desk_.last_posting()->amount, (core::Money{1250, "EUR"}));

  posting.set_kind(v1::POSTING_KIND_UNSPECIFIED);
  const grpc::Status refused = Service().SubmitPosting(&context_, &request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message().rfind("INVALID_ARGUMENT: posting.kind:", 0), 0u);
}

TEST_F(PostingServiceTest, DeskErrorsKeepTheirStableCode) {
  desk_.Script({.void_posting =
                    std::unexpected(core::Error{core::ErrorCode::kVoidWindowClosed, "too late"})});
  v1::VoidPostingRequest request;
  request.set_property_id("riviera");
  request.set_posting_id("bar-1:T1:1");
  v1::PostingAcceptance response;
  const grpc::Status status = Service().VoidPosting(&context_, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "VOID_WINDOW_CLOSED: too late");
}

TEST_F(PostingServiceTest, TheReportNeedsItsDayAndPassesItsFilter) {
  v1::ListPostingsRequest request;
  request.set_property_id("riviera");
  v1::DayReport response;
  EXPECT_EQ(Service().ListPostings(&context_, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_business_date("2026-03-14");
  request.set_state(v1::POSTING_STATE_FAILED);
  ASSERT_TRUE(Service().ListPostings(&context_, &request, &response).ok());
  EXPECT_EQ(desk_.last_day_filter(), postings::PostingState::kFailed);
  EXPECT_EQ(response.business_date(), "2026-03-14");
}

TEST_F(PostingServiceTest, TheSetupIsStoredAsSent) {
  v1::SetPostingSetupRequest request;
  request.set_property_id("riviera");
  request.mutable_setup()->set_closing_time("04:15");
  (*request.mutable_setup()->mutable_payment_types())["card"] = "SEL9";
  v1::PostingSetup response;
  ASSERT_TRUE(Service().SetPostingSetup(&context_, &request, &response).ok());
  EXPECT_EQ(desk_.last_setup()->end_of_day, (postings::EndOfDay{4, 15}));
  EXPECT_EQ(desk_.last_setup()->payment_types.at("card"), "SEL9");
  EXPECT_EQ(response.closing_time(), "04:15");
}

TEST_F(PostingServiceTest, ASetUpWithItsExpectedOneIsComparedAndSet) {
  v1::SetPostingSetupRequest request;
  request.set_property_id("riviera");
  request.mutable_setup()->set_closing_time("04:15");
  request.mutable_expected()->set_closing_time("05:30");
  v1::PostingSetup response;
  ASSERT_TRUE(Service().SetPostingSetup(&context_, &request, &response).ok());
  EXPECT_EQ(desk_.calls().back().method, "ReplaceSetup");

  desk_.Script({.put_setup = core::Fail(core::ErrorCode::kConflict, "changed meanwhile")});
  const grpc::Status refused = Service().SetPostingSetup(&context_, &request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_NE(refused.error_message().find("CONFLICT"), std::string::npos);

  request.mutable_expected()->set_closing_time("25:00");
  EXPECT_EQ(Service().SetPostingSetup(&context_, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(PostingServiceWithoutDeskTest, EveryCallIsUnimplemented) {
  auto service = MakePostingGrpcService({}, nullptr);
  auto& postings = static_cast<v1::PostingService::Service&>(*service);
  grpc::ServerContext context;
  v1::GetPostingRequest request;
  request.set_property_id("riviera");
  v1::PostingRecord response;
  const grpc::Status status = postings.GetPosting(&context, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_NE(status.error_message().find("postings"), std::string::npos);
}

}  // namespace
}  // namespace chansync::api
