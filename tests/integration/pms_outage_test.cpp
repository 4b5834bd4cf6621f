// Short PMS outages against real processes: reservations arriving while the PMS does not answer
// wait and are integrated once it is back, with no operator action. The 60-second outage is in
// tests/reliability.
#include <iostream>

#include "pms_outage_scenario.h"

namespace chansync::test::pms_outage {
namespace {

TEST(PmsOutageTest, ReservationsPushedWhileThePmsAnswers503AreIntegratedOnceWhenItIsBack) {
  OutageRun run;
  const Outcome outcome = run.Play({.outage = Outage::kUnavailable, .down = 6s});
  ExpectEachIntegratedOnce(outcome, run.ServerLogs());
  std::cout << "[ outage 503 6 s ] " << outcome.Summary() << '\n';
}

TEST(PmsOutageTest, ReservationsPushedWhileThePmsRefusesConnectionsAreIntegratedWhenItIsBack) {
  OutageRun run;
  const Outcome outcome = run.Play({.outage = Outage::kRefused, .before = 0ms, .down = 5s});
  ExpectEachIntegratedOnce(outcome, run.ServerLogs());
  std::cout << "[ outage refused 5 s ] " << outcome.Summary() << '\n';
}

}  // namespace
}  // namespace chansync::test::pms_outage
