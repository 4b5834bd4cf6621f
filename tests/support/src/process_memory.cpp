#include "chansync/test/process_memory.h"

#include <fstream>
#include <string>
#include <string_view>

namespace chansync::test {
namespace {

long StatusKib(pid_t pid, std::string_view field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(field)) return std::stol(line.substr(field.size()));
  }
  return -1;
}

}  // namespace

long RssKib(pid_t pid) { return StatusKib(pid, "VmRSS:"); }
long PeakRssKib(pid_t pid) { return StatusKib(pid, "VmHWM:"); }

}  // namespace chansync::test
