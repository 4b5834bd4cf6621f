#include "exit_codes.h"

#include <iostream>

namespace chansync::app {

int ReportUsage(const std::string& message, std::string_view usage) {
  std::cerr << "error: INVALID_ARGUMENT: " << message << '\n' << usage;
  return kExitUsage;
}

}  // namespace chansync::app
