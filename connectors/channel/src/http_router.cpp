#include "http_router.h"

namespace chansync::channel {

void HttpRouter::Handle(HttpRequest request, HttpReply reply) const {
  for (const HttpRoutes* routes : mounted_) {
    if (!routes->Serves(request.path)) continue;
    return waiting_work_.Post(
        [routes, request = std::move(request), reply = std::move(reply)]() mutable {
          reply(routes->Answer(request));
        });
  }
  ingest_.Handle(std::move(request), std::move(reply));
}

}  // namespace chansync::channel
