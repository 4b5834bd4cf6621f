#include <gtest/gtest.h>

#include <string>

#include "chansync/postings/mappings.h"
#include "chansync/postings/testing/in_memory_posting_setup_store.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;

Posting Charge(std::string centre) {
  return Posting{.property = "hotel-1",
                 .kind = PostingKind::kCharge,
                 .amount = {1000, "EUR"},
                 .revenue_centre = std::move(centre),
                 .source = {"till-1", "T-1", 1},
                 .target = {PostingTarget::Kind::kStay, "R-214"}};
}

Posting Payment(std::string type) {
  Posting payment = Charge("");
  payment.kind = PostingKind::kPayment;
  payment.revenue_centre.clear();
  payment.payment_type = std::move(type);
  return payment;
}

PostingSetup MappedSetup() {
  PostingSetup setup;
  setup.revenue_centres["bar"] = {"OUT-BAR", "TC-200"};
  setup.payment_types["card"] = "SEL-9";
  return setup;
}

TEST(PostingsMappingsTest, MappedCentresAndTypesGiveTheirPmsCodes) {
  EXPECT_EQ(*PmsCodeOf(Charge("bar"), MappedSetup()),
            (PmsCode{.outlet = "OUT-BAR", .transaction_code = "TC-200"}));
  EXPECT_EQ(*PmsCodeOf(Payment("card"), MappedSetup()), (PmsCode{.payment_selector = "SEL-9"}));
}

TEST(PostingsMappingsTest, AnUnmappedCentreOrTypeIsNeverGuessed) {
  auto centre = PmsCodeOf(Charge("spa"), MappedSetup());
  ASSERT_FALSE(centre);
  EXPECT_EQ(centre.error().code, ErrorCode::kRevenueCentreNotMapped);
  EXPECT_NE(centre.error().message.find("\"spa\""), std::string::npos);
  EXPECT_NE(centre.error().message.find("hotel-1"), std::string::npos);
  auto type = PmsCodeOf(Payment("cash"), MappedSetup());
  ASSERT_FALSE(type);
  EXPECT_EQ(type.error().code, ErrorCode::kPaymentTypeNotMapped);
  // A payment type of the same name as a mapped centre is still unmapped.
  EXPECT_EQ(PmsCodeOf(Payment("bar"), MappedSetup()).error().code,
            ErrorCode::kPaymentTypeNotMapped);
}

TEST(PostingsMappingsTest, SetupStoreKeepsEachPropertysTablesAndRefusesBadRows) {
  testing::InMemoryPostingSetupStore store;
  EXPECT_EQ(*store.Get("hotel-1"), PostingSetup{});
  EXPECT_EQ(store.Get("hotel-1")->end_of_day.ToString(), "05:30");
  ASSERT_TRUE(store.Put("hotel-1", MappedSetup()));
  EXPECT_EQ(*store.Get("hotel-1"), MappedSetup());
  EXPECT_EQ(*store.Get("hotel-2"), PostingSetup{});

  PostingSetup bad = MappedSetup();
  bad.payment_types["cash"] = "";
  auto status = store.Put("hotel-1", bad);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(status.error().message.find("cash"), std::string::npos);
  EXPECT_EQ(*store.Get("hotel-1"), MappedSetup());
}

}  // namespace
}  // namespace chansync::postings
