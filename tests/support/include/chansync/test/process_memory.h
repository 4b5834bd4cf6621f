#pragma once

#include <sys/types.h>

namespace chansync::test {

// Resident memory of a running process in KiB, from /proc/<pid>/status: now (VmRSS) and its
// peak since it started (VmHWM). -1 when the process or the line is not there.
long RssKib(pid_t pid);
long PeakRssKib(pid_t pid);

}  // namespace chansync::test
