#include <cstdio>
#include <fstream>

#include "chansync/tools/sim_server.h"

namespace chansync::tools {

bool WriteReadyFile(const std::string& path, std::string_view content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) return false;
    out << content << "\n";
    if (!out.flush()) return false;
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

}  // namespace chansync::tools
