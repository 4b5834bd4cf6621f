#include "chansync/integration/availability_checker.h"

#include <gtest/gtest.h>

#include <set>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/integration/check_store.h"
#include "chansync/integration/testing/in_memory_check_store.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/pms/testing/fake_pms.h"
#include "chansync/pms/testing/in_memory_pms_directory.h"

namespace chansync::integration {
namespace {

using channel::AvailabilityCheckRequest;
using channel::CheckOutcome;
using core::ErrorCode;

class AvailabilityCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Property property{.id = "riviera", .name = "Camping Riviera", .timezone = "Europe/Paris"};
    property.pms.endpoint = "http://127.0.0.1:1";
    ASSERT_TRUE(properties_.CreateProperty(property));
    ASSERT_TRUE(properties_.CreateChannel({"sh", "SecureHoliday", ""}));
    ASSERT_TRUE(registry_.SetPmsCatalog(
        "riviera", {.products = {{"mh-4p", "MH 4", 2}, {"chalet", "Chalet", 1}},
                    .options = {{"linen", "Linen"}, {"pet", "Pet"}}}));
    ASSERT_TRUE(registry_.SetChannelProducts(
        "riviera", "sh",
        {{"SH-MH4", "MH4", {{"SH-LINGE", "Linge"}, {"SH-ANIMAL", "Animal"}}},
         {"SH-CHALET", "Chalet", {}}}));
    ASSERT_TRUE(registry_.LinkProduct("riviera", "sh", "SH-MH4", "mh-4p"));
    ASSERT_TRUE(registry_.LinkOption("riviera", "sh", "SH-MH4", "SH-LINGE", "linen"));
    ASSERT_TRUE(
        fake_pms_.book().AddProperty({.id = "riviera",
                                      .name = "Camping Riviera",
                                      .products = {{"mh-4p", "MH 4", 2}, {"chalet", "Chalet", 1}},
                                      .options = {{"linen", "Linen"}, {"pet", "Pet"}}}));
  }

  AvailabilityCheckRequest Request() {
    return {.channel = "sh",
            .property = "riviera",
            .product = "SH-MH4",
            .stay = {*core::CivilDate::Parse("2026-09-01"), *core::CivilDate::Parse("2026-09-08")},
            .options = {{"SH-LINGE", 2}}};
  }

  void SetGateway(std::function<void(core::Property&)> change) {
    auto p = properties_.GetProperty("riviera");
    ASSERT_TRUE(p);
    change(*p);
    ASSERT_TRUE(properties_.UpdateProperty(*p));
  }

  // Fills mh-4p for the stay's first night, straight in the PMS.
  void FillFirstNight() {
    for (int i = 0; i < 2; ++i) {
      auto created = fake_pms_.book().Create(
          "riviera",
          {.idempotency_key = "fill-" + std::to_string(i),
           .channel = "direct",
           .channel_reservation_id = "fill-" + std::to_string(i),
           .product = "mh-4p",
           .stay = {*core::CivilDate::Parse("2026-09-01"), *core::CivilDate::Parse("2026-09-02")},
           .guest_name = "Walk-in",
           .price = {1000, "EUR"}});
      ASSERT_TRUE(created) << created.error().ToString();
    }
  }

  void ExpectError(const channel::AvailabilityCheckAnswer& answer, ErrorCode code) {
    EXPECT_EQ(answer.outcome, CheckOutcome::kError);
    EXPECT_EQ(answer.units_left, 0);
    ASSERT_TRUE(answer.error.has_value());
    EXPECT_EQ(answer.error->code, code) << answer.error->ToString();
    EXPECT_FALSE(answer.error->message.empty());
    EXPECT_FALSE(answer.check_id.empty());
    EXPECT_EQ(checks_.size(), 0u) << "an ERROR answer must never be stored as a check";
  }

  core::testing::FakeClock clock_{
      std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000))};
  linking::testing::InMemoryPropertyStore properties_;
  linking::testing::InMemoryLinkStore links_;
  linking::LinkRegistry registry_{properties_, links_};
  pms::testing::FakePms fake_pms_;
  pms::testing::InMemoryPmsDirectory directory_{fake_pms_};
  testing::InMemoryCheckStore checks_;
  AvailabilityChecker checker_{properties_, registry_, directory_, checks_, clock_};
};

TEST_F(AvailabilityCheckerTest, AvailableAnswerIsStoredUnderItsCheckId) {
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer) << answer.error().ToString();
  EXPECT_EQ(answer->outcome, CheckOutcome::kAvailable);
  EXPECT_EQ(answer->units_left, 2);
  EXPECT_FALSE(answer->error.has_value());
  EXPECT_EQ(answer->check_id.rfind("chk-", 0), 0u);
  EXPECT_EQ(fake_pms_.calls().check, 1);

  auto stored = checks_.GetMany({{"riviera", answer->check_id}});
  ASSERT_TRUE(stored);
  ASSERT_TRUE((*stored)[0].has_value());
  const StoredCheck& check = *(*stored)[0];
  EXPECT_EQ(check.check_id, answer->check_id);
  EXPECT_EQ(check.property, "riviera");
  EXPECT_EQ(check.channel, "sh");
  EXPECT_EQ(check.product, "SH-MH4");
  EXPECT_EQ(check.stay, Request().stay);
  EXPECT_EQ(check.outcome, CheckOutcome::kAvailable);
  EXPECT_EQ(check.units_left, 2);
  EXPECT_EQ(check.at, clock_.Now());
}

