#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>
#include <utility>

#include "chansync/core/reservation_json.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::integration {
namespace {

using core::ErrorCode;

core::Timestamp At(const char* rfc3339) { return *core::ParseTimestamp(rfc3339); }
core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }
core::YearMonth Month(const char* text) { return *core::YearMonth::Parse(text); }

// A typical record as the worker writes it once the PMS accepted the reservation.
IntegrationRecord Record(std::string resv, const char* sold_at, const char* arrival,
                         const char* departure, IntegrationStatus status,
                         std::string property = "riviera") {
  IntegrationRecord record;
  auto& r = record.reservation;
  r.channel = "secureholiday";
  r.channel_reservation_id = std::move(resv);
  r.property = std::move(property);
  r.sold_at = At(sold_at);
  r.stay = {Day(arrival), Day(departure)};
  r.guest_name = "Jeanne Martin";
  r.product = "SH-MH4";
  r.options = {{"SH-LINGE", 2}, {"SH-ANIMAL", 1}};
  r.price = {84900, "EUR"};
  r.revision = 1;
  r.check_id = "chk-7f3a9c2e51";
  record.status = status;
  record.availability_check = AvailabilityCheck::kTrue;
  record.attempts = 1;
  record.tracking_id = "2/1788257700123-0";
  record.received_at = At(sold_at);
  record.updated_at = At(sold_at) + std::chrono::seconds(2);
  if (status == IntegrationStatus::kIntegrated) {
    record.pms_reservation_id = "443591RIV";
    record.integrated_revision = 1;
    record.integrated_at = record.updated_at;
  }
  if (status == IntegrationStatus::kFailed) {
    record.error = core::Error{ErrorCode::kProductNotLinked,
                               "channel product SH-MH4 is not linked to any PMS product"};
  }
  return record;
}

IntegrationKey KeyOf(const IntegrationRecord& record) { return *ParseIntegrationId(record.id()); }

// `record` handed back to the worker by an operator at `updated_at`.
IntegrationRecord AsPending(IntegrationRecord record, const char* updated_at) {
  record.status = IntegrationStatus::kPending;
  record.error.reset();
  record.updated_at = At(updated_at);
  return record;
}

class OperatorLogRedisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() { delete server_; }
  // Tests share the server, each in its own key space.
  void SetUp() override {
    pool_ = server_->NewPool(2);
    keys_ = test::KeySpaceOfCurrentTest();
    log_ = std::make_unique<RedisIntegrationLog>(*pool_, keys_);
  }

  std::vector<std::string> List(const char* month, MonthIndex by,
                                OutcomeFilter filter = OutcomeFilter::kAll,
                                const char* property = "riviera") {
    auto records = log_->List({property, Month(month), by, filter});
    EXPECT_TRUE(records.has_value()) << records.error().ToString();
    std::vector<std::string> ids;
    for (const auto& r : records.value_or(std::vector<IntegrationRecord>{})) {
      ids.push_back(r.reservation.channel_reservation_id);
    }
    return ids;
  }

  // Every month index of riviera from 2026 to 2027 that holds `resv`, as
  // "<sale|stay>:<YYYY-MM>:<class>" with its score, sorted.
  std::vector<std::pair<std::string, std::string>> IndexesHolding(const std::string& resv) {
    std::vector<std::string> names;
    std::vector<redis::RedisCommand> commands;
    for (const auto& [by, by_name] : {std::pair{MonthIndex::kBySaleDate, "sale:"},
                                      std::pair{MonthIndex::kByStayDate, "stay:"}}) {
      for (int year = 2026; year <= 2027; ++year) {
        for (int month = 1; month <= 12; ++month) {
          for (const auto& [index_class, class_name] : kClasses) {
            const core::YearMonth year_month{year, month};
            names.push_back(by_name + year_month.ToString() + ":" + class_name);
            commands.push_back(
                {"ZSCORE", IndexKey(by, year_month, index_class), "secureholiday:" + resv});
          }
        }
      }
    }
    std::vector<std::pair<std::string, std::string>> out;
    auto scores = pool_->Pipeline(commands);
    EXPECT_TRUE(scores.has_value());
    for (size_t i = 0; scores && i < scores->size(); ++i) {
      if (!(*scores)[i].is_nil()) out.emplace_back(names[i], (*scores)[i].str);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string IndexKey(MonthIndex by, core::YearMonth month,
                       RedisIntegrationLog::IndexClass index_class,
                       const char* property = "riviera") const {
    return RedisIntegrationLog::IndexKey(property, by, month, index_class, keys_);
  }

  // How many keys of riviera's month indexes exist whose name matches `pattern`, a glob of
  // "<sale|stay>:<YYYY-MM>" and of the class.
  size_t IndexKeysMatching(const std::string& month_pattern, const std::string& class_pattern) {
    auto keys = pool_->Command(
        {"KEYS", keys_.Property("riviera").IntegrationIndex(month_pattern, class_pattern)});
    EXPECT_TRUE(keys.has_value());
    return keys ? keys->elements.size() : 0;
  }

  // Scripts run by EVALSHA on the server so far: one per script call.
  long long ScriptCalls() {
    auto info = pool_->Command({"INFO", "commandstats"});
    EXPECT_TRUE(info.has_value());
    if (!info) return -1;
    const std::string marker = "cmdstat_evalsha:calls=";
    const size_t at = info->str.find(marker);
    return at == std::string::npos ? 0 : std::atoll(info->str.c_str() + at + marker.size());
  }

  static constexpr std::pair<RedisIntegrationLog::IndexClass, const char*> kClasses[] = {
      {RedisIntegrationLog::IndexClass::kSucceeded, "succeeded"},
      {RedisIntegrationLog::IndexClass::kFailed, "failed"},
      {RedisIntegrationLog::IndexClass::kPending, "pending"}};

  static test::RedisServer* server_;
  std::unique_ptr<redis::RedisPool> pool_;
  redis::KeySpace keys_;
  std::unique_ptr<RedisIntegrationLog> log_;
};

test::RedisServer* OperatorLogRedisTest::server_ = nullptr;

TEST_F(OperatorLogRedisTest, PutGetGetManyRoundTrip) {
  const auto integrated = Record("SH-1001", "2026-09-01T10:15:00.250Z", "2026-09-10", "2026-09-17",
                                 IntegrationStatus::kIntegrated);
  auto failed = Record("SH-1002", "2026-09-02T11:00:00Z", "2026-09-12", "2026-09-14",
                       IntegrationStatus::kFailed);
  failed.reservation.options.clear();
  failed.reservation.status = core::ReservationStatus::kModified;
  failed.overbooked = true;
  ASSERT_TRUE(log_->Put({integrated, failed}, "Europe/Paris"));

  auto one = log_->Get(KeyOf(integrated));
  ASSERT_TRUE(one.has_value()) << one.error().ToString();
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ(one->value().reservation, integrated.reservation);
  EXPECT_EQ(one->value().pms_reservation_id, "443591RIV");
  EXPECT_EQ(one->value().integrated_at, integrated.integrated_at);
  EXPECT_EQ(one->value().availability_check, AvailabilityCheck::kTrue);
  EXPECT_EQ(one->value().tracking_id, integrated.tracking_id);
  EXPECT_FALSE(one->value().error.has_value());

  auto many =
      log_->GetMany({KeyOf(failed), {"riviera", "secureholiday", "SH-404"}, KeyOf(integrated)});
  ASSERT_TRUE(many.has_value());
  ASSERT_EQ(many->size(), 3u);
  ASSERT_TRUE((*many)[0].has_value());
  EXPECT_EQ((*many)[0]->reservation, failed.reservation);
  EXPECT_EQ((*many)[0]->status, IntegrationStatus::kFailed);
  EXPECT_EQ((*many)[0]->error->code, ErrorCode::kProductNotLinked);
  EXPECT_EQ((*many)[0]->error->message, failed.error->message);
  EXPECT_TRUE((*many)[0]->overbooked);
  EXPECT_EQ((*many)[0]->received_at, failed.received_at);
  EXPECT_EQ((*many)[0]->updated_at, failed.updated_at);
  EXPECT_FALSE((*many)[1].has_value());
  EXPECT_EQ((*many)[2]->integrated_revision, 1);
}

TEST_F(OperatorLogRedisTest, SaleMonthIsTheLocalSaleDate) {
  // 22:30Z on Aug 31 is already September 1st in Paris.
  ASSERT_TRUE(log_->Put({Record("PARIS", "2026-08-31T22:30:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kIntegrated)},
                        "Europe/Paris"));
  // 05:00Z on Sep 1 is still August 31st in Los Angeles.
  ASSERT_TRUE(log_->Put({Record("LA", "2026-09-01T05:00:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kIntegrated, "sunset")},
                        "America/Los_Angeles"));
  // 10:30Z on Aug 31 is already September 1st at UTC+14.
  ASSERT_TRUE(log_->Put({Record("KIRI", "2026-08-31T10:30:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kIntegrated, "atoll")},
                        "Pacific/Kiritimati"));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate), std::vector<std::string>{"PARIS"});
  EXPECT_TRUE(List("2026-08", MonthIndex::kBySaleDate).empty());
  EXPECT_EQ(List("2026-08", MonthIndex::kBySaleDate, OutcomeFilter::kAll, "sunset"),
            std::vector<std::string>{"LA"});
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kAll, "atoll"),
            std::vector<std::string>{"KIRI"});

  auto bad = log_->Put({Record("X", "2026-09-01T05:00:00Z", "2026-09-10", "2026-09-11",
                               IntegrationStatus::kPending)},
                       "Europe/Nowhere");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(OperatorLogRedisTest, StayMonthsAndRevisionsMovingTheStay) {
  ASSERT_TRUE(log_->Put({Record("SPAN", "2026-09-01T10:00:00Z", "2026-09-28", "2026-10-03",
                                IntegrationStatus::kIntegrated),
                         Record("OCT", "2026-09-02T10:00:00Z", "2026-10-10", "2026-10-12",
                                IntegrationStatus::kFailed),
                         Record("LASTNIGHT", "2026-09-03T10:00:00Z", "2026-09-29", "2026-10-01",
                                IntegrationStatus::kPending)},
                        "Europe/Paris"));
  EXPECT_EQ(List("2026-09", MonthIndex::kByStayDate),
            (std::vector<std::string>{"LASTNIGHT", "SPAN"}));
  EXPECT_EQ(List("2026-10", MonthIndex::kByStayDate), (std::vector<std::string>{"OCT", "SPAN"}));

  auto moved = Record("SPAN", "2026-09-01T10:00:00Z", "2026-11-02", "2026-11-05",
                      IntegrationStatus::kPending);
  moved.reservation.revision = 2;
  moved.reservation.status = core::ReservationStatus::kModified;
  ASSERT_TRUE(log_->Put({moved}, "Europe/Paris"));
  EXPECT_EQ(List("2026-09", MonthIndex::kByStayDate), std::vector<std::string>{"LASTNIGHT"});
  EXPECT_EQ(List("2026-10", MonthIndex::kByStayDate), std::vector<std::string>{"OCT"});
  EXPECT_EQ(List("2026-11", MonthIndex::kByStayDate), std::vector<std::string>{"SPAN"});
  // The old outcome index is left too: the revision is pending now.
  EXPECT_TRUE(List("2026-09", MonthIndex::kByStayDate, OutcomeFilter::kSucceeded).empty());
  auto none = pool_->Command({"EXISTS", IndexKey(MonthIndex::kByStayDate, Month("2026-09"),
                                                 RedisIntegrationLog::IndexClass::kSucceeded)});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->integer, 0);
}

TEST_F(OperatorLogRedisTest, OutcomeFilters) {
  auto awaiting = Record("AWAIT", "2026-09-04T10:00:00Z", "2026-09-20", "2026-09-21",
                         IntegrationStatus::kPending);
  awaiting.error = core::Error{ErrorCode::kAwaitingOperator, "option SH-SPA is not linked"};
  ASSERT_TRUE(log_->Put({Record("OK1", "2026-09-01T10:00:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kIntegrated),
                         Record("KO1", "2026-09-02T10:00:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kFailed),
                         Record("FLY", "2026-09-03T10:00:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kPending),
                         awaiting},
                        "Europe/Paris"));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate),
            (std::vector<std::string>{"AWAIT", "FLY", "KO1", "OK1"}));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed),
            (std::vector<std::string>{"AWAIT", "KO1"}));
  EXPECT_EQ(List("2026-09", MonthIndex::kByStayDate, OutcomeFilter::kSucceeded),
            std::vector<std::string>{"OK1"});

  // The failed one gets integrated: it moves from one outcome index to the other.
  ASSERT_TRUE(log_->Put({Record("KO1", "2026-09-02T10:00:00Z", "2026-09-10", "2026-09-11",
                                IntegrationStatus::kIntegrated)},
                        "Europe/Paris"));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed),
            std::vector<std::string>{"AWAIT"});
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded),
            (std::vector<std::string>{"KO1", "OK1"}));
}

