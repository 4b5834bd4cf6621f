#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "chansync/test/process.h"
#include "postings_redis_fixture.h"

namespace chansync::postings {
namespace {

using namespace std::chrono_literals;

constexpr int kGuests = 50;
constexpr int kTills = 4;
constexpr int kPostingsPerTill = 250;

std::string StayId(int guest) { return "S" + std::to_string(guest); }
std::string FolioId(int guest) { return "F" + std::to_string(guest); }

// A lodge whose PMS has kGuests guests in house, rooms 101.., and the two deposit accounts.
std::string SimData() {
  std::string stays;
  for (int g = 0; g < kGuests; ++g) {
    if (g > 0) stays += ",";
    stays += R"({"id": ")" + StayId(g) + R"(", "first_name": "Guest", "last_name": "Number)" +
             std::to_string(g) + R"(", "room": ")" + std::to_string(101 + g) +
             R"(", "state": "checked_in", "arrival": "2020-01-01", "departure": "2099-01-01",
              "folio_id": ")" +
             FolioId(g) + R"("})";
  }
  return R"({"properties": [{"id": "lodge", "name": "Lodge",
    "products": [{"id": "room", "name": "Room", "units": 60}],
    "folios": {"currency": "EUR", "business_date": "2026-06-15",
               "accounts": ["Deposit", "Deposit Redemption"], "stays": [)" +
         stays + "]}}]}";
}

PostingSetup BarAndFood() {
  PostingSetup setup;
  setup.revenue_centres["bar"] = {"OUT-BAR", "TC-200"};
  setup.revenue_centres["food"] = {"OUT-REST", "TC-100"};
  return setup;
}

class PostingsHubRedisTest : public PostingsRedisTest {
 protected:
  PostingsHubRedisTest() : PostingsRedisTest(SimData(), BarAndFood()) {}
};

TEST_F(PostingsHubRedisTest, AThousandConcurrentPostingsAreEachBookedOnceToTheCent) {
  std::vector<std::jthread> workers = StartWorkers(2);

  std::atomic<int> refused = 0;
  std::vector<std::map<int, int64_t>> owed(kTills);  // per till: guest -> amount + tip
  std::vector<std::jthread> tills;
  for (int t = 0; t < kTills; ++t) {
    tills.emplace_back([&, t] {
      for (int n = 0; n < kPostingsPerTill; ++n) {
        const int guest = (t * kPostingsPerTill + n) % kGuests;
        Posting posting;
        posting.property = "lodge";
        posting.kind = PostingKind::kCharge;
        posting.amount = {101 + (t * 7919 + n * 104729) % 9000, "EUR"};
        posting.tip_minor_units = n % 5 == 0 ? 50 + n % 3 : 0;
        posting.revenue_centre = n % 2 == 0 ? "bar" : "food";
        posting.source = {"till-" + std::to_string(t), "T" + std::to_string(n), 1};
        posting.target = {PostingTarget::Kind::kStay, StayId(guest)};
        auto accepted = hub_.Submit(posting);
        if (!accepted || accepted->duplicate) {
          ++refused;
          continue;
        }
        owed[t][guest] += posting.amount.minor_units + posting.tip_minor_units;
        // A till that did not hear the answer sends it again: a duplicate, never a new charge.
        if (n % 10 == 0 && !hub_.Submit(posting).value().duplicate) ++refused;
      }
    });
  }
  tills.clear();
  EXPECT_EQ(refused.load(), 0);

  // The business date the hub gave them (the property's date now, in Paris).
  const core::CivilDate today = [&] {
    auto any = log_.TicketIds("lodge", "till-0", "T0");
    auto record = log_.Get("lodge", any.value().front());
    return record.value()->posting.business_date;
  }();
  const bool all_posted = test::WaitUntil(
      [&] {
        auto day = hub_.Day("lodge", today, std::nullopt);
        return day && day->posted == kTills * kPostingsPerTill;
      },
      60s);
  auto day = hub_.Day("lodge", today, std::nullopt);
  ASSERT_TRUE(day) << day.error().ToString();
  ASSERT_TRUE(all_posted) << day->posted << " posted, " << day->pending << " pending, "
                          << day->failed << " failed";
  EXPECT_EQ(day->postings.size(), static_cast<size_t>(kTills * kPostingsPerTill));

  std::map<int, int64_t> expected;
  for (const auto& till : owed) {
    for (const auto& [guest, amount] : till) expected[guest] += amount;
  }
  const auto balances = Balances();
  for (int g = 0; g < kGuests; ++g) {
    EXPECT_EQ(balances.at(FolioId(g)), expected[g]) << FolioId(g);
  }
  EXPECT_NE(sim_.Call("/admin/stats").find(R"("postings":1000,)"), std::string::npos)
      << sim_.Call("/admin/stats");
}

