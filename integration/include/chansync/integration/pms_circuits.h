#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"

namespace chansync::integration {

struct PmsCircuitOptions {
  // Wait before the first probe of a PMS that stopped answering; doubles with each probe that
  // finds it still down, up to probe_backoff_max (the longest a PMS back up waits unnoticed).
  std::chrono::milliseconds probe_backoff_base{1'000};
  std::chrono::milliseconds probe_backoff_max{30'000};
  // Bound on one probe call. Other callers wait this long for its verdict.
  std::chrono::milliseconds probe_deadline{5'000};
};

// What a caller may do now with the PMS writes of one property.
struct PmsGate {
  enum class Kind {
    kWrite,  // the circuit is closed: write
    kProbe,  // open and a probe is due: this caller probes, then reports Answered/NotAnswering
    kWait,   // open: write nothing before next_probe_at
  };
  Kind kind = Kind::kWrite;
  core::Timestamp down_since{};     // kProbe, kWait: when the PMS was first found not answering
  core::Timestamp next_probe_at{};  // kWait: when the PMS is tried again
};

// One circuit per property over its PMS (the "Retries" rule in docs/ARCHITECTURE.md): closed
// while the PMS answers; opened when it stops answering, so that the property's reservations wait
// instead of each spending its attempts on a PMS known to be down; probed with exponential
// backoff while open; closed again at the first answer. The state lives in this process only
// (shared by its workers): each process finds an outage and its end on its own.
//
// Thread-safe. Time is whatever the callers pass (their core::Clock).
class PmsCircuits {
 public:
  explicit PmsCircuits(PmsCircuitOptions options = {});

  // The gate for `property` at `now`. At most one caller gets kProbe per probe time: the others
  // get kWait until the probe's deadline has passed.
  PmsGate Enter(const core::PropertyId& property, core::Timestamp now);

  // The PMS of `property` answered a write or a probe (a refusal is an answer): closes its circuit.
  void Answered(const core::PropertyId& property);

  // The PMS of `property` did not answer (no write of a round, or the probe): opens its circuit,
  // or keeps it open with the next, longer backoff. Returns the kWait gate callers now face.
  PmsGate NotAnswering(const core::PropertyId& property, core::Timestamp now);

  // The open circuit of `property`, nullopt while closed.
  struct Open {
    core::Timestamp down_since{};
    core::Timestamp next_probe_at{};
    int failed_probes = 0;  // probes (and rounds of writes) that found the PMS down since it opened
  };
  std::optional<Open> OpenCircuit(const core::PropertyId& property) const;

  const PmsCircuitOptions& options() const { return options_; }

  // True for the errors that mean the PMS did not answer (as opposed to refusing).
  static bool IsOutage(const core::Error& error);

 private:
  std::chrono::milliseconds ProbeBackoff(int failed_probes) const;

  const PmsCircuitOptions options_;
  mutable std::mutex mutex_;
  std::map<core::PropertyId, Open> open_;  // closed circuits are absent
};

}  // namespace chansync::integration
