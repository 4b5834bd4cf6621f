#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/postings/folio.h"
#include "chansync/postings/guest_search.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;

InHouseStay Guest(std::string id, std::string first, std::string last, std::string room,
                  std::string company = "") {
  return InHouseStay{.id = std::move(id),
                     .first_name = std::move(first),
                     .last_name = std::move(last),
                     .room = std::move(room),
                     .company = std::move(company),
                     .state = CheckInState::kCheckedIn,
                     .folio_id = "F-" + room};
}

std::vector<std::string> Ids(const std::vector<InHouseStay>& stays) {
  std::vector<std::string> ids;
  for (const auto& stay : stays) ids.push_back(stay.id);
  return ids;
}

std::vector<InHouseStay> House() {
  std::vector<InHouseStay> house = {
      Guest("R1", "Jeanne", "Dupont", "214"), Guest("R2", "Marc", "Dupuis", "215", "ACME-Corp"),
      Guest("R3", "Ana", "Lopez", "102"),     Guest("R4", "Paul", "Durand", "216"),
      Guest("R5", "Lea", "Dupré", "221"),
  };
  house[3].state = CheckInState::kCheckedOut;
  house.push_back(Guest("R6", "Hidden", "Dupond", "217"));
  house.back().charge_transfers_allowed = false;
  house.push_back(Guest("R7", "Soon", "Dupin", "218"));
  house.back().state = CheckInState::kExpected;
  return house;
}

TEST(PostingsGuestSearchTest, PartialNameFindsCheckedInGuestsOnly) {
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "dup")),
            (std::vector<std::string>{"R1", "R2", "R5"}));
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "DUPONT")), (std::vector<std::string>{"R1"}));
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "jeanne")), (std::vector<std::string>{"R1"}));
}

TEST(PostingsGuestSearchTest, PartialRoomNumberFindsEveryMatchingRoom) {
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "21")),
            (std::vector<std::string>{"R1", "R2", "R5"}));  // 214, 215 and 221
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "102")), (std::vector<std::string>{"R3"}));
}

TEST(PostingsGuestSearchTest, CompanyAccountAndPunctuationAreMatchedAlike) {
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "acme corp")), (std::vector<std::string>{"R2"}));
  EXPECT_EQ(Ids(FindChargeableGuests(House(), "Du-Pont")), (std::vector<std::string>{"R1"}));
}

TEST(PostingsGuestSearchTest, CheckedOutExpectedAndTransferOffStaysNeverAppear) {
  EXPECT_TRUE(FindChargeableGuests(House(), "durand").empty());  // checked out
  EXPECT_TRUE(FindChargeableGuests(House(), "dupond").empty());  // charge transfers off
  EXPECT_TRUE(FindChargeableGuests(House(), "217").empty());
  EXPECT_TRUE(FindChargeableGuests(House(), "dupin").empty());  // not yet arrived
}

TEST(PostingsGuestSearchTest, OnlyCheckedInStaysWithTransfersOnAreChargeable) {
  const auto house = House();
  EXPECT_TRUE(CheckChargeable(house[0]));
  for (size_t i : {3u, 5u, 6u}) {
    auto status = CheckChargeable(house[i]);
    ASSERT_FALSE(status) << house[i].id;
    EXPECT_EQ(status.error().code, ErrorCode::kStayNotChargeable);
    EXPECT_NE(status.error().message.find(house[i].id), std::string::npos);
  }
  EXPECT_NE(CheckChargeable(house[5]).error().message.find("charge transfers"), std::string::npos);
  EXPECT_NE(CheckChargeable(house[3]).error().message.find("checked_out"), std::string::npos);
}

TEST(PostingsGuestSearchTest, SearchTextNeedsALetterOrDigit) {
  EXPECT_TRUE(ValidateSearch("dup"));
  for (const char* bad : {"", "  ", "--", "\n"}) {
    auto status = ValidateSearch(bad);
    ASSERT_FALSE(status) << bad;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(ValidateSearch(std::string(65, 'a')));
  EXPECT_FALSE(MatchesSearch(House()[0], "--"));
}

TEST(PostingsFolioTest, StatesAndKindsHaveStableNames) {
  EXPECT_EQ(CheckInStateName(CheckInState::kCheckedIn), "checked_in");
  EXPECT_EQ(*ParseCheckInState("checked_out"), CheckInState::kCheckedOut);
  EXPECT_FALSE(ParseCheckInState("in"));
  EXPECT_EQ(FolioKindName(FolioKind::kInternalAccount), "internal");
  EXPECT_EQ(*ParseFolioKind("guest"), FolioKind::kGuest);
}

}  // namespace
}  // namespace chansync::postings
