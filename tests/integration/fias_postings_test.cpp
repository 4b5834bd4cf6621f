// Postings over FIAS, exactly once: the FIAS adapter of the postings port (connectors/fias_pms)
// on a real redis-server (P# mapping and outbox) and a real fiassim, with links dropped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/fias_pms/fias_interface.h"
#include "chansync/fias_pms/redis_fias_outbox.h"
#include "chansync/fias_pms/redis_fias_sequences.h"
#include "chansync/test/fiassim.h"
#include "chansync/test/key_space.h"
#include "chansync/test/redis_server.h"

namespace chansync::fias_pms {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

constexpr char kGuests[] = R"({"guests": [
  {"room": "101", "guest": "4711", "name": "Müller", "first_name": "Anna"},
  {"room": "102", "guest": "4712", "name": "Durand", "first_name": "Léa"},
  {"room": "103", "guest": "4713", "name": "Dupont"},
  {"room": "Deposit", "guest": "9001", "name": "Deposit"},
  {"room": "204", "guest": "4800", "name": "Okafor", "no_post": true}]})";

bool Retried(const core::Error& error) { return core::IsRetried(core::RetryClassOf(error.code)); }

class FiasPostingsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::RedisServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  FiasPostingsTest()
      : pool_(server_->NewPool()),
        keys_(test::KeySpaceOfCurrentTest()),
        sequences_(*pool_, keys_),
        outbox_(*pool_, keys_),
        sim_(kGuests) {}

  // A new adapter, as a new process would make it: only Redis is shared with the last one.
  std::unique_ptr<FiasInterface> StartInterface() {
    fias::LinkSettings settings;
    settings.port = sim_.fias_port();
    settings.first_backoff = 20ms;
    settings.max_backoff = 100ms;
    settings.answer_timeout = 5s;
    auto started = FiasInterface::Start("lodge", settings, sequences_, outbox_, clock_);
    EXPECT_TRUE(started) << started.error().ToString();
    return started ? std::move(*started) : nullptr;
  }

  static postings::PmsPostingRequest Charge(int ticket, std::string guest, int64_t amount) {
    postings::PmsPostingRequest request;
    request.posting.property = "lodge";
    request.posting.amount = core::Money{amount, "EUR"};
    request.posting.revenue_centre = "spa";
    request.posting.source = {"spa", "T" + std::to_string(ticket), 1};
    request.posting.target = {postings::PostingTarget::Kind::kStay, std::move(guest)};
    request.code.outlet = "SPA1";
    request.idempotency_key = request.posting.Id();
    return request;
  }

  // Posts as the postings worker does: a posting whose outcome is unknown is posted again.
  static core::Result<postings::PmsPostingReceipt> PostUntilAnswered(
      FiasFolioClient& client, const postings::PmsPostingRequest& request) {
    core::Result<postings::PmsPostingReceipt> result;
    for (int attempt = 0; attempt < 50; ++attempt) {
      result = client.Post(request);
      if (result || !Retried(result.error())) return result;
    }
    return result;
  }

  rapidjson::Document SimJson(const std::string& path) const {
    rapidjson::Document doc;
    doc.Parse(sim_.Call(path).c_str());
    return doc;
  }

  static test::RedisServer* server_;
  core::SystemClock clock_;
  std::unique_ptr<redis::RedisPool> pool_;
  redis::KeySpace keys_;
  RedisFiasSequences sequences_;
  RedisFiasOutbox outbox_;
  test::FiasSimProcess sim_;
};

test::RedisServer* FiasPostingsTest::server_ = nullptr;

