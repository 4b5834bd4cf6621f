// The FIAS adapter of the postings port on twins: a scripted link, outbox and sequences in
// memory. What the real interface does is tested against fiassim (tests/integration).
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/fias/record_codec.h"
#include "chansync/fias_pms/fias_folio_client.h"
#include "chansync/fias_pms/testing/in_memory_fias_outbox.h"
#include "chansync/fias_pms/testing/in_memory_fias_sequences.h"
#include "chansync/fias_pms/testing/scripted_link.h"

namespace chansync::fias_pms {
namespace {

using core::ErrorCode;
using postings::PmsPostingRequest;

// A small interface behind the scripted link: a resync lists guest 4711 in room 101, a posting
// is answered AS `status_` (OK unless a test says), an inquiry lists the guests of `inquiry_`.
class FiasFolioClientTest : public ::testing::Test {
 protected:
  FiasFolioClientTest() {
    link_.SetAnswerer([this](const fias::Record& request) -> fias::Answer {
      if (request.type() == "DR") {
        return std::vector<fias::Record>{
            fias::Record("DS"),
            fias::Record("GI").Set("RN", "101").Set("G#", "4711").Set("GN", "Müller"),
            fias::Record("DE")};
      }
      if (!request.Has("TA")) {
        return std::vector<fias::Record>{fias::Record("PL")
                                             .Set("P#", std::string(request.GetOr("P#")))
                                             .Set("AS", "OK")
                                             .Set("RN", "101\\309")
                                             .Set("G#", "4711\\5000")};
      }
      return std::vector<fias::Record>{fias::Record("PA")
                                           .Set("P#", std::string(request.GetOr("P#")))
                                           .Set("RN", std::string(request.GetOr("RN")))
                                           .Set("AS", status_)};
    });
  }

  std::unique_ptr<FiasFolioClient> NewClient(FiasFolioClientOptions options = {}) {
    return std::make_unique<FiasFolioClient>("lodge", link_, index_, sequences_, outbox_, clock_,
                                             options);
  }

  static PmsPostingRequest Charge(int line, std::string guest = "4711") {
    PmsPostingRequest request;
    request.posting.property = "lodge";
    request.posting.amount = core::Money{1000 + line, "EUR"};
    request.posting.revenue_centre = "spa";
    request.posting.source = {"spa", "T1", line};
    request.posting.target = {postings::PostingTarget::Kind::kStay, std::move(guest)};
    request.code.outlet = "SPA1";
    request.idempotency_key = request.posting.Id();
    return request;
  }

  // The postings (PR with TA, PS) the link was asked to send, as their P#s.
  std::vector<std::string> SentSequences() const {
    std::vector<std::string> out;
    for (const fias::Record& record : link_.sent()) {
      if (record.Has("TA")) out.emplace_back(record.GetOr("P#"));
    }
    return out;
  }

  core::testing::FakeClock clock_;
  testing::ScriptedLink link_;
  GuestIndex index_;
  testing::InMemoryFiasSequences sequences_;
  testing::InMemoryFiasOutbox outbox_;
  std::string status_ = "OK";
};

TEST_F(FiasFolioClientTest, ResyncsOnceThenPostsWithTheKeysSequence) {
  auto client = NewClient();
  auto first = client->Post(Charge(1));
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->pms_posting_id, "1");
  EXPECT_EQ(first->folio_id, "101");
  auto second = client->Post(Charge(2));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->pms_posting_id, "2");

  const auto sent = link_.sent();
  ASSERT_EQ(sent.size(), 3u);  // DR once for the connection, then the two postings
  EXPECT_EQ(sent[0].type(), "DR");
  EXPECT_EQ(sent[1].type(), "PR");
  EXPECT_EQ(sent[1].GetOr("RN"), "101");
  EXPECT_EQ(sent[1].GetOr("G#"), "4711");
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());
}

