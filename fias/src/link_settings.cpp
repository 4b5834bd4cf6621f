#include "chansync/fias/link_settings.h"

#include <algorithm>

namespace chansync::fias {

std::chrono::milliseconds ReconnectBackoff(const LinkSettings& settings, int attempt) {
  std::chrono::milliseconds wait = settings.first_backoff;
  for (int i = 0; i < attempt && wait < settings.max_backoff; ++i) wait *= 2;
  return std::min(wait, settings.max_backoff);
}

}  // namespace chansync::fias