TEST_F(OperatorLogRedisTest, ReplaceIsACompareAndSetThatKeepsTheMonths) {
  const auto failed =
      Record("KO1", "2026-09-02T10:00:00Z", "2026-09-28", "2026-10-02", IntegrationStatus::kFailed);
  ASSERT_TRUE(log_->Put({failed}, "Europe/Paris"));
  auto pending = failed;
  pending.status = IntegrationStatus::kPending;
  pending.updated_at = At("2026-09-05T08:00:00Z");

  auto stale = log_->Replace(pending, At("2026-09-01T00:00:00Z"));
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  ASSERT_TRUE(log_->Replace(pending, failed.updated_at));
  EXPECT_EQ(log_->Get(KeyOf(failed))->value().status, IntegrationStatus::kPending);
  EXPECT_TRUE(List("2026-10", MonthIndex::kByStayDate, OutcomeFilter::kFailed).empty());
  EXPECT_EQ(List("2026-10", MonthIndex::kByStayDate), std::vector<std::string>{"KO1"});
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate), std::vector<std::string>{"KO1"});

  auto moved = pending;
  moved.reservation.stay.departure = Day("2026-10-09");
  EXPECT_EQ(log_->Replace(moved, pending.updated_at).error().code, ErrorCode::kConflict);
  auto missing = Record("NOPE", "2026-09-02T10:00:00Z", "2026-09-28", "2026-10-02",
                        IntegrationStatus::kFailed);
  EXPECT_EQ(log_->Replace(missing, missing.updated_at).error().code, ErrorCode::kNotFound);
}