TEST_F(FiasFolioClientTest, TheSameKeyKeepsItsSequenceInAnotherProcess) {
  ASSERT_TRUE(NewClient()->Post(Charge(1)));
  ASSERT_TRUE(NewClient()->Post(Charge(2)));
  auto again = NewClient()->Post(Charge(1));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->pms_posting_id, "1");
  EXPECT_EQ(SentSequences(), (std::vector<std::string>{"1", "2", "1"}));
}

TEST_F(FiasFolioClientTest, APostingWhoseAnswerWasLostIsResentFirstWithItsSequence) {
  auto client = NewClient();
  ASSERT_TRUE(client->Post(Charge(1)));  // resynced
  link_.Script(core::Fail(ErrorCode::kPmsUnavailable, "the interface closed the connection"));
  auto lost = client->Post(Charge(2));
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, ErrorCode::kPmsUnavailable);
  ASSERT_EQ(outbox_.Outstanding("lodge")->size(), 1u);
  const std::string lost_record = outbox_.Outstanding("lodge")->front().record;

  auto next = client->Post(Charge(3));
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_EQ(next->pms_posting_id, "3");
  EXPECT_EQ(SentSequences(), (std::vector<std::string>{"1", "2", "2", "3"}));
  EXPECT_EQ(fias::EncodeRecord(link_.sent()[3]), lost_record);  // resent as first sent
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());

  // The worker's retry of the lost posting answers its first PA again, under the same P#.
  auto retried = client->Post(Charge(2));
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->pms_posting_id, "2");
}

TEST_F(FiasFolioClientTest, AnUnansweredInquiryWritesNothingDown) {
  auto client = NewClient();
  link_.Script(std::vector<fias::Record>{fias::Record("DS"), fias::Record("DE")});
  link_.Script(core::Fail(ErrorCode::kDeadlineExceeded, "no answer within 30000 ms"));
  auto lost = client->Post(Charge(1, "4711"));
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, ErrorCode::kDeadlineExceeded);  // the inquiry, not the posting
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());
  EXPECT_TRUE(SentSequences().empty());
}