TEST_F(PostingsHubRedisTest, TheLogKeepsAcceptanceOrderAndAPostedRecordStaysPosted) {
  std::vector<PostingRecord> records;
  for (int line = 1; line <= 3; ++line) {
    PostingRecord record;
    record.posting = {.property = "lodge",
                      .kind = PostingKind::kCharge,
                      .amount = {100 * line, "EUR"},
                      .revenue_centre = "bar",
                      .business_date = *core::CivilDate::Parse("2026-06-15"),
                      .source = {"bar", "T1", 4 - line},
                      .target = {PostingTarget::Kind::kStay, "S1"}};
    records.push_back(record);
  }
  auto inserted = log_.InsertMany(records);
  ASSERT_TRUE(inserted) << inserted.error().ToString();
  EXPECT_TRUE((*inserted)[0].created);
  PostingRecord changed = records[0];
  changed.posting.amount.minor_units = 1;
  auto again = log_.InsertMany({changed});
  ASSERT_TRUE(again);
  EXPECT_FALSE((*again)[0].created);
  EXPECT_EQ((*again)[0].record.posting, records[0].posting);

  PostingRecord posted = records[1];
  posted.state = PostingState::kPosted;
  posted.attempts = 1;
  posted.receipt = PmsPostingReceipt{"P1", "F1", {200, "EUR"}};
  posted.error_message = std::string(2000, 'x');
  ASSERT_TRUE(log_.UpdateMany({posted}));
  PostingRecord late_failure = records[1];
  late_failure.state = PostingState::kFailed;
  ASSERT_TRUE(log_.UpdateMany({late_failure}));

  auto day = log_.Day("lodge", *core::CivilDate::Parse("2026-06-15"));
  ASSERT_TRUE(day) << day.error().ToString();
  ASSERT_EQ(day->size(), 3u);
  EXPECT_EQ((*day)[0].posting.Id(), "bar:T1:3");
  EXPECT_EQ((*day)[2].posting.Id(), "bar:T1:1");
  EXPECT_EQ((*day)[1].state, PostingState::kPosted);
  EXPECT_EQ((*day)[1].receipt->pms_posting_id, "P1");
  EXPECT_EQ((*day)[1].error_message.size(), RedisPostingLog::kMaxRecordText);
  EXPECT_EQ(log_.TicketIds("lodge", "bar", "T1")->size(), 3u);
  EXPECT_EQ(*log_.DaySize("lodge", *core::CivilDate::Parse("2026-06-15")), 3);
}

TEST_F(PostingsHubRedisTest, AnEndOfDayIsRecordedOnceWhoeverComputesIt) {
  EndOfDayRecord first{"lodge",
                       {*core::CivilDate::Parse("2026-06-14"), {}, "eod:lodge:2026-06-14"}};
  first.summary.lines.push_back({"bar", "bar", {"OUT-BAR", "TC-200", ""}, {1200, "EUR"}, 0, 2});
  EndOfDayRecord second = first;
  second.summary.lines[0].amount.minor_units = 9999;
  ASSERT_TRUE(end_of_days_.Record(first));
  auto stored = end_of_days_.Record(second);
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_EQ(stored->summary, first.summary);
  EXPECT_EQ(stored->sent_at, core::Timestamp{});
  const core::Timestamp sent = clock_.Now();
  ASSERT_TRUE(end_of_days_.MarkSent("lodge", first.summary.business_date, sent));
  ASSERT_TRUE(end_of_days_.MarkSent("lodge", first.summary.business_date, sent + 1h));
  auto read = end_of_days_.Get("lodge", first.summary.business_date);
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->sent_at, std::chrono::time_point_cast<std::chrono::milliseconds>(sent));
  EXPECT_EQ(
      end_of_days_.MarkSent("lodge", *core::CivilDate::Parse("2026-06-13"), sent).error().code,
      core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace chansync::postings