TEST_F(OperatorLogRedisTest, SurvivesScriptFlush) {
  ASSERT_TRUE(log_->Put(
      {Record("A", "2026-09-01T10:00:00Z", "2026-09-10", "2026-09-11", IntegrationStatus::kFailed)},
      "Europe/Paris"));
  ASSERT_TRUE(pool_->Command({"SCRIPT", "FLUSH"}).has_value());
  ASSERT_TRUE(log_->Put(
      {Record("B", "2026-09-02T10:00:00Z", "2026-09-10", "2026-09-11", IntegrationStatus::kFailed)},
      "Europe/Paris"));
  ASSERT_TRUE(pool_->Command({"SCRIPT", "FLUSH"}).has_value());
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate), (std::vector<std::string>{"B", "A"}));
}

using Indexes = std::vector<std::pair<std::string, std::string>>;
constexpr const char* kSep1Ms = "1788257700000";  // 2026-09-01T10:15:00Z

TEST_F(OperatorLogRedisTest, EachRecordIsInOneClassIndexPerMonth) {
  auto awaiting = Record("AWAIT", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                         IntegrationStatus::kPending);
  awaiting.error = core::Error{ErrorCode::kAwaitingOperator, "option SH-SPA is not linked"};
  ASSERT_TRUE(log_->Put({Record("OK1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                                IntegrationStatus::kIntegrated),
                         Record("KO1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                                IntegrationStatus::kFailed),
                         Record("FLY", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                                IntegrationStatus::kPending),
                         awaiting},
                        "Europe/Paris"));
  EXPECT_EQ(IndexesHolding("OK1"), (Indexes{{"sale:2026-09:succeeded", kSep1Ms},
                                            {"stay:2026-09:succeeded", kSep1Ms},
                                            {"stay:2026-10:succeeded", kSep1Ms}}));
  EXPECT_EQ(IndexesHolding("KO1"), (Indexes{{"sale:2026-09:failed", kSep1Ms},
                                            {"stay:2026-09:failed", kSep1Ms},
                                            {"stay:2026-10:failed", kSep1Ms}}));
  EXPECT_EQ(IndexesHolding("FLY"), (Indexes{{"sale:2026-09:pending", kSep1Ms},
                                            {"stay:2026-09:pending", kSep1Ms},
                                            {"stay:2026-10:pending", kSep1Ms}}));
  // Awaiting an operator is what the --failed list is for.
  EXPECT_EQ(IndexesHolding("AWAIT"), (Indexes{{"sale:2026-09:failed", kSep1Ms},
                                              {"stay:2026-09:failed", kSep1Ms},
                                              {"stay:2026-10:failed", kSep1Ms}}));
  auto card = pool_->Command({"ZCARD", IndexKey(MonthIndex::kBySaleDate, Month("2026-09"),
                                                RedisIntegrationLog::IndexClass::kFailed)});
  ASSERT_TRUE(card.has_value());
  EXPECT_EQ(card->integer, 2);
}

TEST_F(OperatorLogRedisTest, PendingThenIntegratedMovesToTheSucceededIndexes) {
  const auto pending = Record("SH-1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                              IntegrationStatus::kPending);
  ASSERT_TRUE(log_->Put({pending}, "Europe/Paris"));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate), std::vector<std::string>{"SH-1"});
  EXPECT_TRUE(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded).empty());

  ASSERT_TRUE(log_->Put({Record("SH-1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                                IntegrationStatus::kIntegrated)},
                        "Europe/Paris"));
  EXPECT_EQ(IndexesHolding("SH-1"), (Indexes{{"sale:2026-09:succeeded", kSep1Ms},
                                             {"stay:2026-09:succeeded", kSep1Ms},
                                             {"stay:2026-10:succeeded", kSep1Ms}}));
  // Emptied sorted sets are deleted: nothing is left of the pending indexes.
  EXPECT_EQ(IndexKeysMatching("*", "pending"), 0u);
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded),
            std::vector<std::string>{"SH-1"});
  EXPECT_EQ(List("2026-10", MonthIndex::kByStayDate), std::vector<std::string>{"SH-1"});
}

