#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/fias/cryptogram.h"
#include "chansync/fias/link_protocol.h"
#include "chansync/fias/record_codec.h"

namespace chansync::fias {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

class RecordingOutput final : public LinkOutput {
 public:
  void Send(const Record& record) override { sent.push_back(EncodeRecord(record)); }
  void Drop(const std::string& reason) override { dropped = reason; }
  void Event(const Record& record) override { events.push_back(EncodeRecord(record)); }

  std::vector<std::string> TakeSentTypes() {
    std::vector<std::string> types;
    for (const std::string& record : sent) types.push_back(record.substr(0, 2));
    sent.clear();
    return types;
  }

  std::vector<std::string> sent;
  std::vector<std::string> events;
  std::optional<std::string> dropped;
};

using Types = std::vector<std::string>;

Record Parsed(const char* body) { return *ParseRecord(body); }

class FiasLinkProtocolTest : public ::testing::Test {
 protected:
  FiasLinkProtocolTest() { settings_.records = {{"PS", "RNTAP#"}, {"PA", "ASP#"}}; }

  LinkProtocol& protocol() {
    if (!protocol_) protocol_.emplace(settings_, output_);
    return *protocol_;
  }
  void Receive(const char* body) {
    protocol().OnRecord(Parsed(body), clock_.SteadyNow(), clock_.Now());
  }
  void Tick() { protocol().OnTick(clock_.SteadyNow(), clock_.Now()); }
  void Advance(std::chrono::nanoseconds by) {
    clock_.Advance(by);
    Tick();
  }
  void Link() {
    protocol().OnConnected(clock_.SteadyNow());
    Receive("LS|DA260701|TI120000|");
    Receive("LA|");
    output_.sent.clear();
    ASSERT_TRUE(protocol().alive());
  }
  // Submits and returns where the answer lands.
  std::shared_ptr<std::optional<Answer>> Submit(const char* body) {
    auto answer = std::make_shared<std::optional<Answer>>();
    protocol().Submit(
        Parsed(body), [answer](Answer result) { *answer = std::move(result); }, clock_.SteadyNow());
    return answer;
  }

  LinkSettings settings_;
  RecordingOutput output_;
  core::testing::FakeClock clock_{std::chrono::sys_days{std::chrono::July / 1 / 2026} + 12h};
  std::optional<LinkProtocol> protocol_;
};

TEST_F(FiasLinkProtocolTest, AnswersTheLinkStartWithDescriptionRecordsAndAlive) {
  protocol().OnConnected(clock_.SteadyNow());
  EXPECT_TRUE(output_.sent.empty());  // the interface speaks first
  Receive("LS|DA260701|TI120000|");
  EXPECT_EQ(output_.sent[0], "LD|DA260701|TI120000|V#chansync 1|IFPO|");
  EXPECT_EQ(output_.sent[1], "LR|RIPS|FLRNTAP#|");
  EXPECT_EQ(output_.sent[2], "LR|RIPA|FLASP#|");
  EXPECT_EQ(output_.sent[3], "LA|DA260701|TI120000|");
  EXPECT_FALSE(protocol().alive());
  Receive("LA|");
  EXPECT_TRUE(protocol().alive());
}

TEST_F(FiasLinkProtocolTest, SendsTheCryptogramOfTheLinkStartWhenAKeyIsSet) {
  settings_.key = *ParseLinkKey("000102030405060708090a0b0c0d0e0f");
  protocol().OnConnected(clock_.SteadyNow());
  Receive("LS|DA260701|TI120000|");
  EXPECT_EQ(output_.TakeSentTypes(), (Types{"LD", "CG", "LR", "LR", "LA"}));
  protocol().OnConnected(clock_.SteadyNow());
  Receive("LS|TI120000|DA260701|");
  EXPECT_NE(
      std::find(output_.sent.begin(), output_.sent.end(), "CG|CV21A4167B8ED868665CE7319CB92FC005|"),
      output_.sent.end());
}

TEST_F(FiasLinkProtocolTest, DropsALinkWhoseHandshakeDoesNotComeInTime) {
  protocol().OnConnected(clock_.SteadyNow());
  EXPECT_EQ(protocol().NextDeadline(), clock_.SteadyNow() + 30s);
  Advance(29s);
  EXPECT_FALSE(output_.dropped);
  Advance(1s);
  ASSERT_TRUE(output_.dropped);
  EXPECT_NE(output_.dropped->find("no LS"), std::string::npos);

  output_.dropped.reset();
  protocol().OnConnected(clock_.SteadyNow());
  Receive("LS|DA260701|TI120000|");
  Advance(30s);
  ASSERT_TRUE(output_.dropped);
  EXPECT_NE(output_.dropped->find("did not answer the handshake"), std::string::npos);
}

TEST_F(FiasLinkProtocolTest, KeepsAQuietLinkAliveAndDropsOneThatStopsAnswering) {
  Link();
  Advance(59s);
  EXPECT_TRUE(output_.sent.empty());
  Advance(1s);
  EXPECT_EQ(output_.TakeSentTypes(), Types{"LA"});
  Advance(10s);
  Receive("LA|");
  Advance(49s);
  EXPECT_TRUE(output_.sent.empty());
  Advance(1s);  // a minute after the last keep-alive
  EXPECT_EQ(output_.TakeSentTypes(), Types{"LA"});
  Advance(30s);  // unanswered
  ASSERT_TRUE(output_.dropped);
  EXPECT_FALSE(protocol().alive());
}

TEST_F(FiasLinkProtocolTest, AnswersALinkEndAndDrops) {
  Link();
  auto answer = Submit("PS|RN101|TA1050|P#7|");
  Receive("LE|");
  EXPECT_EQ(output_.TakeSentTypes(), (Types{"PS", "LE"}));
  ASSERT_TRUE(output_.dropped);
  ASSERT_TRUE(answer->has_value());
  EXPECT_EQ((*answer)->error().code, ErrorCode::kPmsUnavailable);
}

TEST_F(FiasLinkProtocolTest, MatchesAPostingToTheAnswerOfItsSequenceNumber) {
  Link();
  auto answer = Submit("PS|RN101|TA1050|P#7|");
  EXPECT_TRUE(protocol().busy());
  Receive("PA|ASOK|P#6|");  // a late answer of another posting
  EXPECT_FALSE(answer->has_value());
  Receive("PL|ASOK|P#7|");  // not the kind awaited
  EXPECT_FALSE(answer->has_value());
  Receive("PA|P#7|ASOK|RN101|");
  ASSERT_TRUE(answer->has_value() && answer->value().has_value());
  EXPECT_EQ((**answer)->at(0).GetOr("AS"), "OK");
  EXPECT_FALSE(protocol().busy());
}

TEST_F(FiasLinkProtocolTest, APostingWaitsThirtySecondsAndAnInquirySixty) {
  Link();
  auto posting = Submit("PR|RN101|G#1|TA100|P#8|");
  Advance(29s);
  EXPECT_FALSE(posting->has_value());
  Advance(1s);
  ASSERT_TRUE(posting->has_value());
  EXPECT_EQ((*posting)->error().code, ErrorCode::kDeadlineExceeded);
  EXPECT_TRUE(protocol().alive());  // the link stays; the posting is resolved by resending P#8

  auto inquiry = Submit("PR|RN101|P#9|");
  Advance(59s);
  EXPECT_FALSE(inquiry->has_value());
  Advance(1s);
  ASSERT_TRUE(inquiry->has_value());
  EXPECT_EQ((*inquiry)->error().code, ErrorCode::kDeadlineExceeded);
}

TEST_F(FiasLinkProtocolTest, NoKeepAliveWhileARequestWaits) {
  Link();
  auto inquiry = Submit("PR|RN101|P#9|");
  Advance(59s);
  EXPECT_EQ(output_.TakeSentTypes(), Types{"PR"});
  EXPECT_EQ(protocol().NextDeadline(), clock_.SteadyNow() + 1s);
}

TEST_F(FiasLinkProtocolTest, OneRequestAtATimeAndNoneOnALinkNotAlive) {
  auto early = Submit("PS|RN101|TA1|P#1|");
  ASSERT_TRUE(early->has_value());
  EXPECT_EQ((*early)->error().code, ErrorCode::kPmsUnavailable);
  Link();
  auto first = Submit("PS|RN101|TA1|P#2|");
  auto second = Submit("PS|RN101|TA1|P#3|");
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ((*second)->error().code, ErrorCode::kInternal);
  protocol().OnDisconnected("gone");
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->error().code, ErrorCode::kPmsUnavailable);
  EXPECT_FALSE(protocol().alive());
}

