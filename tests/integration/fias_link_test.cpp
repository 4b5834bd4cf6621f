// The FIAS link (fias/fias_link.h) against a real fiassim process.
#include "chansync/fias/fias_link.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/fias/record_codec.h"
#include "chansync/test/fiassim.h"

namespace chansync::fias {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr char kGuests[] = R"({"guests": [
  {"room": "101", "guest": "4711", "name": "Müller", "first_name": "Anna"},
  {"room": "204", "guest": "4800", "name": "Okafor", "no_post": true}]})";
constexpr char kKey[] = "000102030405060708090a0b0c0d0e0f";

class FiasLinkTest : public ::testing::Test {
 protected:
  void StartSim(std::vector<std::string> flags = {}) {
    sim_ = std::make_unique<test::FiasSimProcess>(kGuests, std::move(flags));
    settings_.port = sim_->fias_port();
  }
  void StartLink() {
    auto made = FiasLink::Make(settings_, clock_, [this](const Record& event) {
      std::lock_guard lock(events_mutex_);
      events_.push_back(EncodeRecord(event));
    });
    ASSERT_TRUE(made) << made.error().ToString();
    link_ = std::move(*made);
    link_->Start();
  }
  bool Alive(std::chrono::milliseconds within = 10s) {
    return link_->WaitAlive(clock_.SteadyNow() + within);
  }
  // A fiassim started with `flags` and a link to it that came alive.
  bool Linked(std::vector<std::string> flags = {}) {
    StartSim(std::move(flags));
    StartLink();
    return Alive();
  }
  std::string Status() const { return sim_->Call("/status"); }
  std::vector<std::string> Events() {
    std::lock_guard lock(events_mutex_);
    return events_;
  }

  core::SystemClock clock_;
  LinkSettings settings_ = [] {
    LinkSettings settings;
    settings.first_backoff = 50ms;
    settings.max_backoff = 200ms;
    return settings;
  }();
  std::unique_ptr<test::FiasSimProcess> sim_;
  std::unique_ptr<FiasLink> link_;
  std::mutex events_mutex_;
  std::vector<std::string> events_;
};

