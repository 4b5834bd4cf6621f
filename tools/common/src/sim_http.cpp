#include "chansync/tools/sim_http.h"

namespace chansync::tools {

const std::string* SimRequest::Param(const char* name) const {
  if (query == nullptr) return nullptr;
  auto it = query->find(name);
  return it == query->end() ? nullptr : &it->second;
}

}  // namespace chansync::tools
