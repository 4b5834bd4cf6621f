#pragma once

#include <map>
#include <mutex>
#include <set>

#include "chansync/core/ids.h"
#include "chansync/pms/pms_directory.h"

namespace chansync::pms::testing {

// A PmsDirectory over PMS twins (typically FakePms) handed to it, without I/O. Each property
// is answered by the PMS assigned to it, else by the fallback; the errors are those of
// CurlPmsDirectory: INVALID_ARGUMENT for a property with no PMS endpoint, no PMS at all, or a
// connection marked unusable. The PMSs must outlive the directory.
//
// Thread-safe.
class InMemoryPmsDirectory final : public PmsDirectory {
 public:
  InMemoryPmsDirectory() = default;
  // Every property without a PMS of its own is answered by `fallback`.
  explicit InMemoryPmsDirectory(Pms& fallback) : fallback_(&fallback) {}

  // From now on `property` is answered by `pms`.
  void Assign(const core::PropertyId& property, Pms& pms);
  // While unusable, `property` gets the error a bad PMS URL or credentials would give.
  void SetUnusable(const core::PropertyId& property, bool unusable);

  core::Result<Pms*> For(const core::Property& property) override;

 private:
  std::mutex mutex_;
  Pms* fallback_ = nullptr;
  std::map<core::PropertyId, Pms*> assigned_;
  std::set<core::PropertyId> unusable_;
};

}  // namespace chansync::pms::testing