TEST_F(OperatorLogRedisTest, RevisionMovingTheStayLeavesNothingInTheOldMonths) {
  ASSERT_TRUE(log_->Put({Record("SPAN", "2026-09-01T10:15:00Z", "2026-09-28", "2026-10-03",
                                IntegrationStatus::kIntegrated)},
                        "Europe/Paris"));
  // Same class, new stay and a later sale time in the same sale month: the sale index keeps the
  // record with its new score, the stay indexes follow the stay.
  auto moved = Record("SPAN", "2026-09-03T10:00:00Z", "2026-11-29", "2026-12-02",
                      IntegrationStatus::kIntegrated);
  moved.reservation.revision = 2;
  ASSERT_TRUE(log_->Put({moved}, "Europe/Paris"));
  const std::string sep3 = std::to_string(1788429600000);
  EXPECT_EQ(IndexesHolding("SPAN"), (Indexes{{"sale:2026-09:succeeded", sep3},
                                             {"stay:2026-11:succeeded", sep3},
                                             {"stay:2026-12:succeeded", sep3}}));
  for (const char* month : {"2026-09", "2026-10"}) {
    EXPECT_EQ(IndexKeysMatching(std::string("stay:") + month, "*"), 0u) << month;
  }

  // A revision that changes both the stay and the class.
  auto again = Record("SPAN", "2026-09-03T10:00:00Z", "2026-12-01", "2026-12-03",
                      IntegrationStatus::kPending);
  again.reservation.revision = 3;
  ASSERT_TRUE(log_->Put({again}, "Europe/Paris"));
  EXPECT_EQ(IndexesHolding("SPAN"),
            (Indexes{{"sale:2026-09:pending", sep3}, {"stay:2026-12:pending", sep3}}));
  EXPECT_TRUE(List("2026-11", MonthIndex::kByStayDate).empty());
}

TEST_F(OperatorLogRedisTest, AllListsEveryClassNewestSaleFirst) {
  auto awaiting = Record("AWAIT", "2026-09-05T10:00:00Z", "2026-09-20", "2026-09-21",
                         IntegrationStatus::kPending);
  awaiting.error = core::Error{ErrorCode::kAwaitingOperator, "option SH-SPA is not linked"};
  ASSERT_TRUE(log_->Put(
      {Record("OK-OLD", "2026-09-01T10:00:00Z", "2026-09-10", "2026-09-11",
              IntegrationStatus::kIntegrated),
       Record("FLY", "2026-09-04T10:00:00Z", "2026-09-10", "2026-09-11",
              IntegrationStatus::kPending),
       Record("KO", "2026-09-03T10:00:00Z", "2026-09-10", "2026-09-11", IntegrationStatus::kFailed),
       awaiting,
       // Sold at the same millisecond: ordered by id, the greater first.
       Record("TIE-A", "2026-09-02T10:00:00Z", "2026-09-10", "2026-09-11",
              IntegrationStatus::kPending),
       Record("TIE-B", "2026-09-02T10:00:00Z", "2026-09-10", "2026-09-11",
              IntegrationStatus::kIntegrated)},
      "Europe/Paris"));
  const std::vector<std::string> newest_first{"AWAIT", "FLY", "KO", "TIE-B", "TIE-A", "OK-OLD"};
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate), newest_first);
  EXPECT_EQ(List("2026-09", MonthIndex::kByStayDate), newest_first);
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded),
            (std::vector<std::string>{"TIE-B", "OK-OLD"}));
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed),
            (std::vector<std::string>{"AWAIT", "KO"}));
  EXPECT_TRUE(List("2026-08", MonthIndex::kBySaleDate).empty());
}