TEST_F(FiasLinkProtocolTest, AResyncCollectsTheGuestsBetweenStartAndEnd) {
  Link();
  auto resync = Submit("DR|");
  Receive("DS|");
  Receive("GI|RN101|G#1|GNA|");
  Receive("XX|unknown|");
  Receive("GI|RN102|G#2|GNB|");
  EXPECT_FALSE(resync->has_value());
  Receive("DE|");
  ASSERT_TRUE(resync->has_value() && resync->value().has_value());
  EXPECT_EQ((**resync)->size(), 2u);
  EXPECT_TRUE(output_.events.empty());
}

TEST_F(FiasLinkProtocolTest, GuestEventsOutsideARequestGoToTheEventOutput) {
  Link();
  Receive("GI|RN101|G#1|GNA|");
  Receive("GO|RN101|G#1|");
  Receive("GC|RN102|G#1|");
  EXPECT_EQ(output_.events.size(), 3u);
}

TEST_F(FiasLinkProtocolTest, ALinkStartOnALiveLinkRunsTheHandshakeAgain) {
  Link();
  auto answer = Submit("PS|RN101|TA1|P#4|");
  Receive("LS|DA260701|TI130000|");
  ASSERT_TRUE(answer->has_value());
  EXPECT_EQ((*answer)->error().code, ErrorCode::kPmsUnavailable);
  EXPECT_FALSE(protocol().alive());
  EXPECT_EQ(output_.TakeSentTypes(), (Types{"PS", "LD", "LR", "LR", "LA"}));
  Receive("LA|");
  EXPECT_TRUE(protocol().alive());
}

TEST(FiasReconnectBackoffTest, DoublesFromTheFirstWaitUpToTheLongest) {
  LinkSettings settings;
  EXPECT_EQ(ReconnectBackoff(settings, 0), 1s);
  EXPECT_EQ(ReconnectBackoff(settings, 1), 2s);
  EXPECT_EQ(ReconnectBackoff(settings, 4), 16s);
  EXPECT_EQ(ReconnectBackoff(settings, 5), 30s);
  EXPECT_EQ(ReconnectBackoff(settings, 1000), 30s);
}

}  // namespace
}  // namespace chansync::fias
