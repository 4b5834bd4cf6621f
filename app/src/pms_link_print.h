#pragma once

#include <ostream>

#include "chansync/v1/pms_link.pb.h"

namespace chansync::app {

// The relay status as `chansync pms-link status` prints it: per property "OK" or "RELAY DOWN"
// with since when (and why it went down), then the diagnostics: last message sent,
// acknowledged, last success and last failure (record, time, reason), "-" for none yet.
void PrintPmsLinks(const v1::GetPmsLinkStatusResponse& response, std::ostream& out);

}  // namespace chansync::app