TEST_F(FiasPostingsTest, AThousandPostingsWithDroppedLinksAreEachBookedOnce) {
  sim_.Call("/faults", R"({"drop_every": 100})");
  auto interface = StartInterface();
  ASSERT_TRUE(interface);
  const std::vector<std::string> guests = {"4711", "4712", "4713"};
  std::map<std::string, int64_t> expected_balance;
  std::set<std::string> sequences;
  constexpr int kPostings = 1000;
  constexpr int kBatch = 20;
  for (int first = 0; first < kPostings; first += kBatch) {
    if (first % 300 == 160) {
      // A PA lost on top of the drops: booked, the link closed before the answer.
      sim_.Call("/faults", R"({"drop_after_booking": 1})");
    }
    std::vector<postings::PmsPostingRequest> batch;
    for (int i = first; i < first + kBatch; ++i) {
      batch.push_back(Charge(i, guests[i % guests.size()], 100 + i));
    }
    auto results = interface->client().PostMany(batch, 8);
    for (size_t k = 0; k < batch.size(); ++k) {
      if (!results[k]) {
        ASSERT_TRUE(Retried(results[k].error())) << results[k].error().ToString();
        results[k] = PostUntilAnswered(interface->client(), batch[k]);
      }
      ASSERT_TRUE(results[k]) << results[k].error().ToString();
      sequences.insert(results[k]->pms_posting_id);
      expected_balance[batch[k].posting.target.id] += batch[k].posting.amount.minor_units;
    }
  }
  EXPECT_EQ(sequences.size(), static_cast<size_t>(kPostings));

  const rapidjson::Document postings = SimJson("/postings");
  ASSERT_TRUE(postings.IsObject());
  EXPECT_EQ(postings["booked_total"].GetInt64(), kPostings);
  int resent = 0;
  for (const std::string& sequence : sequences) {
    ASSERT_TRUE(postings["postings"].HasMember(sequence.c_str())) << sequence;
    const auto& booking = postings["postings"][sequence.c_str()];
    EXPECT_TRUE(booking["booked"].GetBool()) << sequence;
    if (booking["received"].GetInt() > 1) ++resent;
  }
  EXPECT_GE(resent, 10);  // every dropped answer was resolved by its P#
  const rapidjson::Document folios = SimJson("/folios");
  for (const auto& [guest, balance] : expected_balance) {
    EXPECT_EQ(folios["folios"][guest.c_str()]["balance"].GetInt64(), balance) << guest;
  }
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());
  EXPECT_GE(interface->link().status().connections, 11);
}

TEST_F(FiasPostingsTest, ARestartResendsTheUnansweredPostingFirstAndItIsBookedOnce) {
  std::string lost_sequence;
  {
    auto before = StartInterface();
    ASSERT_TRUE(before);
    ASSERT_TRUE(before->client().Post(Charge(1, "4711", 500)));
    sim_.Call("/faults", R"({"drop_after_booking": 1})");
    auto lost = before->client().Post(Charge(2, "4711", 700));
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, ErrorCode::kPmsUnavailable);
    auto outstanding = outbox_.Outstanding("lodge");
    ASSERT_TRUE(outstanding);
    ASSERT_EQ(outstanding->size(), 1u);
    lost_sequence = std::to_string(outstanding->front().sequence);
  }  // the process stops with the posting outstanding

  auto after = StartInterface();
  ASSERT_TRUE(after);
  auto next = after->client().Post(Charge(3, "4712", 900));
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());
  const rapidjson::Document postings = SimJson("/postings");
  EXPECT_EQ(postings["booked_total"].GetInt64(), 3);
  EXPECT_EQ(postings["postings"][lost_sequence.c_str()]["received"].GetInt(), 2);
  EXPECT_TRUE(postings["postings"][lost_sequence.c_str()]["booked"].GetBool());
  EXPECT_EQ(SimJson("/folios")["folios"]["4711"]["balance"].GetInt64(), 1200);

  // The worker's own retry of the lost posting: the same P#, answered, not booked again.
  auto retried = after->client().Post(Charge(2, "4711", 700));
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->pms_posting_id, lost_sequence);
  EXPECT_EQ(SimJson("/postings")["booked_total"].GetInt64(), 3);
}