TEST_F(FiasLinkTest, HandshakeDescribesTheLinkAndItsRecords) {
  ASSERT_TRUE(Linked());
  const std::string status = Status();
  EXPECT_THAT(status, HasSubstr(R"("alive":true)"));
  EXPECT_THAT(status, HasSubstr(R"("V#":"chansync 1")"));
  EXPECT_THAT(status, HasSubstr(R"("IF":"PO")"));
  EXPECT_THAT(status, HasSubstr(R"("PR":"RNG#TAP#SOPMT1S1TPCTWSDATI")"));
  EXPECT_EQ(link_->status().connections, 1);
}

TEST_F(FiasLinkTest, PostsAndResolvesAResentSequenceNumberWithoutBookingTwice) {
  ASSERT_TRUE(Linked());
  const Record posting =
      Record("PR").Set("RN", "101").Set("G#", "4711").Set("TA", "1050").Set("P#", "77");
  auto first = link_->Call(posting);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->at(0).GetOr("AS"), "OK");
  auto again = link_->Call(posting);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at(0).GetOr("AS"), "OK");
  EXPECT_THAT(sim_->Call("/postings"), HasSubstr(R"("77":{"received":2,"booked":true)"));
  EXPECT_THAT(sim_->Call("/folios"), HasSubstr(R"("4711":{"room":"101","balance":1050)"));

  auto refused = link_->Call(Record("PS").Set("RN", "204").Set("TA", "10").Set("P#", "78"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->at(0).GetOr("AS"), "NP");
  auto inquiry = link_->Call(Record("PR").Set("RN", "101").Set("P#", "79"));
  ASSERT_TRUE(inquiry);
  EXPECT_EQ(inquiry->at(0).type(), "PL");
  EXPECT_EQ(inquiry->at(0).GetOr("GN"), "Müller");  // through CP850 both ways
}

TEST_F(FiasLinkTest, KeepsAnIdleLinkAliveWithKeepAlives) {
  settings_.keep_alive_interval = 100ms;
  settings_.answer_timeout = 500ms;
  ASSERT_TRUE(Linked());
  EXPECT_TRUE(test::WaitUntil([&] { return Status().find(R"("LA":6)") != std::string::npos; }));
  EXPECT_EQ(link_->status().connections, 1);
  EXPECT_TRUE(link_->status().alive);
}

TEST_F(FiasLinkTest, DropsAndReconnectsALinkWhoseKeepAliveIsNotAnswered) {
  settings_.keep_alive_interval = 100ms;
  settings_.answer_timeout = 300ms;
  ASSERT_TRUE(Linked());
  sim_->Call("/faults", R"({"ignore_keep_alive": true})");
  EXPECT_TRUE(test::WaitUntil([&] { return link_->status().connections >= 2; }));
  EXPECT_THAT(link_->status().last_failure, HasSubstr("keep-alive"));
}

TEST_F(FiasLinkTest, ALinkEndFromTheInterfaceIsAnsweredAndTheLinkComesBack) {
  ASSERT_TRUE(Linked());
  sim_->Call("/link-end", "{}");
  EXPECT_TRUE(test::WaitUntil([&] { return link_->status().connections == 2; }));
  ASSERT_TRUE(Alive());
  EXPECT_THAT(Status(), HasSubstr(R"("LE":1)"));  // chansync answered it
}

TEST_F(FiasLinkTest, ARefusedHandshakeKeepsTheLinkDownUntilTheInterfaceAccepts) {
  StartSim({"--faults", R"({"refuse_handshake": true})"});
  StartLink();
  EXPECT_TRUE(test::WaitUntil([&] { return link_->status().connections >= 3; }));
  EXPECT_FALSE(link_->status().alive);
  EXPECT_THAT(link_->status().last_failure, HasSubstr("LE"));
  auto refused = link_->Call(Record("PS").Set("RN", "101").Set("TA", "1").Set("P#", "1"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPmsUnavailable);

  sim_->Call("/faults", R"({"refuse_handshake": false})");
  EXPECT_TRUE(Alive());
}

TEST_F(FiasLinkTest, ReconnectsAfterTheConnectionIsDroppedAndAfterTheInterfaceWasAway) {
  ASSERT_TRUE(Linked());
  sim_->Call("/drop", "{}");
  EXPECT_TRUE(test::WaitUntil([&] { return link_->status().connections == 2; }));
  EXPECT_TRUE(Alive());

  // Nothing listens: the link keeps trying and says why it is down.
  settings_.port = test::FreeTcpPort();
  link_.reset();
  StartLink();
  EXPECT_FALSE(Alive(300ms));
  EXPECT_EQ(link_->status().connections, 0);
  EXPECT_THAT(link_->status().last_failure, HasSubstr("cannot connect"));
}

TEST_F(FiasLinkTest, AuthenticatesWithTheCryptogramWhenTheInterfaceHasAKey) {
  StartSim({"--key", kKey});
  settings_.key = *ParseLinkKey(kKey);
  StartLink();
  EXPECT_TRUE(Alive());

  link_.reset();
  settings_.key = *ParseLinkKey("ffffffffffffffffffffffffffffffff");
  StartLink();
  EXPECT_FALSE(Alive(500ms));
  EXPECT_THAT(link_->status().last_failure, HasSubstr("LE"));
}

TEST_F(FiasLinkTest, GuestEventsReachTheHandlerAndGarbageIsIgnored) {
  ASSERT_TRUE(Linked());
  sim_->Call("/send", R"({"raw": "noise\u0002XX|unknown|\u0003\u0002bad\u0003"})");
  sim_->Call("/guests/check-in", R"({"guest": "5000", "room": "305", "name": "Ito"})");
  sim_->Call("/guests/check-out", R"({"guest": "4711"})");
  EXPECT_TRUE(test::WaitUntil([&] { return Events().size() == 2; }));
  EXPECT_EQ(Events()[0], "GI|RN305|G#5000|GNIto|");
  EXPECT_EQ(Events()[1], "GO|RN101|G#4711|GNMüller|GFAnna|");
  auto resync = link_->Call(Record("DR"));
  ASSERT_TRUE(resync);
  EXPECT_EQ(resync->size(), 2u);  // 4800 and 5000 in house
  EXPECT_EQ(link_->status().connections, 1);
}

TEST_F(FiasLinkTest, APostingWhoseAnswerNeverComesTimesOutAndIsResolvedByResending) {
  settings_.answer_timeout = 300ms;
  ASSERT_TRUE(Linked({"--faults", R"({"never_answer": 1})"}));
  const Record posting = Record("PS").Set("RN", "101").Set("TA", "500").Set("P#", "90");
  auto lost = link_->Call(posting);
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, core::ErrorCode::kDeadlineExceeded);
  auto resolved = link_->Call(posting);
  ASSERT_TRUE(resolved) << resolved.error().ToString();
  EXPECT_EQ(resolved->at(0).GetOr("AS"), "OK");
  EXPECT_THAT(sim_->Call("/postings"), HasSubstr(R"("booked_total":1)"));
}

}  // namespace
}  // namespace chansync::fias
