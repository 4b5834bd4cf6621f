#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"
#include "chansync/integration/integration_log.h"

namespace chansync::integration {

// The stored form of an integration record: compact JSON with short keys and times in epoch
// milliseconds, because the log keeps one record per reservation for years.
std::string EncodeIntegrationRecord(const IntegrationRecord& record);
// INTERNAL naming the field when the stored bytes are not a record.
core::Result<IntegrationRecord> DecodeIntegrationRecord(std::string_view data);

int64_t ToEpochMillis(core::Timestamp at);
core::Timestamp FromEpochMillis(int64_t ms);

}  // namespace chansync::integration
