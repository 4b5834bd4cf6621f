// The 60-second PMS outage, three times: every reservation pushed before, during and after it
// is integrated exactly once, none fails, no operator acts.
#include <iostream>

#include "pms_outage_scenario.h"

namespace chansync::test::pms_outage {
namespace {

class PmsOutageReliabilityTest : public ::testing::TestWithParam<int> {};

TEST_P(PmsOutageReliabilityTest, ASixtySecondOutageEndsWithEveryReservationIntegratedOnce) {
  OutageRun run;
  const Outcome outcome = run.Play({.outage = Outage::kUnavailable,
                                    .before = 2s,
                                    .down = 60s,
                                    .after = 2s,
                                    .push_every = 30ms,
                                    .settle_timeout = 90s});
  ExpectEachIntegratedOnce(outcome, run.ServerLogs());
  std::cout << "[ outage 503 60 s, run " << GetParam() << " ] " << outcome.Summary() << '\n';
}

INSTANTIATE_TEST_SUITE_P(ThreeRuns, PmsOutageReliabilityTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace chansync::test::pms_outage
