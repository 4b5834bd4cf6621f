#pragma once

#include <vector>

#include "chansync/channel/http_exchange.h"
#include "chansync/channel/http_routes.h"
#include "ingest_routes.h"
#include "task_threads.h"

namespace chansync::channel {

// What one port serves: each request goes to the first mounted route set that claims its path,
// answered on `waiting_work` since those may wait; every other request to the ingest routes,
// which also answer unknown paths (404). Thread-safe; everything given must outlive it.
class HttpRouter {
 public:
  HttpRouter(const IngestRoutes& ingest, std::vector<const HttpRoutes*> mounted,
             TaskThreads& waiting_work)
      : ingest_(ingest), mounted_(std::move(mounted)), waiting_work_(waiting_work) {}

  void Handle(HttpRequest request, HttpReply reply) const;

 private:
  const IngestRoutes& ingest_;
  const std::vector<const HttpRoutes*> mounted_;
  TaskThreads& waiting_work_;
};

}  // namespace chansync::channel