TEST_F(OperatorLogRedisTest, ReplaceMovesTheRecordBetweenClassIndexes) {
  const auto failed =
      Record("KO1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02", IntegrationStatus::kFailed);
  ASSERT_TRUE(log_->Put({failed}, "Europe/Paris"));
  auto pending = failed;
  pending.status = IntegrationStatus::kPending;
  pending.error.reset();
  pending.updated_at = At("2026-09-05T08:00:00Z");
  ASSERT_TRUE(log_->Replace(pending, failed.updated_at));
  EXPECT_EQ(IndexesHolding("KO1"), (Indexes{{"sale:2026-09:pending", kSep1Ms},
                                            {"stay:2026-09:pending", kSep1Ms},
                                            {"stay:2026-10:pending", kSep1Ms}}));

  auto integrated = pending;
  integrated.status = IntegrationStatus::kIntegrated;
  integrated.pms_reservation_id = "443591RIV";
  integrated.updated_at = At("2026-09-05T08:00:05Z");
  ASSERT_TRUE(log_->Replace(integrated, pending.updated_at));
  EXPECT_EQ(IndexesHolding("KO1"), (Indexes{{"sale:2026-09:succeeded", kSep1Ms},
                                            {"stay:2026-09:succeeded", kSep1Ms},
                                            {"stay:2026-10:succeeded", kSep1Ms}}));

  // Same class: the indexes stay as they are.
  auto noted = integrated;
  noted.overbooked = true;
  noted.updated_at = At("2026-09-05T08:00:09Z");
  ASSERT_TRUE(log_->Replace(noted, integrated.updated_at));
  EXPECT_EQ(IndexesHolding("KO1").size(), 3u);
  EXPECT_TRUE(log_->Get(KeyOf(noted))->value().overbooked);
  EXPECT_EQ(List("2026-10", MonthIndex::kByStayDate, OutcomeFilter::kSucceeded),
            std::vector<std::string>{"KO1"});
}

TEST_F(OperatorLogRedisTest, TypicalRecordStaysWellUnderOneKibibyte) {
  const auto record = Record("SH-2026-0918-4471", "2026-09-01T10:15:00.250Z", "2026-09-28",
                             "2026-10-05", IntegrationStatus::kIntegrated);
  ASSERT_TRUE(log_->Put({record}, "Europe/Paris"));
  auto usage = pool_->Command(
      {"MEMORY", "USAGE", RedisIntegrationLog::RecordKey(KeyOf(record), keys_), "SAMPLES", "0"});
  ASSERT_TRUE(usage.has_value()) << usage.error().ToString();
  std::cout << "integration record: " << usage->integer << " bytes (MEMORY USAGE)\n";
  EXPECT_GT(usage->integer, 0);
  // Well under 1 KiB: a hash would double this once the JSON passes 64 bytes.
  EXPECT_LT(usage->integer, 768);

  auto failed = Record("SH-2026-0918-4472", "2026-09-01T10:15:00.250Z", "2026-09-28", "2026-10-05",
                       IntegrationStatus::kFailed);
  ASSERT_TRUE(log_->Put({failed}, "Europe/Paris"));
  auto failed_usage = pool_->Command(
      {"MEMORY", "USAGE", RedisIntegrationLog::RecordKey(KeyOf(failed), keys_), "SAMPLES", "0"});
  ASSERT_TRUE(failed_usage.has_value());
  std::cout << "failed integration record: " << failed_usage->integer << " bytes\n";
  EXPECT_LT(failed_usage->integer, 1024);
}

class OperatorLogRedisRevisionTest : public OperatorLogRedisTest {
 protected:
  // Stores SH-1 in class `from`, then puts its integrated revision 2 in the same months together
  // with a new record SH-2; checks where both ended and answers the script calls of that Put.
  long long ScriptCallsToIntegrateARevisionOf(IntegrationStatus from);
};

long long OperatorLogRedisRevisionTest::ScriptCallsToIntegrateARevisionOf(IntegrationStatus from) {
  EXPECT_TRUE(log_->Put({Record("SH-1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02", from)},
                        "Europe/Paris"));
  const long long before = ScriptCalls();
  auto revised = Record("SH-1", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                        IntegrationStatus::kIntegrated);
  revised.reservation.revision = 2;
  EXPECT_TRUE(log_->Put({revised, Record("SH-2", "2026-09-02T10:15:00Z", "2026-10-01", "2026-10-02",
                                         IntegrationStatus::kFailed)},
                        "Europe/Paris"));
  const long long calls = ScriptCalls() - before;
  EXPECT_EQ(IndexesHolding("SH-1"), (Indexes{{"sale:2026-09:succeeded", kSep1Ms},
                                             {"stay:2026-09:succeeded", kSep1Ms},
                                             {"stay:2026-10:succeeded", kSep1Ms}}));
  EXPECT_EQ(log_->Get(KeyOf(revised))->value().reservation.revision, 2);
  EXPECT_EQ(IndexesHolding("SH-2").size(), 2u);
  return calls;
}

TEST_F(OperatorLogRedisRevisionTest, PutStaysOneScriptCallWhileClassAndMonthsStay) {
  // A revision in the same class and months, and a new record: no index to leave.
  EXPECT_EQ(ScriptCallsToIntegrateARevisionOf(IntegrationStatus::kIntegrated), 1);
}

