#include <gtest/gtest.h>

#include <string>

#include "chansync/pms/folio_wire.h"
#include "chansync/pms/testing/fake_folio_pms.h"

namespace chansync::pms {
namespace {

using core::CivilDate;
using core::ErrorCode;
using postings::PmsPostingRequest;
using postings::PostingKind;
using postings::PostingTarget;

CivilDate Day(const char* text) { return *CivilDate::Parse(text); }

PmsPostingRequest Payment() {
  return PmsPostingRequest{
      .posting = {.property = "lodge",
                  .kind = PostingKind::kPayment,
                  .amount = {-5000, "EUR"},
                  .payment_type = "card",
                  .business_date = Day("2026-06-17"),
                  .source = {"spa", "ORDER-9", 2},
                  .target = {PostingTarget::Kind::kAccount, "Deposit Redemption"},
                  .voids = "spa:ORDER-9:2"},
      .code = {.payment_selector = "SEL-DEP"},
      .idempotency_key = "lodge:spa:ORDER-9:2:void"};
}

TEST(PmsFolioWireTest, PostingRequestsRoundTripWithoutTheirKey) {
  const PmsPostingRequest request = Payment();
  auto decoded = wire::DecodePostingRequest(wire::EncodePostingRequest(request), "lodge");
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(decoded->posting, request.posting);
  EXPECT_EQ(decoded->code, request.code);
  EXPECT_TRUE(decoded->idempotency_key.empty());  // it travels in a header
}

TEST(PmsFolioWireTest, StaysAndFoliosRoundTrip) {
  const postings::InHouseStay stay{.id = "S1",
                                   .first_name = "Jeanne",
                                   .last_name = "Dupont",
                                   .room = "214",
                                   .company = "ACME",
                                   .state = postings::CheckInState::kCheckedIn,
                                   .charge_transfers_allowed = false,
                                   .dates = {Day("2026-06-14"), Day("2026-06-18")},
                                   .folio_id = "F1"};
  EXPECT_EQ(*wire::DecodeStay(wire::EncodeStay(stay)), stay);
  EXPECT_EQ(*wire::DecodeStays(wire::EncodeStays({stay, stay})),
            (std::vector<postings::InHouseStay>{stay, stay}));
  const std::vector<postings::Folio> folios = {
      {"F1", postings::FolioKind::kGuest, "Jeanne Dupont", "S1", {1350, "EUR"}},
      {"PF001", postings::FolioKind::kInternalAccount, "Deposit", "", {-5000, "EUR"}}};
  EXPECT_EQ(*wire::DecodeFolios(wire::EncodeFolios(folios)), folios);
}

TEST(PmsFolioWireTest, MalformedBodiesNameTheField) {
  auto bad = wire::DecodePostingRequest(R"({"kind": "charge", "target": {"kind": "room"}})", "p");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("target.kind"), std::string::npos) << bad.error().message;
  auto stays = wire::DecodeStays(R"({"stays": [{"id": "S1", "last_name": "X", "state": "gone"}]})");
  ASSERT_FALSE(stays);
  EXPECT_NE(stays.error().message.find("stays[0]"), std::string::npos) << stays.error().message;
  EXPECT_FALSE(wire::DecodeBusinessDate(R"({"business_date": "2026-02-30"})"));
  EXPECT_FALSE(wire::DecodeFolios("[]"));
}

TEST(PmsFakeFolioPmsTest, FailsAsTheHttpClientWould) {
  testing::FakeFolioPms pms;
  ASSERT_TRUE(pms.book().AddProperty({.id = "lodge",
                                      .business_date = Day("2026-06-15"),
                                      .accounts = {"Deposit", "Deposit Redemption"}}));
  PmsPostingRequest request = Payment();
  auto receipt = pms.Post(request);
  ASSERT_TRUE(receipt) << receipt.error().ToString();
  EXPECT_EQ(receipt->folio_balance, (core::Money{5000, "EUR"}));  // a negative payment

  request.posting.amount.minor_units = -1;
  EXPECT_EQ(pms.Post(request).error().code, ErrorCode::kPmsRejected);  // key reused
  request.idempotency_key.clear();
  EXPECT_EQ(pms.Post(request).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(pms.GetStay("lodge", "S9").error().code, ErrorCode::kNotFound);
  pms.SetDown(true);
  EXPECT_EQ(pms.BusinessDate("lodge").error().code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(pms.posts(), 3);
}

}  // namespace
}  // namespace chansync::pms
