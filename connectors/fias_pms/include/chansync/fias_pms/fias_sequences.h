#pragma once

#include <cstdint>
#include <string>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::fias_pms {

// FIAS posting sequence numbers (P#) are numeric and bounded: 1..kMaxSequence. The interface
// books a P# once, so a posting keeps one P# for life, whatever process sends it.
inline constexpr int64_t kMaxSequence = 99'999'999;

// Port: the P# of each posting of a property, durable across processes and restarts.
// Errors: STORE_UNAVAILABLE when the store cannot be reached. Thread-safe.
class FiasSequences {
 public:
  virtual ~FiasSequences() = default;

  // The P# of the posting whose idempotency key is `key`: the one allocated before, else the
  // next of the property's counter, allocated once (of two concurrent callers the first writer
  // wins and both get its number).
  virtual core::Result<int64_t> SequenceOf(const core::PropertyId& property,
                                           const std::string& key) = 0;
  // A P# of its own, never any posting's: an inquiry's.
  virtual core::Result<int64_t> NewSequence(const core::PropertyId& property) = 0;
  // Forgets `key`'s P# if it still is `sequence`. Called once the interface refused the posting
  // (nothing booked), so that sending it again after a fix is a new posting with a new P#
  // rather than the old P#, which the interface would answer with its first refusal.
  virtual core::Status Forget(const core::PropertyId& property, const std::string& key,
                              int64_t sequence) = 0;
};

}  // namespace chansync::fias_pms
