#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "chansync/postings/end_of_day_store.h"

namespace chansync::postings::testing {

// The EndOfDayStore twin: records in a map under a mutex, first writer wins.
class InMemoryEndOfDayStore final : public EndOfDayStore {
 public:
  core::Result<EndOfDayRecord> Record(const EndOfDayRecord& record) override;
  core::Status MarkSent(const core::PropertyId& property, core::CivilDate date,
                        core::Timestamp sent_at) override;
  core::Result<std::optional<EndOfDayRecord>> Get(const core::PropertyId& property,
                                                  core::CivilDate date) override;

 private:
  std::mutex mutex_;
  std::map<std::pair<core::PropertyId, core::CivilDate>, EndOfDayRecord> records_;
};

}  // namespace chansync::postings::testing