TEST_F(OperatorLogRedisRevisionTest, PutOfAClassChangeIsStaleOnceThenLeavesTheOldClass) {
  // The months stay, the class changes: the first call writes nothing and names the pending
  // indexes it was not given; the second passes them too.
  EXPECT_EQ(ScriptCallsToIntegrateARevisionOf(IntegrationStatus::kPending), 2);
  EXPECT_EQ(IndexKeysMatching("*", "pending"), 0u);
}

TEST_F(OperatorLogRedisTest, PutOfTwoClassesOfOneRecordInOneCallEndsInTheLastClass) {
  // Two revisions of one reservation in one batch: the second leaves the index the first joins.
  auto first = Record("TWICE", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                      IntegrationStatus::kPending);
  auto second = Record("TWICE", "2026-09-01T10:15:00Z", "2026-09-30", "2026-10-02",
                       IntegrationStatus::kFailed);
  second.reservation.revision = 2;
  ASSERT_TRUE(log_->Put({first, second}, "Europe/Paris"));
  EXPECT_EQ(IndexesHolding("TWICE"), (Indexes{{"sale:2026-09:failed", kSep1Ms},
                                              {"stay:2026-09:failed", kSep1Ms},
                                              {"stay:2026-10:failed", kSep1Ms}}));
  EXPECT_EQ(IndexKeysMatching("*", "pending"), 0u);
  EXPECT_EQ(log_->Get(KeyOf(second))->value().reservation.revision, 2);
}

TEST_F(OperatorLogRedisTest, PutOfAStayInOtherMonthsIsStaleOnceThenLeavesTheOldMonths) {
  ASSERT_TRUE(log_->Put({Record("SPAN", "2026-09-01T10:15:00Z", "2026-09-28", "2026-10-03",
                                IntegrationStatus::kFailed),
                         Record("STILL", "2026-09-01T10:15:00Z", "2026-09-28", "2026-09-29",
                                IntegrationStatus::kFailed)},
                        "Europe/Paris"));
  const long long before = ScriptCalls();
  // The stored header names stay months this Put does not know: the first call writes nothing
  // and says which, the second passes them too.
  auto moved = Record("SPAN", "2026-09-01T10:15:00Z", "2026-12-01", "2026-12-03",
                      IntegrationStatus::kIntegrated);
  moved.reservation.revision = 2;
  auto other = Record("NEW", "2026-09-02T10:15:00Z", "2026-12-01", "2026-12-02",
                      IntegrationStatus::kPending);
  ASSERT_TRUE(log_->Put({moved, other}, "Europe/Paris"));
  EXPECT_EQ(ScriptCalls() - before, 2);
  EXPECT_EQ(IndexesHolding("SPAN"),
            (Indexes{{"sale:2026-09:succeeded", kSep1Ms}, {"stay:2026-12:succeeded", kSep1Ms}}));
  EXPECT_EQ(IndexesHolding("NEW").size(), 2u);
  EXPECT_EQ(List("2026-09", MonthIndex::kByStayDate), std::vector<std::string>{"STILL"});
  EXPECT_EQ(IndexKeysMatching("stay:2026-10", "*"), 0u);
  EXPECT_EQ(log_->Get(KeyOf(moved))->value().reservation.revision, 2);
}

TEST_F(OperatorLogRedisTest, OnePutWithSeveralRevisionsOfARecordEndsInTheLastOnesIndexes) {
  ASSERT_TRUE(log_->Put({Record("REV", "2026-09-01T10:15:00Z", "2026-10-10", "2026-10-12",
                                IntegrationStatus::kPending)},
                        "Europe/Paris"));
  auto second =
      Record("REV", "2026-09-01T10:15:00Z", "2026-09-10", "2026-09-12", IntegrationStatus::kFailed);
  second.reservation.revision = 2;
  auto third = Record("REV", "2026-09-01T10:15:00Z", "2026-11-10", "2026-11-12",
                      IntegrationStatus::kIntegrated);
  third.reservation.revision = 3;
  ASSERT_TRUE(log_->Put({second, third}, "Europe/Paris"));
  EXPECT_EQ(IndexesHolding("REV"),
            (Indexes{{"sale:2026-09:succeeded", kSep1Ms}, {"stay:2026-11:succeeded", kSep1Ms}}));
  EXPECT_EQ(log_->Get(KeyOf(third))->value().reservation.revision, 3);
}

