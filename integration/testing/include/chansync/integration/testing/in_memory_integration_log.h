#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/integration/integration_log.h"

namespace chansync::integration::testing {

// The IntegrationLog contract in memory, for unit tests: same month rules (sale month in the
// given timezone, every month with a night), same outcome filters, same newest-first order,
// times kept to the millisecond as in Redis. Thread-safe.
class InMemoryIntegrationLog final : public IntegrationLog {
 public:
  core::Status Put(const std::vector<IntegrationRecord>& records,
                   std::string_view timezone) override;
  core::Result<std::optional<IntegrationRecord>> Get(const IntegrationKey& key) override;
  core::Result<std::vector<std::optional<IntegrationRecord>>> GetMany(
      const std::vector<IntegrationKey>& keys) override;
  core::Result<std::vector<IntegrationRecord>> List(const IntegrationQuery& query) override;
  core::Status Replace(const IntegrationRecord& record, core::Timestamp seen_updated_at) override;

  // While set, every call fails with STORE_UNAVAILABLE, as when Redis is down.
  void SetUnavailable(bool unavailable);
  size_t size() const;

 private:
  struct Entry {
    IntegrationRecord record;
    core::YearMonth sale_month;
  };
  core::Status CheckAvailable() const;

  mutable std::mutex mutex_;
  bool unavailable_ = false;
  std::map<std::string, Entry> entries_;  // by IntegrationRecord::id()
};

}  // namespace chansync::integration::testing
