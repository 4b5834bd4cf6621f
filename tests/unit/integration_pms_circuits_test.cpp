#include <gtest/gtest.h>

#include "chansync/core/testing/fake_clock.h"
#include "chansync/integration/pms_circuits.h"

namespace chansync::integration {
namespace {

using namespace std::chrono_literals;
using Kind = PmsGate::Kind;

class PmsCircuitsTest : public ::testing::Test {
 protected:
  core::testing::FakeClock clock_{
      std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000))};
  PmsCircuits circuits_{{.probe_backoff_base = 1s, .probe_backoff_max = 8s, .probe_deadline = 2s}};
};

TEST_F(PmsCircuitsTest, AClosedCircuitLetsWritesThrough) {
  EXPECT_EQ(circuits_.Enter("riviera", clock_.Now()).kind, Kind::kWrite);
  EXPECT_FALSE(circuits_.OpenCircuit("riviera"));
}

TEST_F(PmsCircuitsTest, APmsNotAnsweringOpensItsPropertysCircuitOnly) {
  const auto down_at = clock_.Now();
  PmsGate gate = circuits_.NotAnswering("riviera", down_at);
  EXPECT_EQ(gate.kind, Kind::kWait);
  EXPECT_EQ(gate.down_since, down_at);
  EXPECT_EQ(gate.next_probe_at, down_at + 1s);

  clock_.Advance(500ms);
  PmsGate waiting = circuits_.Enter("riviera", clock_.Now());
  EXPECT_EQ(waiting.kind, Kind::kWait);
  EXPECT_EQ(waiting.next_probe_at, down_at + 1s);
  EXPECT_EQ(circuits_.Enter("other", clock_.Now()).kind, Kind::kWrite);
}

TEST_F(PmsCircuitsTest, OneCallerProbesWhenDueAndTheOthersWaitForItsVerdict) {
  circuits_.NotAnswering("riviera", clock_.Now());
  clock_.Advance(1s);
  PmsGate probe = circuits_.Enter("riviera", clock_.Now());
  EXPECT_EQ(probe.kind, Kind::kProbe);
  PmsGate other = circuits_.Enter("riviera", clock_.Now());
  EXPECT_EQ(other.kind, Kind::kWait);
  EXPECT_EQ(other.next_probe_at, clock_.Now() + 2s);  // the probe's deadline
}

TEST_F(PmsCircuitsTest, FailedProbesBackOffExponentiallyUpToTheCap) {
  const auto down_at = clock_.Now();
  std::vector<std::chrono::milliseconds> waits;
  auto gate = circuits_.NotAnswering("riviera", clock_.Now());
  for (int i = 0; i < 6; ++i) {
    waits.push_back(
        std::chrono::duration_cast<std::chrono::milliseconds>(gate.next_probe_at - clock_.Now()));
    clock_.Set(gate.next_probe_at);
    ASSERT_EQ(circuits_.Enter("riviera", clock_.Now()).kind, Kind::kProbe);
    gate = circuits_.NotAnswering("riviera", clock_.Now());
    EXPECT_EQ(gate.down_since, down_at);
  }
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{1s, 2s, 4s, 8s, 8s, 8s}));
  EXPECT_EQ(circuits_.OpenCircuit("riviera")->failed_probes, 7);
}

TEST_F(PmsCircuitsTest, AnAnswerClosesTheCircuitAndTheNextOutageStartsAfresh) {
  circuits_.NotAnswering("riviera", clock_.Now());
  clock_.Advance(1s);
  circuits_.NotAnswering("riviera", clock_.Now());
  circuits_.Answered("riviera");
  EXPECT_EQ(circuits_.Enter("riviera", clock_.Now()).kind, Kind::kWrite);
  EXPECT_FALSE(circuits_.OpenCircuit("riviera"));

  clock_.Advance(1min);
  auto again = circuits_.NotAnswering("riviera", clock_.Now());
  EXPECT_EQ(again.down_since, clock_.Now());
  EXPECT_EQ(again.next_probe_at, clock_.Now() + 1s);
}

TEST_F(PmsCircuitsTest, ARefusalIsAnAnswerAndOnlyUnavailabilityIsAnOutage) {
  EXPECT_TRUE(PmsCircuits::IsOutage({core::ErrorCode::kPmsUnavailable, "down"}));
  EXPECT_TRUE(PmsCircuits::IsOutage({core::ErrorCode::kDeadlineExceeded, "slow"}));
  EXPECT_FALSE(PmsCircuits::IsOutage({core::ErrorCode::kPmsRejected, "no"}));
  EXPECT_FALSE(PmsCircuits::IsOutage({core::ErrorCode::kNoAvailability, "full"}));
}

}  // namespace
}  // namespace chansync::integration