TEST_F(FiasFolioClientTest, ARestartResendsTheOutboxBeforeAnythingElse) {
  const fias::Record pending =
      fias::Record("PR").Set("RN", "101").Set("G#", "4711").Set("TA", "900").Set("P#", "1");
  ASSERT_TRUE(sequences_.SequenceOf("lodge", "spa:T0:1"));
  ASSERT_TRUE(outbox_.Put("lodge", {1, "spa:T0:1", fias::EncodeRecord(pending)}));

  auto client = NewClient();  // a new process: it knows nothing but the outbox
  ASSERT_TRUE(client->Post(Charge(2)));
  const auto sent = link_.sent();
  ASSERT_GE(sent.size(), 2u);
  EXPECT_EQ(sent[0], pending);  // before the resync and before the new posting
  EXPECT_EQ(SentSequences(), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(outbox_.Outstanding("lodge")->empty());
}

TEST_F(FiasFolioClientTest, AnUnresolvedPostingBlocksTheNextOnes) {
  auto client = NewClient();
  ASSERT_TRUE(client->Post(Charge(1)));
  link_.Script(core::Fail(ErrorCode::kPmsUnavailable, "lost"));
  ASSERT_FALSE(client->Post(Charge(2)));
  link_.Script(core::Fail(ErrorCode::kPmsUnavailable, "lost again"));
  auto blocked = client->Post(Charge(3));
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_NE(blocked.error().message.find("P# 2"), std::string::npos);
  EXPECT_EQ(SentSequences(), (std::vector<std::string>{"1", "2", "2"}));  // 3 was never sent
}

TEST_F(FiasFolioClientTest, RefusalsMapToErrorsAndFreeTheSequence) {
  auto client = NewClient();
  status_ = "NP";
  auto refused = client->Post(Charge(1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kStayNotChargeable);
  EXPECT_EQ(sequences_.size(), 0u);
  status_ = "UR";
  EXPECT_EQ(client->Post(Charge(1)).error().code, ErrorCode::kNotFound);
  status_ = "IA";
  EXPECT_EQ(client->Post(Charge(1)).error().code, ErrorCode::kPmsRejected);
  status_ = "OK";
  auto forced = client->Post(Charge(1));  // after a fix, sent as a new posting
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->pms_posting_id, "4");
  EXPECT_EQ(client->relay_status().last_failure->reason, "answer status IA");
  EXPECT_NE(client->relay_status().last_success->record.find("P#4"), std::string::npos);
}

TEST_F(FiasFolioClientTest, AGuestTheIndexLacksIsInquiredWithASequenceOfItsOwn) {
  auto client = NewClient();
  auto posted = client->Post(Charge(1, "5000"));
  ASSERT_TRUE(posted) << posted.error().ToString();
  const auto sent = link_.sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[1].type(), "PR");
  EXPECT_FALSE(sent[1].Has("TA"));
  EXPECT_EQ(sent[1].GetOr("G#"), "5000");
  EXPECT_EQ(sent[2].GetOr("RN"), "309");  // the room the PL gave
  EXPECT_NE(sent[1].GetOr("P#"), sent[2].GetOr("P#"));

  auto unknown = client->Post(Charge(2, "6000"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(FiasFolioClientTest, InquiresBeforeEveryGuestPostingWhenAsked) {
  auto client = NewClient({.inquire_before_posting = true});
  ASSERT_TRUE(client->Post(Charge(1)));
  const auto sent = link_.sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[1].GetOr("RN"), "101");
  EXPECT_FALSE(sent[1].Has("TA"));
}

TEST_F(FiasFolioClientTest, PostManyStopsSendingOnceTheLinkFails) {
  auto client = NewClient();
  ASSERT_TRUE(client->Post(Charge(1)));
  link_.Script(std::vector<fias::Record>{
      fias::Record("PA").Set("P#", "2").Set("RN", "101").Set("AS", "OK")});
  link_.Script(core::Fail(ErrorCode::kPmsUnavailable, "lost"));
  auto results = client->PostMany({Charge(2), Charge(3), Charge(4)}, 8);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0]);
  EXPECT_EQ(results[1].error().code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(results[2].error().code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(SentSequences(), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(FiasFolioClientTest, ADownLinkOrStoreSendsNothing) {
  link_.SetStatus({.alive = false, .last_failure = "cannot connect"});
  auto client = NewClient();
  auto down = client->Post(Charge(1));
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_NE(down.error().message.find("cannot connect"), std::string::npos);
  EXPECT_FALSE(client->relay_status().ok);

  link_.SetStatus({.alive = true, .connections = 1});
  outbox_.SetDown(true);
  EXPECT_EQ(client->Post(Charge(1)).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_TRUE(SentSequences().empty());
}

TEST_F(FiasFolioClientTest, StaysComeFromTheIndexAndTheRestIsUnimplemented) {
  auto client = NewClient();
  auto found = client->SearchStays("lodge", "mül");
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().id, "4711");
  EXPECT_TRUE(client->GetStay("lodge", "4711"));
  EXPECT_EQ(client->GetStay("lodge", "9").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(client->GetStay("other", "4711").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(client->ListFolios("lodge").error().code, ErrorCode::kUnimplemented);
  EXPECT_EQ(client->BusinessDate("lodge").error().code, ErrorCode::kUnimplemented);
  EXPECT_EQ(client->PostRevenueSummary("lodge", {}).error().code, ErrorCode::kUnimplemented);
  auto no_key = Charge(1);
  no_key.idempotency_key.clear();
  EXPECT_EQ(client->Post(no_key).error().code, ErrorCode::kInvalidArgument);
}

TEST(FiasSequencesTwinTest, WrapsAfterTheLargestSequence) {
  testing::InMemoryFiasSequences sequences;
  sequences.SetLast("lodge", kMaxSequence - 1);
  EXPECT_EQ(*sequences.SequenceOf("lodge", "a"), kMaxSequence);
  EXPECT_EQ(*sequences.NewSequence("lodge"), 1);
  EXPECT_EQ(*sequences.SequenceOf("lodge", "a"), kMaxSequence);
}

}  // namespace
}  // namespace chansync::fias_pms
