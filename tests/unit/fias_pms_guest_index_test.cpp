#include <gtest/gtest.h>

#include "chansync/fias_pms/guest_index.h"

namespace chansync::fias_pms {
namespace {

fias::Record Guest(std::string type, std::string room, std::string guest, std::string name) {
  return fias::Record(std::move(type)).Set("RN", room).Set("G#", guest).Set("GN", name);
}

TEST(FiasGuestIndexTest, EventsCheckInChangeAndCheckOut) {
  GuestIndex index;
  index.Apply(Guest("GI", "101", "4711", "Müller").Set("GF", "Anna"));
  index.Apply(Guest("GI", "204", "4800", "Okafor").Set("NP", "Y"));
  auto anna = index.Find("4711");
  ASSERT_TRUE(anna);
  EXPECT_EQ(anna->room, "101");
  EXPECT_EQ(anna->first_name, "Anna");
  EXPECT_EQ(anna->folio_id, "4711");
  EXPECT_EQ(anna->state, postings::CheckInState::kCheckedIn);
  EXPECT_FALSE(index.Find("4800")->charge_transfers_allowed);

  index.Apply(fias::Record("GC").Set("G#", "4711").Set("RN", "305"));  // a room move
  EXPECT_EQ(index.Find("4711")->room, "305");
  EXPECT_EQ(index.Find("4711")->last_name, "Müller");

  index.Apply(fias::Record("GO").Set("G#", "4711").Set("RN", "305"));
  EXPECT_FALSE(index.Find("4711"));
  EXPECT_FALSE(index.synced());
}

TEST(FiasGuestIndexTest, AResyncReplacesEverythingAndSearchIgnoresCase) {
  GuestIndex index;
  index.Apply(Guest("GI", "101", "1", "Gone"));
  index.Replace({fias::Record("DS"), Guest("GI", "102", "4712", "Durand"),
                 Guest("GI", "103", "4713", "Dupont"), fias::Record("DE")});
  EXPECT_TRUE(index.synced());
  EXPECT_FALSE(index.Find("1"));
  EXPECT_EQ(index.Search("du").size(), 2u);
  EXPECT_EQ(index.Search("DURAND").size(), 1u);
  ASSERT_EQ(index.Search("103").size(), 1u);
  EXPECT_EQ(index.Search("103")[0].id, "4713");
}

TEST(FiasGuestIndexTest, ReadsStayDatesWhenTheInterfaceSendsThem) {
  auto stay =
      StayOfGuestRecord(Guest("GI", "101", "1", "A").Set("GA", "260701").Set("GD", "260704"));
  EXPECT_EQ(stay.dates.Nights(), 3);
}

}  // namespace
}  // namespace chansync::fias_pms
