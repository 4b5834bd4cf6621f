#include "chansync/postings/end_of_day_scheduler.h"

#include <spdlog/spdlog.h>

#include "chansync/postings/business_date.h"

namespace chansync::postings {

EndOfDayScheduler::EndOfDayScheduler(PostingDesk& desk, PostingProperties& properties,
                                     PostingSetupStore& setups, PostingLog& log,
                                     const core::Clock& clock, EndOfDaySchedulerOptions options)
    : desk_(desk),
      properties_(properties),
      setups_(setups),
      log_(log),
      clock_(clock),
      options_(options) {}

EndOfDayScheduler::Outcome EndOfDayScheduler::RunProperty(const core::Property& property) {
  auto warn = [&](const core::Error& error) {
    spdlog::warn("end of day of {}: {}", property.id, error.ToString());
    return Outcome::kError;
  };
  const auto now = clock_.Now();
  auto setup = setups_.Get(property.id);
  if (!setup) return warn(setup.error());
  auto today = BusinessDateAt(now - options_.grace, property.timezone, setup->end_of_day);
  if (!today) return warn(today.error());
  const core::CivilDate closed = today->AddDays(-1);
  if (auto known = settled_.find(property.id); known != settled_.end() && known->second >= closed) {
    return Outcome::kWaiting;
  }
  auto size = log_.DaySize(property.id, closed);
  if (!size) return warn(size.error());
  if (*size == 0) {
    settled_[property.id] = closed;
    return Outcome::kEmpty;
  }
  auto closing = BusinessDayEnd(closed, property.timezone, setup->end_of_day);
  if (!closing) return warn(closing.error());
  if (now < *closing + options_.max_wait) {
    auto pending = desk_.Day(property.id, closed, PostingState::kPending);
    if (!pending) return warn(pending.error());
    if (pending->pending > 0) return Outcome::kWaiting;
  }
  auto sent = desk_.EndOfDay(property.id, closed);
  if (!sent) return warn(sent.error());
  if (!sent->already_sent) {
    spdlog::info("end of day of {} {}: {} summary lines sent", property.id, closed.ToString(),
                 sent->summary.lines.size());
  }
  settled_[property.id] = closed;
  return Outcome::kSent;
}

core::Result<EndOfDayRunReport> EndOfDayScheduler::RunDue() {
  ASSIGN_OR_RETURN(const auto properties, properties_.List());
  EndOfDayRunReport report;
  for (const core::Property& property : properties) {
    switch (RunProperty(property)) {
      case Outcome::kSent:
        ++report.sent;
        break;
      case Outcome::kWaiting:
        ++report.waiting;
        break;
      case Outcome::kEmpty:
        ++report.empty;
        break;
      case Outcome::kError:
        ++report.errors;
        break;
    }
  }
  return report;
}

void EndOfDayScheduler::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    if (auto report = RunDue(); !report) {
      spdlog::warn("end of day scan: {}", report.error().ToString());
    }
    clock_.WaitFor(options_.tick, stop);
  }
}

}  // namespace chansync::postings
