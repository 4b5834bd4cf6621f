#pragma once

#include <memory>

#include "chansync/pms/pms.h"
#include "flags.h"

namespace chansync::loadgen {

// The client the workers use, on --pms, with no retries so every call is measured once.
// Prints why and returns null when the URL is unusable.
std::unique_ptr<pms::Pms> PmsClientFrom(const Flags& flags);

}  // namespace chansync::loadgen
