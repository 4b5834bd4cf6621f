#pragma once

#include <gtest/gtest.h>

#include <string>

#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/pms/testing/fake_folio_pms.h"
#include "chansync/postings/posting_hub.h"
#include "chansync/postings/posting_worker.h"
#include "chansync/postings/testing/in_memory_end_of_day_store.h"
#include "chansync/postings/testing/in_memory_folio_pms_directory.h"
#include "chansync/postings/testing/in_memory_posting_log.h"
#include "chansync/postings/testing/in_memory_posting_properties.h"
#include "chansync/postings/testing/in_memory_posting_setup_store.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

// A postings hub and worker on twins: a lodge in Paris whose PMS knows a checked-in guest (S1,
// room 214), one with charge transfers off (S2), a checked-out one (S3) and one still to come
// (S4); its bar and card are mapped.
namespace chansync::postings::hub_fixture {

inline constexpr char kLodge[] = "lodge";

inline core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

inline std::chrono::system_clock::time_point At(const char* utc) {
  return *core::ParseTimestamp(utc);
}

inline InHouseStay Stay(const char* id, const char* last_name, const char* room, CheckInState state,
                        const char* arrival, const char* departure) {
  InHouseStay stay;
  stay.id = id;
  stay.first_name = "Guest";
  stay.last_name = last_name;
  stay.room = room;
  stay.state = state;
  stay.dates = {Day(arrival), Day(departure)};
  stay.folio_id = std::string("F-") + id;
  return stay;
}

inline PostingSetup MappedSetup() {
  PostingSetup setup;
  setup.revenue_centres["bar"] = {"OUT-BAR", "TC-200"};
  setup.payment_types["card"] = "SEL-CARD";
  return setup;
}

// A charge of `amount` cents from the bar's till to `stay`, undated unless `date` is given.
inline Posting BarCharge(const char* ticket, int line, int64_t amount, const char* stay = "S1",
                         const char* date = nullptr) {
  Posting posting;
  posting.property = kLodge;
  posting.kind = PostingKind::kCharge;
  posting.amount = {amount, "EUR"};
  posting.revenue_centre = "bar";
  if (date != nullptr) posting.business_date = Day(date);
  posting.source = {"bar", ticket, line};
  posting.target = {PostingTarget::Kind::kStay, stay};
  return posting;
}

class HubTest : public ::testing::Test {
 protected:
  HubTest() {
    core::Property lodge;
    lodge.id = kLodge;
    lodge.name = "Lodge";
    lodge.timezone = "Europe/Paris";
    lodge.pms.endpoint = "http://pms.invalid";
    properties_.Put(lodge);
    pms::FolioBook::PropertyData data;
    data.id = kLodge;
    data.business_date = Day("2026-06-15");
    data.accounts = {"Deposit", "Deposit Redemption"};
    data.stays = {
        Stay("S1", "Dupont", "214", CheckInState::kCheckedIn, "2026-06-14", "2026-06-18"),
        Stay("S2", "Dupuis", "215", CheckInState::kCheckedIn, "2026-06-14", "2026-06-18"),
        Stay("S3", "Lopez", "102", CheckInState::kCheckedOut, "2026-06-10", "2026-06-14"),
        Stay("S4", "Durand", "", CheckInState::kExpected, "2026-08-01", "2026-08-05"),
    };
    data.stays[1].charge_transfers_allowed = false;
    EXPECT_TRUE(pms_.book().AddProperty(data));
    EXPECT_TRUE(setups_.Put(kLodge, MappedSetup()));
  }

  // Runs the worker until the queue holds nothing ready (postponed retries wait for the clock).
  void Drain() {
    for (int i = 0; i < 100; ++i) {
      auto handled = worker_.RunOnce();
      ASSERT_TRUE(handled) << handled.error().ToString();
      if (*handled == 0) return;
    }
    FAIL() << "the worker never ran dry";
  }

  PostingRecord Record(const std::string& id) {
    auto record = hub_.Get(kLodge, id);
    EXPECT_TRUE(record) << id << ": " << record.error().ToString();
    return record.value_or(PostingRecord{});
  }

  core::Money Balance(const std::string& folio_id) {
    for (const Folio& folio : pms_.book().Folios(kLodge).value_or(std::vector<Folio>{})) {
      if (folio.id == folio_id) return folio.balance;
    }
    ADD_FAILURE() << "no folio " << folio_id;
    return {};
  }

  // 14:00 in Paris on 2026-06-15.
  core::testing::FakeClock clock_{At("2026-06-15T12:00:00Z")};
  queue::testing::InMemoryWorkQueue queue_{clock_};
  testing::InMemoryPostingLog log_;
  testing::InMemoryPostingSetupStore setups_;
  testing::InMemoryEndOfDayStore end_of_days_;
  testing::InMemoryPostingProperties properties_;
  pms::testing::FakeFolioPms pms_;
  testing::InMemoryFolioPmsDirectory directory_{pms_};
  PostingHub hub_{queue_, log_, setups_, end_of_days_, properties_, directory_, clock_};
  PostingWorker worker_{queue_,
                        log_,
                        setups_,
                        properties_,
                        directory_,
                        clock_,
                        {.consumer = "w1", .block = std::chrono::milliseconds(0)}};
};

}  // namespace chansync::postings::hub_fixture
