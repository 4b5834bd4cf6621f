#include <spdlog/spdlog.h>

namespace {

// spdlog builds its logger registry on first use. Two threads logging first at once are safe,
// but the library is not built with ThreadSanitizer, which then cannot see the guard and reports
// a race; building the registry on the main thread before any test starts a thread avoids it.
[[maybe_unused]] const bool kLoggerReady = (spdlog::default_logger(), true);

}  // namespace
