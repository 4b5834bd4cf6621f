// Outgoing https: planning pushes and PMS calls verify the peer against the configured CA (a
// test CA made when the test runs); a certificate nobody vouches for is a transport failure,
// retried later like an outage, never a silent success.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/channel/http_planning_sink.h"
#include "chansync/test/portalsim.h"
#include "chansync/test/test_ca.h"
#include "pms_sim_fixture.h"

namespace chansync {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;
using namespace pms::pms_sim_fixture;  // NOLINT: the fixture is these tests' vocabulary

class OutboundTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ca_ = new test::TestCa(); }
  static void TearDownTestSuite() { delete ca_; }
  static test::TestCa* ca_;

  static core::Status PushTo(const test::PortalSimProcess& portal, std::string ca_file) {
    channel::HttpPlanningSink sink({.ca_file = std::move(ca_file)});
    const core::Channel booking{"booking", "Booking", portal.PlanningUrl("booking")};
    const core::PlanningPush push{
        "riviera", "booking", {{"chalet", {{*core::CivilDate::Parse("2026-07-01"), {3, 2}}}}}};
    return sink.Push(booking, push);
  }
};
test::TestCa* OutboundTlsTest::ca_ = nullptr;

TEST_F(OutboundTlsTest, APlanningPushReachesAPortalWhoseCertificateTheCaSigned) {
  test::PortalSimProcess portal(ca_->TrustedServerFlags());
  ASSERT_THAT(portal.base_url(), HasSubstr("https://"));
  auto pushed = PushTo(portal, ca_->ca_file());
  EXPECT_TRUE(pushed.has_value()) << pushed.error().ToString();
}

TEST_F(OutboundTlsTest, APlanningPushToAnUntrustedPortalFailsAsUnavailable) {
  test::PortalSimProcess portal(ca_->UntrustedServerFlags());
  auto refused = PushTo(portal, ca_->ca_file());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kChannelUnavailable) << "retried by the next refresh";
  EXPECT_THAT(refused.error().message, HasSubstr("certificate not verified"));

  test::PortalSimProcess signed_by_test_ca(ca_->TrustedServerFlags());
  auto system_store = PushTo(signed_by_test_ca, "");
  ASSERT_FALSE(system_store.has_value()) << "the system store does not know the test CA";
  EXPECT_EQ(system_store.error().code, ErrorCode::kChannelUnavailable);
}

TEST_F(OutboundTlsTest, ThePmsIsCalledOverHttpsOnlyWhenItsCertificateVerifies) {
  PmsSim trusted(ca_->TrustedServerFlags());
  auto products = trusted.Client({.ca_file = ca_->ca_file()})->ListProducts("riviera");
  EXPECT_TRUE(products.has_value()) << products.error().ToString();

  PmsSim untrusted(ca_->UntrustedServerFlags());
  auto refused =
      untrusted.Client({.ca_file = ca_->ca_file(), .max_attempts = 1})->ListProducts("riviera");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPmsUnavailable) << "retried like an outage";
  EXPECT_THAT(refused.error().message, HasSubstr("TLS certificate was not verified"));
}

}  // namespace
}  // namespace chansync