TEST_F(FiasPostingsTest, APostingDroppedBeforeBookingIsBookedByItsResend) {
  auto interface = StartInterface();
  ASSERT_TRUE(interface);
  sim_.Call("/faults", R"({"drop_before_booking": 1})");
  auto posted = PostUntilAnswered(interface->client(), Charge(1, "4713", 250));
  ASSERT_TRUE(posted) << posted.error().ToString();
  const rapidjson::Document postings = SimJson("/postings");
  EXPECT_EQ(postings["booked_total"].GetInt64(), 1);
  EXPECT_EQ(SimJson("/folios")["folios"]["4713"]["balance"].GetInt64(), 250);
}

TEST_F(FiasPostingsTest, RefusalsAndGuestLookupsComeFromTheInterface) {
  auto interface = StartInterface();
  ASSERT_TRUE(interface);
  FiasFolioClient& client = interface->client();
  EXPECT_EQ(client.Post(Charge(1, "4800", 100)).error().code, ErrorCode::kStayNotChargeable);
  EXPECT_EQ(client.Post(Charge(2, "7777", 100)).error().code, ErrorCode::kNotFound);

  auto found = client.SearchStays("lodge", "durand");
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().room, "102");
  sim_.Call("/guests/check-in", R"({"guest": "5000", "room": "309", "name": "Nakamura"})");
  EXPECT_TRUE(test::WaitUntil([&] { return client.GetStay("lodge", "5000").has_value(); }));
  sim_.Call("/guests/check-out", R"({"guest": "5000"})");
  EXPECT_TRUE(test::WaitUntil([&] { return !client.GetStay("lodge", "5000").has_value(); }));

  postings::PmsPostingRequest deposit = Charge(3, "", 5000);
  deposit.posting.target = {postings::PostingTarget::Kind::kAccount, "Deposit"};
  auto booked = client.Post(deposit);
  ASSERT_TRUE(booked) << booked.error().ToString();
  EXPECT_EQ(SimJson("/folios")["folios"]["9001"]["balance"].GetInt64(), 5000);
}

TEST_F(FiasPostingsTest, RedisSequencesAreAllocatedOnceAndWrap) {
  RedisFiasSequences other(*pool_, keys_);
  auto first = sequences_.SequenceOf("lodge", "bar:1:1");
  ASSERT_TRUE(first);
  EXPECT_EQ(*other.SequenceOf("lodge", "bar:1:1"), *first);
  EXPECT_EQ(*other.SequenceOf("lodge", "bar:1:2"), *first + 1);
  EXPECT_EQ(*sequences_.NewSequence("lodge"), *first + 2);
  ASSERT_TRUE(pool_->Command(
      {"SET", keys_.Property("lodge").FiasLastSequence(), std::to_string(kMaxSequence)}));
  EXPECT_EQ(*sequences_.SequenceOf("lodge", "bar:1:3"), 1);
  ASSERT_TRUE(sequences_.Forget("lodge", "bar:1:1", *first + 5));  // not its P#: kept
  EXPECT_EQ(*sequences_.SequenceOf("lodge", "bar:1:1"), *first);
  ASSERT_TRUE(sequences_.Forget("lodge", "bar:1:1", *first));
  EXPECT_EQ(*sequences_.SequenceOf("lodge", "bar:1:1"), 2);

  ASSERT_TRUE(outbox_.Put("lodge", {12, "bar:1:1", "PR|P#12|"}));
  ASSERT_TRUE(outbox_.Put("lodge", {3, "bar:1:2", "PS|P#3|"}));
  auto outstanding = outbox_.Outstanding("lodge");
  ASSERT_TRUE(outstanding);
  ASSERT_EQ(outstanding->size(), 2u);
  EXPECT_EQ(outstanding->front(), (OutboxEntry{3, "bar:1:2", "PS|P#3|"}));
  ASSERT_TRUE(outbox_.Remove("lodge", 3));
  EXPECT_EQ(outbox_.Outstanding("lodge")->size(), 1u);
}

}  // namespace
}  // namespace chansync::fias_pms
