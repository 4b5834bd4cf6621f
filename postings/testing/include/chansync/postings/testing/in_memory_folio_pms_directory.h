#pragma once

#include "chansync/postings/folio_pms_directory.h"

namespace chansync::postings::testing {

// A FolioPmsDirectory answering every property with one FolioPms twin (typically
// pms::testing::FakeFolioPms), which must outlive it. Thread-safe.
class InMemoryFolioPmsDirectory final : public FolioPmsDirectory {
 public:
  explicit InMemoryFolioPmsDirectory(FolioPms& pms) : pms_(pms) {}
  core::Result<FolioPms*> For(const core::Property&) override { return &pms_; }

 private:
  FolioPms& pms_;
};

}  // namespace chansync::postings::testing