TEST_F(OperatorLogRedisTest, ConcurrentPutsMovingOneRecordLeaveItInItsStoredMonthsOnly) {
  auto pool = server_->NewPool(4);
  RedisIntegrationLog log(*pool, keys_);
  const char* arrivals[] = {"2026-10-10", "2026-11-10", "2026-12-10", "2027-01-10"};
  const char* departures[] = {"2026-10-11", "2026-11-11", "2026-12-11", "2027-01-11"};
  const IntegrationStatus statuses[] = {IntegrationStatus::kPending, IntegrationStatus::kFailed,
                                        IntegrationStatus::kIntegrated,
                                        IntegrationStatus::kPending};
  std::vector<std::thread> writers;
  std::vector<int> failures(4, 0);
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      const auto record =
          Record("RACE", "2026-09-01T10:15:00Z", arrivals[w], departures[w], statuses[w]);
      for (int i = 0; i < 40; ++i) {
        if (!log.Put({record}, "Europe/Paris")) ++failures[w];
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));

  auto stored = log_->Get({"riviera", "secureholiday", "RACE"});
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  const auto& last = stored->value();
  const std::string class_name =
      last.status == IntegrationStatus::kIntegrated
          ? "succeeded"
          : (last.status == IntegrationStatus::kFailed ? "failed" : "pending");
  const std::string stay_month = last.reservation.stay.arrival.ToString().substr(0, 7);
  EXPECT_EQ(IndexesHolding("RACE"), (Indexes{{"sale:2026-09:" + class_name, kSep1Ms},
                                             {"stay:" + stay_month + ":" + class_name, kSep1Ms}}));
}

TEST_F(OperatorLogRedisTest, ReplaceFindsTheSaleMonthOfThePropertysTimezone) {
  // 22:30Z on Aug 31 is September 1st in Paris: the record is indexed in September, while its
  // sale time is in August in UTC.
  const auto failed = Record("LATE", "2026-08-31T22:30:00Z", "2026-09-10", "2026-09-11",
                             IntegrationStatus::kFailed);
  ASSERT_TRUE(log_->Put({failed}, "Europe/Paris"));
  const auto pending = AsPending(failed, "2026-09-05T08:00:00Z");
  const long long before = ScriptCalls();
  ASSERT_TRUE(log_->Replace(pending, failed.updated_at));
  EXPECT_EQ(ScriptCalls() - before, 2);
  const std::string aug31 = "1788215400000";  // 2026-08-31T22:30:00Z
  EXPECT_EQ(IndexesHolding("LATE"),
            (Indexes{{"sale:2026-09:pending", aug31}, {"stay:2026-09:pending", aug31}}));
  EXPECT_TRUE(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed).empty());

  // Sold mid-month, the UTC month is the local one: one script call.
  const auto mid =
      Record("MID", "2026-09-15T10:00:00Z", "2026-09-20", "2026-09-21", IntegrationStatus::kFailed);
  ASSERT_TRUE(log_->Put({mid}, "Europe/Paris"));
  const long long before_mid = ScriptCalls();
  ASSERT_TRUE(log_->Replace(AsPending(mid, "2026-09-16T08:00:00Z"), mid.updated_at));
  EXPECT_EQ(ScriptCalls() - before_mid, 1);
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed),
            std::vector<std::string>{});
}

TEST_F(OperatorLogRedisTest, TwoKeySpacesOnOneServerDoNotSeeEachOther) {
  RedisIntegrationLog other(*pool_, test::KeySpaceOfCurrentTest("other"));
  const auto failed = Record("SAME", "2026-09-01T10:15:00Z", "2026-09-10", "2026-09-11",
                             IntegrationStatus::kFailed);
  const auto integrated = Record("SAME", "2026-09-01T10:15:00Z", "2026-09-10", "2026-09-11",
                                 IntegrationStatus::kIntegrated);
  ASSERT_TRUE(log_->Put({failed}, "Europe/Paris"));
  EXPECT_FALSE(other.Get(KeyOf(failed))->has_value());
  EXPECT_TRUE(other.List({"riviera", Month("2026-09"), MonthIndex::kBySaleDate})->empty());

  ASSERT_TRUE(other.Put({integrated}, "Europe/Paris"));
  EXPECT_EQ(log_->Get(KeyOf(failed))->value().status, IntegrationStatus::kFailed);
  EXPECT_EQ(other.Get(KeyOf(failed))->value().status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kFailed),
            std::vector<std::string>{"SAME"});
  EXPECT_TRUE(List("2026-09", MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded).empty());
  EXPECT_EQ(
      other.List({"riviera", Month("2026-09"), MonthIndex::kBySaleDate, OutcomeFilter::kSucceeded})
          ->size(),
      1u);

  // A compare-and-set in one space leaves the other's record alone.
  ASSERT_TRUE(log_->Replace(AsPending(failed, "2026-09-05T08:00:00Z"), failed.updated_at));
  EXPECT_EQ(other.Get(KeyOf(failed))->value().status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(IndexKeysMatching("*", "succeeded"), 0u);
}

}  // namespace
}  // namespace chansync::integration