TEST_F(AvailabilityCheckerTest, FullNightAnswersUnavailableAndIsStored) {
  FillFirstNight();
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->outcome, CheckOutcome::kUnavailable);
  EXPECT_EQ(answer->units_left, 0);
  EXPECT_FALSE(answer->error.has_value());
  auto stored = checks_.GetMany({{"riviera", answer->check_id}});
  ASSERT_TRUE(stored && (*stored)[0]);
  EXPECT_EQ((*stored)[0]->outcome, CheckOutcome::kUnavailable);
}

TEST_F(AvailabilityCheckerTest, EveryCheckGetsItsOwnId) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    auto answer = checker_.Check(Request());
    ASSERT_TRUE(answer);
    ids.insert(answer->check_id);
  }
  EXPECT_EQ(ids.size(), 50u);
  EXPECT_EQ(checks_.size(), 50u);
}

TEST_F(AvailabilityCheckerTest, UnlinkedProductIsAnError) {
  auto request = Request();
  request.product = "SH-CHALET";
  request.options.clear();
  auto answer = checker_.Check(request);
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kProductNotLinked);
  EXPECT_NE(answer->error->message.find("SH-CHALET"), std::string::npos);
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

TEST_F(AvailabilityCheckerTest, UnlinkedOptionIsAnError) {
  auto request = Request();
  request.options.push_back({"SH-ANIMAL", 1});
  auto answer = checker_.Check(request);
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kOptionNotLinked);
  EXPECT_NE(answer->error->message.find("SH-ANIMAL"), std::string::npos);
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

TEST_F(AvailabilityCheckerTest, ClassicModeIsAnErrorWithoutAskingThePms) {
  SetGateway([](core::Property& p) { p.mode = core::GatewayMode::kClassic; });
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kGatewayClassicMode);
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

TEST_F(AvailabilityCheckerTest, RecheckLevelOffIsAnErrorWithoutAskingThePms) {
  SetGateway([](core::Property& p) { p.levels.availability_recheck = false; });
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kRecheckDisabled);
  EXPECT_EQ(core::CodeName(answer->error->code), "RECHECK_DISABLED");
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

TEST_F(AvailabilityCheckerTest, PmsDownIsAnErrorNeverAGuess) {
  fake_pms_.SetDown(true);
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(fake_pms_.calls().check, 1);
}

TEST_F(AvailabilityCheckerTest, UnusablePmsConnectionIsAnErrorWithoutAskingThePms) {
  directory_.SetUnusable("riviera", true);
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kInvalidArgument);
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

TEST_F(AvailabilityCheckerTest, PmsGivingUpAtTheDeadlineIsDeadlineExceeded) {
  // A zero budget is spent before the PMS answers: the PMS port reports it unreachable.
  AvailabilityChecker impatient{properties_, registry_, directory_,
                                checks_,     clock_,    std::chrono::milliseconds(0)};
  fake_pms_.FailNext(1, {ErrorCode::kPmsUnavailable, "timed out (the call's deadline)"});
  auto answer = impatient.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kDeadlineExceeded);
  EXPECT_NE(answer->error->message.find("0 ms"), std::string::npos) << answer->error->message;
}

TEST_F(AvailabilityCheckerTest, PmsRefusalIsAnError) {
  fake_pms_.FailNext(1, {ErrorCode::kPmsRejected, "UNKNOWN_PRODUCT: mh-4p"});
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kPmsRejected);
}

TEST_F(AvailabilityCheckerTest, UnknownPropertyIsAnError) {
  auto request = Request();
  request.property = "nowhere";
  auto answer = checker_.Check(request);
  ASSERT_TRUE(answer);
  ExpectError(*answer, ErrorCode::kNotFound);
}

TEST_F(AvailabilityCheckerTest, CheckStoreDownTurnsTheAnswerIntoAnError) {
  checks_.SetUnavailable(true);
  auto answer = checker_.Check(Request());
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->outcome, CheckOutcome::kError);
  ASSERT_TRUE(answer->error);
  EXPECT_EQ(answer->error->code, ErrorCode::kStoreUnavailable);
}

TEST_F(AvailabilityCheckerTest, MalformedRequestsFailNamingTheField) {
  struct Case {
    std::function<void(AvailabilityCheckRequest&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.channel.clear(); }, "channel"},
      {[](auto& r) { r.property = "bad id"; }, "property"},
      {[](auto& r) { r.product.clear(); }, "product"},
      {[](auto& r) { r.stay.departure = r.stay.arrival; }, "departure"},
      {[](auto& r) { r.options[0].quantity = 0; }, "options[0].quantity"},
      {[](auto& r) { r.options[0].option = "x y"; }, "options[0].option"},
  };
  for (const auto& c : cases) {
    auto request = Request();
    c.spoil(request);
    auto answer = checker_.Check(request);
    ASSERT_FALSE(answer) << c.field;
    EXPECT_EQ(answer.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(answer.error().message.find(c.field), std::string::npos) << answer.error().message;
  }
  EXPECT_EQ(fake_pms_.calls().check, 0);
}

}  // namespace
}  // namespace chansync::integration
